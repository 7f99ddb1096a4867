import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConditionFailedError, Table, VersionConflictError, extendExpiry, removeExpiry } from '../../src/index.js';
import { localClient, tableName } from '../helpers/local.js';

/**
 * extendExpiry / removeExpiry are updates: they go through the update action
 * and its write extensions, so timestamps move `updatedAt`, a version-locked
 * entity's version is checked (when given) and incremented, and a missing or
 * expired item fails with ConditionFailedError, as before.
 */
const client = localClient();
const clock = { now: Date.now() };
let table: Table;
const schema = z.object({ id: z.string(), qty: z.number(), version: z.number().int().optional(), updatedAt: z.date().optional(), createdAt: z.date().optional() });
const define = (t: Table) =>
  t.entity('Lease', { schema, keys: { primary: { pk: ['L', 'id'], sk: ['L'] } }, ttl: { after: '15m' }, version: true, timestamps: true });

beforeAll(async () => {
  table = new Table({ name: tableName(), client, partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'ttl', clock: () => clock.now });
  await table.create();
});

const storedTtl = async (id: string) =>
  Number((await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: `L#${id}` }, sk: { S: 'L' } }, ConsistentRead: true }))).Item?.ttl?.N);

describe('extendExpiry / removeExpiry through the update action', () => {
  it('move updatedAt and the version like any update', async () => {
    const E = define(table);
    clock.now = Date.UTC(2030, 0, 1);
    await E.put({ id: 'a', qty: 1 });
    clock.now += 60_000;
    const extended = await E.extendExpiry({ id: 'a' }, { after: '1h' });
    expect(extended.version).toBe(2);
    expect(extended.updatedAt).toEqual(new Date(clock.now));
    expect(extended.createdAt).toEqual(new Date(clock.now - 60_000));
    expect(await storedTtl('a')).toBe(Math.floor(clock.now / 1000) + 3600);
    const removed = await removeExpiry(E, { id: 'a' }, { expectedVersion: 2 });
    expect(removed.version).toBe(3);
    expect(await storedTtl('a')).toBeNaN();
  });

  it('a stale expectedVersion is a VersionConflictError and changes nothing', async () => {
    const E = define(table);
    await E.put({ id: 'b', qty: 1 });
    const before = await storedTtl('b');
    await expect(extendExpiry(E, { id: 'b' }, { after: '2h' }, { expectedVersion: 7 })).rejects.toBeInstanceOf(VersionConflictError);
    expect(await storedTtl('b')).toBe(before);
  });

  it('a missing or expired item fails with ConditionFailedError that does not suggest upsert', async () => {
    const E = define(table);
    const missing = await extendExpiry(E, { id: 'nope' }, { after: '1h' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ConditionFailedError);
    expect((missing as Error).message).not.toContain('upsert');
    await E.put({ id: 'c', qty: 1 });
    clock.now += 16 * 60_000;
    await expect(E.extendExpiry({ id: 'c' }, { after: '1h' })).rejects.toBeInstanceOf(ConditionFailedError);
    expect((await E.extendExpiry({ id: 'c' }, { after: '1h' }, { includeExpired: true })).id).toBe('c');
  });
});
