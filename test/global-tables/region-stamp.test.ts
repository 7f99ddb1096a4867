import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, lastWriter, regionRouter, Table, TableCore, type WriteStamp } from '../../src/index.js';
import { localClient, tableName } from '../helpers/local.js';
import { countingTransport } from '../helpers/counting-transport.js';

/*
 * The Region stamp write extension on one table in the run's DynamoDB Local
 * (the table declares its Region). Routing, failover and replication are in
 * region-stamp-routing.test.ts and lost-update.test.ts.
 */
const client = localClient();
let now = 1_700_000_000_000;
const clock = () => now;
const table = new Table({ name: tableName('stamp'), client, partitionKey: 'pk', sortKey: 'sk', region: 'eu-west-1', clock });
const schema = z.object({ id: z.string(), name: z.string(), count: z.number().optional() });
const Doc = table.entity('Doc', { schema, keys: { primary: { pk: ['DOC', 'id'], sk: ['META'] } }, regionStamp: true });
const Plain = table.entity('Plain', { schema, keys: { primary: { pk: ['PLAIN', 'id'], sk: ['META'] } } });
await table.create();

const raw = async (pk: string) => (await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: pk }, sk: { S: 'META' } }, ConsistentRead: true }))).Item!;

describe('regionStamp', () => {
  it('a put stores the Region and the write time; reads strip them and lastWriter tells them', async () => {
    now = 1_700_000_000_100;
    await Doc.put({ id: 'p1', name: 'first' });
    const stored = await raw('DOC#p1');
    expect(stored._rg).toEqual({ S: 'eu-west-1' });
    expect(stored._rt).toEqual({ N: '1700000000100' });
    expect(stored._rr).toBeUndefined(); // a put replaces the whole item: no read time
    const item = await Doc.get({ id: 'p1' }, { consistent: true });
    expect(item).toEqual({ id: 'p1', name: 'first' });
    expect(Object.keys(item!)).toEqual(['id', 'name']);
    expect(JSON.stringify(item)).toBe('{"id":"p1","name":"first"}');
    expect(lastWriter(item)).toEqual<WriteStamp>({ region: 'eu-west-1', time: 1_700_000_000_100, readTime: undefined });
    expect(lastWriter({ ...item })).toBeUndefined(); // a copy is not the read item
  });

  it('an update stamps itself and records the write time of the version it changed', async () => {
    now = 1_700_000_000_200;
    await Doc.update({ id: 'p1' }, { set: { name: 'second' } });
    now = 1_700_000_000_300;
    const updated = await Doc.update({ id: 'p1' }, { add: { count: 1 } }, { returnValues: 'ALL_NEW' });
    expect(lastWriter(updated)).toEqual({ region: 'eu-west-1', time: 1_700_000_000_300, readTime: 1_700_000_000_200 });
    const stored = await raw('DOC#p1');
    expect(stored._rr).toEqual({ N: '1700000000200' });
  });

  it('an upsert of a missing item records read time 0 (it changed no stamped version)', async () => {
    now = 1_700_000_000_400;
    await Doc.update({ id: 'u1' }, { set: { name: 'new' } }, { upsert: true });
    expect(lastWriter(await Doc.get({ id: 'u1' }, { consistent: true }))).toEqual({ region: 'eu-west-1', time: 1_700_000_000_400, readTime: 0 });
  });

  it('items of entities without regionStamp carry no stamp', async () => {
    await Plain.put({ id: 'x', name: 'plain' });
    expect((await raw('PLAIN#x'))._rg).toBeUndefined();
    expect(lastWriter(await Plain.get({ id: 'x' }, { consistent: true }))).toBeUndefined();
    expect(lastWriter(undefined)).toBeUndefined();
  });

  it('stamps are written in transactions and batches, and counted in the item size', async () => {
    now = 1_700_000_000_500;
    await table.transactWrite([Doc.putOp({ id: 't1', name: 'tx' })]);
    await table.batchWrite([Doc.putOp({ id: 'b1', name: 'batch' })]);
    expect((await raw('DOC#t1'))._rg).toEqual({ S: 'eu-west-1' });
    expect((await raw('DOC#b1'))._rt).toEqual({ N: '1700000000500' });
    expect(Doc.size({ id: 's', name: 'n' })).toBeGreaterThan(Plain.size({ id: 's', name: 'n' }) + '_rg'.length + 'eu-west-1'.length);
  });
});

describe('regionStamp configuration (refused before any request)', () => {
  const shared = { partitionKey: 'pk', sortKey: 'sk', client } as const;
  const keys = { primary: { pk: ['A', 'id'], sk: ['B'] } } as const;

  it('needs a Region: the table region or a regionRouter transport', () => {
    const transport = countingTransport(client);
    const bare = new Table({ ...shared, name: tableName('stamp'), transport });
    expect(() => bare.entity('Doc', { schema, keys, regionStamp: true })).toThrow(/regionStamp needs to know the Region/);
    expect(transport.sent).toEqual([]);
    const router = regionRouter({ regions: [{ region: 'us-east-2', client }], health: { intervalMs: 0 } });
    const routed = new Table({ ...shared, name: tableName('stamp'), transport: router });
    expect(() => routed.entity('Doc', { schema, keys, regionStamp: true })).not.toThrow();
  });

  it('refuses schema fields named like the stamp attributes, bad values, clashing names and the core entry', () => {
    const named = new Table({ ...shared, name: tableName('stamp'), region: 'us-east-1', writeRegionAttribute: 'writtenIn' });
    const clash = z.object({ id: z.string(), writtenIn: z.string() });
    expect(() => named.entity('Doc', { schema: clash, keys, regionStamp: true })).toThrow(/writtenIn.*collides/);
    expect(() => named.entity('Doc2', { schema, keys, regionStamp: 'yes' as never })).toThrow(ConfigurationError);
    expect(() => new Table({ ...shared, name: tableName('stamp'), writeTimeAttribute: '_rg' })).toThrow(/must differ/);
    expect(() => new Table({ ...shared, name: tableName('stamp'), region: 'Europe' })).toThrow(/not a Region name/);
    const core = new TableCore({ ...shared, name: tableName('stamp'), region: 'us-east-1' });
    expect(() => core.entity('Doc', { schema, keys, regionStamp: true } as never)).toThrow(/regionStamp: not in tablewright\/core/);
  });
});
