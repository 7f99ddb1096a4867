import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  ConditionFailedError,
  ConfigurationError,
  count,
  createItem,
  defineEntity,
  deleteItem,
  getItem,
  putItem,
  query,
  queryPages,
  scan,
  scanPages,
  TableCore,
  TablewrightError,
  updateItem,
  VersionConflictError,
  type EntityItem,
  type EntityKey,
  type Table,
} from '../../src/index.js';
import { TableCore as CoreTable } from '../../src/core.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
// Far ahead of the wall clock: DynamoDB Local really deletes expired items, and an item expired by real time
// could vanish between two calls of a test (it did, on a loaded machine).
const NOW = Date.parse('2099-01-01T00:00:00.000Z');
let table: Table<'gsi1'>;

const schema = z.object({
  orgId: z.string(),
  userId: z.string(),
  email: z.string(),
  logins: z.number().int().default(0),
  version: z.number().int().optional(),
  createdAt: z.date().optional(),
  updatedAt: z.date().optional(),
});
const keys = {
  primary: { pk: ['ORG', 'orgId'], sk: ['USER', 'userId'] },
  gsi1: { pk: ['EMAIL', 'email'], sk: ['USER', 'userId'] },
} as const;
const config = { schema, keys, version: true, timestamps: true, ttl: { after: '30d' } } as const;
const INDEXES = { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } };
const leanConfig = (t: Table<'gsi1'>) => ({ name: t.name, client, partitionKey: 'pk', sortKey: 'sk', indexes: INDEXES, ttlAttribute: 'ttl', clock: () => NOW });

function declare(t: Table<'gsi1'>) {
  // The same table twice: once as the full class, once as the lean declaration the free functions use.
  const lean = new TableCore<'gsi1'>(leanConfig(t));
  return { Method: t.entity('User', config), Free: defineEntity(lean, 'User', config), lean };
}
let Method: ReturnType<typeof declare>['Method'];
let Free: ReturnType<typeof declare>['Free'];

beforeAll(async () => {
  table = await createTestTable(client, { ttlAttribute: 'ttl', clock: () => NOW });
  ({ Method, Free } = declare(table));
});

const raw = async (orgId: string, userId: string) =>
  (await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: `ORG#${orgId}` }, sk: { S: `USER#${userId}` } } }))).Item;

describe('free functions over a defineEntity declaration', () => {
  it('store exactly what the Entity methods store, and read the same values with the same types', async () => {
    const viaFree = await putItem(Free, { orgId: 'o1', userId: 'free', email: 'f@o1' });
    const viaMethod = await Method.put({ orgId: 'o1', userId: 'method', email: 'm@o1' });
    expectTypeOf(viaFree).toEqualTypeOf(viaMethod);
    expect(viaFree).toEqual({ ...viaMethod, userId: 'free', email: 'f@o1' });
    const { pk: _p1, sk: _s1, gsi1pk: _g1, gsi1sk: _h1, userId: _u1, email: _e1, _wt: token1, ...storedFree } = (await raw('o1', 'free'))!;
    const { pk: _p2, sk: _s2, gsi1pk: _g2, gsi1sk: _h2, userId: _u2, email: _e2, _wt: token2, ...storedMethod } = (await raw('o1', 'method'))!;
    expect(storedFree).toEqual(storedMethod);
    // The write token is per write; both writes carry one.
    expect([token1?.S, token2?.S]).toEqual([expect.any(String), expect.any(String)]);
    expect(storedFree).toHaveProperty('ttl', { N: String(NOW / 1000 + 30 * 86_400) });

    const a = await getItem(Free, { orgId: 'o1', userId: 'free' });
    const b = await Method.get({ orgId: 'o1', userId: 'free' });
    expectTypeOf(a).toEqualTypeOf(b);
    expect(a).toEqual(b);
    expect(a).toEqual(viaFree);
    // Either declaration reads the other's items.
    expect(await getItem(Method, { orgId: 'o1', userId: 'method' })).toEqual(await Free.get({ orgId: 'o1', userId: 'method' }));

    const projected = await getItem(Free, { orgId: 'o1', userId: 'free' }, { attributes: ['email'] });
    const projectedMethod = await Method.get({ orgId: 'o1', userId: 'free' }, { attributes: ['email'] });
    expectTypeOf(projected).toEqualTypeOf(projectedMethod);
    expectTypeOf(projected).toEqualTypeOf<{ email: string } | undefined>();
    expect(projected).toEqual({ email: 'f@o1' });
    const rawRead = await getItem(Free, { orgId: 'o1', userId: 'free' }, { raw: true });
    expectTypeOf(rawRead).toEqualTypeOf(await Method.get({ orgId: 'o1', userId: 'free' }, { raw: true }));
    expect(rawRead).toHaveProperty('_et', 'User');
  });

  it('keep the write features: version locking, create, timestamps, returned values', async () => {
    const first = await createItem(Free, { orgId: 'o2', userId: 'u', email: 'u@o2' });
    expect(first.version).toBe(1);
    expect(first.createdAt).toEqual(new Date(NOW));
    await expect(createItem(Free, { orgId: 'o2', userId: 'u', email: 'u@o2' })).rejects.toBeInstanceOf(ConditionFailedError);
    await expect(putItem(Free, { ...first, version: 7 })).rejects.toBeInstanceOf(VersionConflictError);

    const replaced = await putItem(Free, first, { returnValues: 'ALL_OLD' });
    expectTypeOf(replaced).toEqualTypeOf(await Method.put({ ...replaced.item }, { returnValues: 'ALL_OLD' }));
    expect(replaced.previous).toEqual(first);
    expect(replaced.item.version).toBe(2);

    const updated = await updateItem(Free, { orgId: 'o2', userId: 'u' }, { add: { logins: 1 } }, { returnValues: 'ALL_NEW', expectedVersion: 3 });
    expectTypeOf(updated).toEqualTypeOf(
      await Method.update({ orgId: 'o2', userId: 'u' }, { add: { logins: 1 } }, { returnValues: 'ALL_NEW', expectedVersion: 4 }),
    );
    expect(updated).toMatchObject({ logins: 1, version: 4 });
    const partial = await updateItem(Free, { orgId: 'o2', userId: 'u' }, { set: { email: 'v@o2' } }, { returnValues: 'UPDATED_NEW', expectedVersion: 5 });
    expectTypeOf(partial).toEqualTypeOf<Partial<EntityItem<typeof Method>>>();
    expect(partial).toMatchObject({ email: 'v@o2', version: 6 });
    const none = await updateItem(Free, { orgId: 'o2', userId: 'u' }, { add: { logins: 1 } }, { expectedVersion: 6 });
    expectTypeOf(none).toEqualTypeOf<void>();
    await expect(updateItem(Free, { orgId: 'o2', userId: 'u' }, { add: { logins: 1 } }, { expectedVersion: 1 })).rejects.toBeInstanceOf(
      VersionConflictError,
    );

    const deleted = await deleteItem(Free, { orgId: 'o2', userId: 'u' }, { returnValues: 'ALL_OLD', expectedVersion: 7 });
    expectTypeOf(deleted).toEqualTypeOf(await Method.delete({ orgId: 'o2', userId: 'gone' }, { expectedVersion: 'any' }));
    expect(deleted).toMatchObject({ email: 'v@o2', logins: 3, version: 7 });
    expect(await raw('o2', 'u')).toBeUndefined();
  });

  it('query, count and scan like the methods', async () => {
    for (const userId of ['a', 'b', 'c']) await putItem(Free, { orgId: 'o3', userId, email: `${userId}@o3` });
    const key = { orgId: 'o3' };
    const page = await query(Free, 'primary', key, { sort: (k) => k.gt({ userId: 'a' }) });
    const pageMethod = await Method.query('primary', key, { sort: (k) => k.gt({ userId: 'a' }) });
    expectTypeOf(page).toEqualTypeOf(pageMethod);
    expect(page.items.map((u) => u.userId)).toEqual(['b', 'c']);
    expect(page).toEqual(pageMethod);

    const narrow = await query(Free, 'gsi1', { email: 'b@o3' }, { attributes: ['userId'] });
    expectTypeOf(narrow).toEqualTypeOf(await Method.query('gsi1', { email: 'b@o3' }, { attributes: ['userId'] }));
    expect(narrow.items).toEqual([{ userId: 'b' }]);

    expect(await count(Free, 'primary', key)).toBe(3);
    expect(await count(Free, 'primary', key, { filter: (c) => c.eq('email', 'c@o3') })).toBe(await Method.count('primary', key, { filter: (c) => c.eq('email', 'c@o3') }));

    const pages: string[][] = [];
    for await (const p of queryPages(Free, 'primary', key, { limit: 2 })) pages.push(p.items.map((u) => u.userId));
    expect(pages.flat()).toEqual(['a', 'b', 'c']);

    const scanned = await scan(Free, { filter: (c) => c.eq('orgId', 'o3') });
    expectTypeOf(scanned).toEqualTypeOf(await Method.scan());
    expect(scanned.items.map((u) => u.userId).sort()).toEqual(['a', 'b', 'c']);
    let all = 0;
    for await (const p of scanPages(Free, { filter: (c) => c.eq('orgId', 'o3'), attributes: ['userId'] })) all += p.items.length;
    expect(all).toBe(3);
  });

  it('refuse bad input with typed errors before any request, as the methods do', async () => {
    await expect(putItem(Free, { orgId: 'o4', userId: 'x' } as never)).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(getItem(Free, {} as never)).rejects.toMatchObject({ name: 'KeyError' });
    const wrongIndex = await query(Free, 'nope' as never, { orgId: 'o4' } as never).catch((e: unknown) => e);
    expect(wrongIndex).toBeInstanceOf(TablewrightError);
    expect(wrongIndex).toEqual(await Method.query('nope' as never, { orgId: 'o4' } as never).catch((e: unknown) => e));
    expect(await raw('o4', 'x')).toBeUndefined();
  });

  it('infers the key, index and option types of the methods', () => {
    // Compile-time checks (npm run typecheck): never called.
    const typed = () => {
      expectTypeOf(getItem<typeof Free.schema, typeof Free.keys>).parameter(1).toEqualTypeOf<EntityKey<typeof Method>>();
      // @ts-expect-error -- missing key attribute
      void getItem(Free, { orgId: 'o' });
      // @ts-expect-error -- not an index of the entity
      void query(Free, 'gsi2', { orgId: 'o' });
      // @ts-expect-error -- unknown attribute in a projection
      void getItem(Free, { orgId: 'o', userId: 'u' }, { attributes: ['nope'] });
      // @ts-expect-error -- the table declares no gsi2
      void defineEntity(new TableCore<'gsi1'>({ name: 't', client, partitionKey: 'pk', sortKey: 'sk' }), 'X', { schema, keys: { ...keys, gsi2: { pk: ['A'] } } });
    };
    expect(typeof typed).toBe('function');
  });
});

describe('writes through a tablewright/core entity', () => {
  it('are refused with ConfigurationError before any request; reads work', async () => {
    const core = new CoreTable<'gsi1'>(leanConfig(table));
    const Reader = core.entity('User', { schema, keys, ttl: { after: '30d' } });
    await putItem(Free, { orgId: 'o5', userId: 'r', email: 'r@o5' });
    expect(await getItem(Reader, { orgId: 'o5', userId: 'r' })).toEqual(await Free.get({ orgId: 'o5', userId: 'r' }));
    for (const write of [
      () => putItem(Reader, { orgId: 'o5', userId: 'w', email: 'w@o5' }),
      () => createItem(Reader, { orgId: 'o5', userId: 'w', email: 'w@o5' }),
      () => updateItem(Reader, { orgId: 'o5', userId: 'r' }, { set: { email: 'x@o5' } }, { upsert: true }),
      () => deleteItem(Reader, { orgId: 'o5', userId: 'r' }),
    ]) {
      await expect(write()).rejects.toThrow(/only reads: it was declared with tablewright\/core/);
      await expect(write()).rejects.toBeInstanceOf(ConfigurationError);
    }
    expect(await raw('o5', 'w')).toBeUndefined();
    expect(await getItem(Reader, { orgId: 'o5', userId: 'r' })).toMatchObject({ email: 'r@o5' });
  });
});

describe('free functions and methods agree on any item (property)', () => {
  it('putItem + getItem on defineEntity = Entity.put + Entity.get, stored the same', async () => {
    const Plain = defineEntity(new TableCore<'gsi1'>(leanConfig(table)), 'Plain', {
      schema: z.object({ id: z.string().min(1), n: z.number(), tags: z.array(z.string()), note: z.string().optional() }),
      keys: { primary: { pk: ['P', 'id'], sk: ['X'] } },
    });
    const PlainMethod = table.entity('Plain', { schema: Plain.schema, keys: Plain.keys });
    await fc.assert(
      fc.asyncProperty(
        fc.record({ id: fc.string({ minLength: 1, maxLength: 12 }), n: fc.double({ noNaN: true, noDefaultInfinity: true }), tags: fc.array(fc.string(), { maxLength: 3 }), note: fc.option(fc.string(), { nil: undefined }) }, { requiredKeys: ['id', 'n', 'tags'] }),
        async (item) => {
          const free = await putItem(Plain, item).catch((e: Error) => e.name);
          const method = await PlainMethod.put(item).catch((e: Error) => e.name);
          expect(free).toEqual(method);
          if (typeof free === 'string') return;
          expect(await getItem(Plain, { id: item.id })).toEqual(await PlainMethod.get({ id: item.id }));
        },
      ),
      { numRuns: 25 },
    );
  });
});
