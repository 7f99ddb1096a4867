import { GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConditionFailedError, ConfigurationError, KeyError, ValidationError, type Table } from '../../src/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
let table: Table<'gsi1'>;

const userSchema = z.object({
  orgId: z.string(),
  userId: z.string(),
  email: z.email(),
  age: z.number().int().optional(),
  joinedAt: z.date(),
  tags: z.set(z.string()),
  profile: z.object({ city: z.string(), since: z.date().optional() }).optional(),
  role: z.enum(['admin', 'member']).default('member'),
});

function defineUser(t: Table<'gsi1'>) {
  return t.entity('User', {
    schema: userSchema,
    keys: {
      primary: { pk: ['ORG', 'orgId'], sk: ['USER', 'userId'] },
      gsi1: { pk: ['EMAIL', 'email'], sk: ['USER'] },
    },
  });
}
let User: ReturnType<typeof defineUser>;

beforeAll(async () => {
  table = await createTestTable(client);
  User = defineUser(table);
});

const joinedAt = new Date('2024-05-01T12:00:00.000Z');

describe('Entity get / put / delete', () => {
  it('writes a validated item with generated keys and reads it back typed', async () => {
    const saved = await User.put({ orgId: 'acme', userId: 'u1', email: 'a@acme.io', joinedAt, tags: new Set(['x']) });
    expect(saved.role).toBe('member');

    const raw = await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: 'ORG#acme' }, sk: { S: 'USER#u1' } } }));
    expect(raw.Item).toMatchObject({
      pk: { S: 'ORG#acme' },
      sk: { S: 'USER#u1' },
      gsi1pk: { S: 'EMAIL#a@acme.io' },
      gsi1sk: { S: 'USER' },
      _et: { S: 'User' },
      joinedAt: { S: '2024-05-01T12:00:00.000Z' },
      tags: { SS: ['x'] },
    });

    const user = await User.get({ orgId: 'acme', userId: 'u1' });
    expect(user).toEqual({ orgId: 'acme', userId: 'u1', email: 'a@acme.io', joinedAt, tags: new Set(['x']), role: 'member' });
    expect(user?.joinedAt).toBeInstanceOf(Date);
    expect(await User.get({ orgId: 'acme', userId: 'nobody' })).toBeUndefined();
  });

  it('keeps the collision pair as two distinct stored items', async () => {
    const Pair = table.entity('Pair', {
      schema: z.object({ a: z.string(), b: z.string(), n: z.number() }),
      keys: { primary: { pk: ['A', 'a', 'B', 'b'], sk: ['PAIR'] } },
    });
    await Pair.put({ a: 'x#b_y', b: 'z', n: 1 });
    await Pair.put({ a: 'x', b: 'y#b_z', n: 2 });
    expect((await Pair.get({ a: 'x#b_y', b: 'z' }))?.n).toBe(1);
    expect((await Pair.get({ a: 'x', b: 'y#b_z' }))?.n).toBe(2);
  });

  it('stores empty sets as absent and reads them back as empty sets', async () => {
    await User.put({ orgId: 'acme', userId: 'u2', email: 'b@acme.io', joinedAt, tags: new Set() });
    const user = await User.get({ orgId: 'acme', userId: 'u2' });
    expect(user?.tags).toEqual(new Set());
  });

  it('round-trips nested dates', async () => {
    const since = new Date('2020-01-02T03:04:05.006Z');
    await User.put({ orgId: 'acme', userId: 'u3', email: 'c@acme.io', joinedAt, tags: new Set(['t']), profile: { city: 'Oslo', since } });
    expect((await User.get({ orgId: 'acme', userId: 'u3' }))?.profile).toEqual({ city: 'Oslo', since });
  });

  it('narrows the result to projected attributes', async () => {
    const user = await User.get({ orgId: 'acme', userId: 'u1' }, { attributes: ['email', 'joinedAt'] });
    expect(user).toEqual({ email: 'a@acme.io', joinedAt });
    const consistent = await User.get({ orgId: 'acme', userId: 'u1' }, { consistent: true });
    expect(consistent?.userId).toBe('u1');
  });

  it('writes index keys only when every attribute is present (sparse index)', async () => {
    const Doc = table.entity('Doc', {
      schema: z.object({ id: z.string(), owner: z.string().optional() }),
      keys: { primary: { pk: ['DOC', 'id'], sk: ['DOC'] }, gsi1: { pk: ['OWNER', 'owner'], sk: ['DOC', 'id'] } },
    });
    await Doc.put({ id: 'd1', owner: 'ann' });
    await Doc.put({ id: 'd2' });
    const stored = await Doc.get({ id: 'd2' }, { raw: true });
    expect(stored).not.toHaveProperty('gsi1pk');
    const indexed = await client.send(
      new QueryCommand({
        TableName: table.name,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'OWNER#ann' } },
      }),
    );
    expect(indexed.Items?.map((i) => i.gsi1sk?.S)).toEqual(['DOC#d1']);
  });

  it('rejects invalid input with a ValidationError before sending, leaving stored data alone', async () => {
    const before = await User.get({ orgId: 'acme', userId: 'u1' });
    const error = await User.put({ orgId: 'acme', userId: 'u1', email: 'not-an-email', joinedAt, tags: new Set() }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ entity: 'User', direction: 'write', key: { orgId: 'acme', userId: 'u1' } });
    expect(error.issues[0].path).toEqual(['email']);
    expect(await User.get({ orgId: 'acme', userId: 'u1' })).toEqual(before);
  });

  it('reports stored data that no longer matches the schema, and returns it with raw: true', async () => {
    await client.send(
      new PutItemCommand({
        TableName: table.name,
        Item: { pk: { S: 'ORG#acme' }, sk: { S: 'USER#bad' }, _et: { S: 'User' }, orgId: { S: 'acme' }, userId: { S: 'bad' }, email: { N: '5' } },
      }),
    );
    const error = await User.get({ orgId: 'acme', userId: 'bad' }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ entity: 'User', direction: 'read', key: { orgId: 'acme', userId: 'bad' } });
    expect(error.issues.map((i: { path: string[] }) => i.path[0])).toEqual(expect.arrayContaining(['email', 'joinedAt']));
    const raw = await User.get({ orgId: 'acme', userId: 'bad' }, { raw: true });
    expect(raw).toMatchObject({ pk: 'ORG#acme', email: 5 });
  });

  it('create() refuses to overwrite, and the ConditionFailedError carries the current item', async () => {
    const error = await User.create({ orgId: 'acme', userId: 'u1', email: 'z@acme.io', joinedAt, tags: new Set() }).catch((e) => e);
    expect(error).toBeInstanceOf(ConditionFailedError);
    expect(error.key).toEqual({ orgId: 'acme', userId: 'u1' });
    expect(error.item).toMatchObject({ email: 'a@acme.io' });
    expect((await User.get({ orgId: 'acme', userId: 'u1' }))?.email).toBe('a@acme.io');
  });

  it('applies an attribute-equals condition on put and delete', async () => {
    await User.put(
      { orgId: 'acme', userId: 'u4', email: 'd@acme.io', joinedAt, tags: new Set(['a']) },
      { condition: (c) => c.notExists('userId') },
    );
    await expect(
      User.delete({ orgId: 'acme', userId: 'u4' }, { condition: (c) => c.eq('email', 'other@acme.io') }),
    ).rejects.toBeInstanceOf(ConditionFailedError);
    const deleted = await User.delete({ orgId: 'acme', userId: 'u4' }, { condition: (c) => c.eq('email', 'd@acme.io'), returnValues: 'ALL_OLD' });
    expect(deleted?.email).toBe('d@acme.io');
    expect(await User.get({ orgId: 'acme', userId: 'u4' })).toBeUndefined();
  });

  it('returns the replaced item with returnValues ALL_OLD', async () => {
    const result = await User.put({ orgId: 'acme', userId: 'u1', email: 'a2@acme.io', joinedAt, tags: new Set(['x']) }, { returnValues: 'ALL_OLD' });
    expect(result.previous?.email).toBe('a@acme.io');
    expect(result.item.email).toBe('a2@acme.io');
  });

  it('refuses a key that cannot be built, before sending', async () => {
    // @ts-expect-error userId is required
    await expect(User.get({ orgId: 'acme' })).rejects.toBeInstanceOf(KeyError);
    await expect(User.get({ orgId: 'acme', userId: 'x'.repeat(1100) })).rejects.toMatchObject({ reason: 'too-large', attribute: 'sk' });
  });

  it('refuses inconsistent entity definitions', () => {
    expect(() =>
      table.entity('Bad', { schema: z.object({ pk: z.string() }), keys: { primary: { pk: ['pk'], sk: ['X'] } } }),
    ).toThrow(ConfigurationError);
    expect(() => table.entity('Bad', { schema: z.object({ a: z.string() }), keys: { primary: { pk: ['a'] } } })).toThrow(/sort key/);
    expect(() =>
      table.entity('Bad', {
        schema: z.object({ a: z.object({}) }),
        keys: { primary: { pk: ['a'], sk: ['X'] } },
      }),
    ).toThrow(/cannot be part of a key/);
    expect(() =>
      table.entity('Bad', {
        schema: z.object({ a: z.string() }),
        // @ts-expect-error unknown index
        keys: { primary: { pk: ['a'], sk: ['X'] }, nope: { pk: ['a'] } },
      }),
    ).toThrow(/no index "nope"/);
  });

  it('refuses to read an item of another entity under the same key', async () => {
    const Other = table.entity('Other', {
      schema: z.object({ orgId: z.string(), userId: z.string() }),
      keys: { primary: { pk: ['ORG', 'orgId'], sk: ['USER', 'userId'] } },
    });
    await expect(Other.get({ orgId: 'acme', userId: 'u1' })).rejects.toThrow(/belongs to entity "User"/);
  });
});

describe('numbers beyond 2^53', () => {
  it('round-trip as numbers for z.number() and exactly for z.bigint()', async () => {
    const Big = table.entity('Big', {
      schema: z.object({ id: z.string(), n: z.number(), b: z.bigint(), nested: z.object({ n: z.number() }) }),
      keys: { primary: { pk: ['BIG', 'id'], sk: ['BIG'] } },
    });
    const item = { id: '1', n: 2 ** 60, b: 12345678901234567890123n, nested: { n: 1e20 } };
    await Big.put(item);
    expect(await Big.get({ id: '1' })).toEqual(item);
  });
});
