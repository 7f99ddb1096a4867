import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import fc from 'fast-check';
import {
  MigrationError,
  OutdatedItemError,
  SchemaVersionError,
  ConfigurationError,
  Table,
  batchGet,
  defineEntity,
  getItem,
  query,
  scan,
  schemaVersions,
  transactGet,
  TableCore,
} from '../../src/index.js';
import { streamDecoder } from '../../src/streams.js';
import { decodeItem } from '../../src/admin/export-reader/decode-item.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
const V1 = z.object({ orgId: z.string(), id: z.string(), name: z.string(), joined: z.date() });
const V2 = z.object({ orgId: z.string(), id: z.string(), firstName: z.string(), lastName: z.string(), joined: z.date() });
const V3 = z.object({
  orgId: z.string(),
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  joined: z.date(),
  tier: z.enum(['free', 'pro']),
});
const keys = { primary: { pk: ['ORG', 'orgId'], sk: ['USER', 'id'] } } as const;
const versions = schemaVersions(V1)
  .next(V2, (u) => {
    const [firstName = '', ...rest] = u.name.split(' ');
    return { orgId: u.orgId, id: u.id, firstName, lastName: rest.join(' '), joined: u.joined };
  })
  .next(V3, (u) => ({ ...u, tier: 'free' as const }));

const table = await createTestTable(client);
// The code as deployed before: no versions, writes v1 items.
const OldUser = new Table({ name: table.name, client, partitionKey: 'pk', sortKey: 'sk', indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } } }).entity('User', {
  schema: V1,
  keys,
});
const User = table.entity('User', { schema: V3, versions, keys });
const joined = new Date('2024-01-02T03:04:05.000Z');

async function storedV1(id: string, name = 'Ada Lovelace') {
  await OldUser.put({ orgId: 'o1', id, name, joined });
}

describe('migrate-on-read', () => {
  it('reads a v1 item as the current version on get, typed as v3', async () => {
    await storedV1('u1');
    const user = await User.get({ orgId: 'o1', id: 'u1' });
    expectTypeOf(user).toEqualTypeOf<z.output<typeof V3> | undefined>();
    expect(user).toEqual({ orgId: 'o1', id: 'u1', firstName: 'Ada', lastName: 'Lovelace', joined, tier: 'free' });
    expect(user!.joined).toBeInstanceOf(Date);
    // The stored item is untouched by the read.
    const raw = await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: 'ORG#o1' }, sk: { S: 'USER#u1' } } }));
    expect(raw.Item!.name).toEqual({ S: 'Ada Lovelace' });
    expect(raw.Item!._sv).toBeUndefined();
  });

  it('migrates on query, scan, batchGet, transactGet, collections and free functions', async () => {
    await storedV1('u2', 'Grace Brewster Hopper');
    const expected = { orgId: 'o1', id: 'u2', firstName: 'Grace', lastName: 'Brewster Hopper', joined, tier: 'free' };
    const page = await User.query('primary', { orgId: 'o1' });
    expectTypeOf(page.items).toEqualTypeOf<z.output<typeof V3>[]>();
    expect(page.items.find((u) => u.id === 'u2')).toEqual(expected);
    expect((await query(User, 'primary', { orgId: 'o1' })).items.find((u) => u.id === 'u2')).toEqual(expected);
    expect((await scan(User)).items.find((u) => u.id === 'u2')).toEqual(expected);
    const [batch] = await batchGet([User.getOp({ orgId: 'o1', id: 'u2' })]);
    expect(batch).toEqual(expected);
    const [tx] = await transactGet([User.getOp({ orgId: 'o1', id: 'u2' })]);
    expect(tx).toEqual(expected);
    expect(await getItem(User, { orgId: 'o1', id: 'u2' })).toEqual(expected);
    const users = table.collection({ User });
    const all = await users.query({ orgId: 'o1' });
    expect(all.items.User).toContainEqual(expected);
  });

  it('migrates projected reads: the projection fetches what every version declares, then picks', async () => {
    await storedV1('u3');
    const user = await User.get({ orgId: 'o1', id: 'u3' }, { attributes: ['firstName', 'tier'] });
    expectTypeOf(user).toEqualTypeOf<{ firstName: string; tier: 'free' | 'pro' } | undefined>();
    expect(user).toEqual({ firstName: 'Ada', tier: 'free' });
  });

  it('migrates stream images and export lines through the same reader', async () => {
    const image = { pk: { S: 'ORG#o1' }, sk: { S: 'USER#s1' }, _et: { S: 'User' }, orgId: { S: 'o1' }, id: { S: 's1' }, name: { S: 'Alan Turing' }, joined: { S: joined.toISOString() } };
    const decoded = streamDecoder([User]).decode({ eventID: '1', eventName: 'INSERT', dynamodb: { Keys: { pk: image.pk, sk: image.sk }, NewImage: image, SequenceNumber: '1' } } as never);
    expect(decoded.kind).toBe('insert');
    expect((decoded as { newItem?: unknown }).newItem).toEqual({ orgId: 'o1', id: 's1', firstName: 'Alan', lastName: 'Turing', joined, tier: 'free' });
    expect(decodeItem(User.model, image)).toEqual({ orgId: 'o1', id: 's1', firstName: 'Alan', lastName: 'Turing', joined, tier: 'free' });
  });

  it('writes store the current version; current items take the one-pass path', async () => {
    await User.put({ orgId: 'o1', id: 'w1', firstName: 'Ada', lastName: 'L', joined, tier: 'pro' });
    const raw = await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: 'ORG#o1' }, sk: { S: 'USER#w1' } } }));
    expect(raw.Item!._sv).toEqual({ N: '3' });
    expect(await User.get({ orgId: 'o1', id: 'w1' })).toEqual({ orgId: 'o1', id: 'w1', firstName: 'Ada', lastName: 'L', joined, tier: 'pro' });
    expect(User.toStored({ orgId: 'o1', id: 'w1', firstName: 'Ada', lastName: 'L', joined, tier: 'pro' })._sv).toBe(3);
  });

  it('refuses an item newer than the code knows with SchemaVersionError, never downgrading', async () => {
    await client.send(
      new PutItemCommand({
        TableName: table.name,
        Item: { pk: { S: 'ORG#o1' }, sk: { S: 'USER#n1' }, _et: { S: 'User' }, _sv: { N: '4' }, orgId: { S: 'o1' }, id: { S: 'n1' } },
      }),
    );
    const error = await User.get({ orgId: 'o1', id: 'n1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaVersionError);
    expect(error).toMatchObject({ reason: 'newer', storedVersion: 4, currentVersion: 3, entity: 'User', key: { orgId: 'o1', id: 'n1' } });
    await expect(User.get({ orgId: 'o1', id: 'n1' }, { attributes: ['tier'] })).rejects.toBeInstanceOf(SchemaVersionError);
  });

  it('refuses a malformed version attribute', async () => {
    await client.send(
      new PutItemCommand({
        TableName: table.name,
        Item: { pk: { S: 'ORG#o1' }, sk: { S: 'USER#m1' }, _et: { S: 'User' }, _sv: { S: 'two' }, orgId: { S: 'o1' }, id: { S: 'm1' } },
      }),
    );
    await expect(User.get({ orgId: 'o1', id: 'm1' })).rejects.toMatchObject({ name: 'SchemaVersionError', reason: 'invalid' });
  });

  it('updates of an older item fail with OutdatedItemError; after a put they succeed', async () => {
    await storedV1('x1');
    const error = await User.update({ orgId: 'o1', id: 'x1' }, { set: { tier: 'pro' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutdatedItemError);
    expect(error).toMatchObject({ storedVersion: 1, currentVersion: 3 });
    const read = (await User.get({ orgId: 'o1', id: 'x1' }))!;
    await User.put(read);
    const updated = await User.update({ orgId: 'o1', id: 'x1' }, { set: { tier: 'pro' } }, { returnValues: 'ALL_NEW' });
    expect(updated.tier).toBe('pro');
    // An upsert creates a current-version item.
    await User.update({ orgId: 'o1', id: 'x2' }, { set: { firstName: 'A', lastName: 'B', joined, tier: 'free' } }, { upsert: true });
    const raw = await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: 'ORG#o1' }, sk: { S: 'USER#x2' } } }));
    expect(raw.Item!._sv).toEqual({ N: '3' });
  });

  it('a throwing migration becomes MigrationError; a v1 item failing its own schema is a ValidationError', async () => {
    const Strict = new Table({ name: table.name, client, partitionKey: 'pk', sortKey: 'sk' }).entity('User', {
      schema: V2,
      versions: schemaVersions(V1).next(V2, () => {
        throw new Error('boom');
      }),
      keys,
    });
    await storedV1('e1');
    await expect(Strict.get({ orgId: 'o1', id: 'e1' })).rejects.toMatchObject({ name: 'MigrationError', fromVersion: 1, toVersion: 2 });
    await expect(Strict.get({ orgId: 'o1', id: 'e1' })).rejects.toBeInstanceOf(MigrationError);
    await client.send(
      new PutItemCommand({ TableName: table.name, Item: { pk: { S: 'ORG#o1' }, sk: { S: 'USER#e2' }, _et: { S: 'User' }, orgId: { S: 'o1' }, id: { S: 'e2' } } }),
    );
    await expect(User.get({ orgId: 'o1', id: 'e2' })).rejects.toMatchObject({ name: 'ValidationError', direction: 'read' });
  });

  it('defineEntity and core entities migrate too; a mismatched declaration is refused', () => {
    const core = new TableCore({ name: table.name, client, partitionKey: 'pk', sortKey: 'sk' });
    const Declared = defineEntity(core, 'User', { schema: V3, versions, keys });
    expect(Declared.model.versions?.current).toBe(3);
    const CoreUser = core.entity('User', { schema: V3, versions, keys });
    expect(CoreUser.model.versions?.current).toBe(3);
    const other = new Table({ name: table.name, client, partitionKey: 'pk', sortKey: 'sk' });
    // @ts-expect-error the versions end in V2, the schema is V3
    expect(() => other.entity('Mismatch', { schema: V3, versions: schemaVersions(V1).next(V2, (u) => ({ ...u, firstName: u.name, lastName: '' })), keys })).toThrow(
      ConfigurationError,
    );
    expect(() => other.entity('Fake', { schema: V1, versions: { version: 1 } as never, keys })).toThrow(ConfigurationError);
    expect(() => other.entity('Clash', { schema: V1.extend({ _sv: z.number() }), versions: schemaVersions(V1.extend({ _sv: z.number() })), keys })).toThrow(
      ConfigurationError,
    );
  });

  it('property: any v1 item reads as its v3 migration on every path', async () => {
    const name = fc.tuple(fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !s.includes(' ')), fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }));
    await fc.assert(
      fc.asyncProperty(fc.uuid(), name, async (id, [first, rest]) => {
        const full = [first, ...rest].join(' ');
        await storedV1(id, full);
        const got = await User.get({ orgId: 'o1', id });
        const [firstName = '', ...others] = full.split(' ');
        expect(got).toEqual({ orgId: 'o1', id, firstName, lastName: others.join(' '), joined, tier: 'free' });
      }),
      { numRuns: 15 },
    );
  });
});
