import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import {
  batchGet,
  batchWrite,
  directTransport,
  DynamoDBError,
  observeRequests,
  sdkTransport,
  Table,
  transactWrite,
  type RequestEvent,
  type Transport,
} from '../../src/index.js';
import { startFaultProxy, type FaultProxy } from '../../src/testing/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

const ACCESS_KEY = `ev${Date.now().toString(36)}`;
let tableName: string;
let proxy: FaultProxy;
const clients: DynamoDBClient[] = [];

beforeAll(async () => {
  tableName = (await createTestTable(localClient({ accessKeyId: ACCESS_KEY }))).name;
  proxy = await startFaultProxy({ target: inject('dynamoEndpoint') });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await proxy.stop();
});

function clientOf(endpoint: string, maxAttempts: number): DynamoDBClient {
  const client = new DynamoDBClient({ region: 'us-east-1', endpoint, maxAttempts, credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: 'x' } });
  clients.push(client);
  return client;
}

const TRANSPORTS = ['sdk', 'direct'] as const;
const schema = z.object({ id: z.string(), status: z.string(), body: z.string() });

function define(kind: (typeof TRANSPORTS)[number], options: { endpoint?: string; maxAttempts?: number; capacity?: 'TOTAL' | 'INDEXES' } = {}) {
  const client = clientOf(options.endpoint ?? inject('dynamoEndpoint'), options.maxAttempts ?? 3);
  const transport: Transport = kind === 'sdk' ? sdkTransport(client) : directTransport(client);
  const table = new Table({
    name: tableName,
    client,
    transport,
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } },
    returnConsumedCapacity: options.capacity,
  });
  const Doc = table.entity('Doc', {
    schema,
    keys: { primary: { pk: ['DOC', 'id'], sk: ['V'] }, gsi1: { pk: ['S', 'status'], sk: ['ID', 'id'] } },
  });
  const events: RequestEvent[] = [];
  const stop = observeRequests(table, (e) => events.push(e));
  return { table, Doc, events, stop };
}

describe.each(TRANSPORTS)('request events on the %s transport', (kind) => {
  it('one event per request, with operation, entity, index, items and no key by default', async () => {
    const { Doc, events } = define(kind);
    const id = `${kind}-a`;
    await Doc.put({ id, status: `s-${kind}`, body: 'x' });
    await Doc.get({ id });
    await Doc.get({ id: `${kind}-missing` }, { consistent: true });
    await Doc.query('gsi1', { status: `s-${kind}` });
    await Doc.update({ id }, { set: { body: 'y' } });
    await Doc.delete({ id });
    expect(events.map((e) => e.operation)).toEqual(['PutItem', 'GetItem', 'GetItem', 'Query', 'UpdateItem', 'DeleteItem']);
    for (const e of events) {
      expect(e).toMatchObject({ table: tableName, tables: [tableName], entity: 'Doc', ok: true, error: undefined, path: 'dynamodb', attempts: 1, region: undefined });
      expect(e.latencyMs).toBeGreaterThan(0);
      expect(e.startedAt).toBeGreaterThan(Date.now() - 60_000);
      expect('key' in e).toBe(false);
      expect(e.consumed).toBeUndefined();
    }
    expect(events.map((e) => e.items)).toEqual([undefined, 1, 0, 1, undefined, undefined]);
    expect(events[2]!.consistentRead).toBe(true);
    expect(events[3]).toMatchObject({ index: 'gsi1', scanned: 1 });
  });

  it('batches and transactions: items, unprocessed and every table named', async () => {
    const { Doc, events } = define(kind);
    await batchWrite([Doc.putOp({ id: `${kind}-b1`, status: 's', body: '' }), Doc.putOp({ id: `${kind}-b2`, status: 's', body: '' })]);
    await batchGet([Doc.getOp({ id: `${kind}-b1` }), Doc.getOp({ id: `${kind}-b2` }), Doc.getOp({ id: `${kind}-none` })]);
    await transactWrite([Doc.deleteOp({ id: `${kind}-b1` }), Doc.deleteOp({ id: `${kind}-b2` })]);
    expect(events.map((e) => [e.operation, e.items, e.unprocessed, e.entity])).toEqual([
      ['BatchWriteItem', undefined, 0, undefined],
      ['BatchGetItem', 2, 0, undefined],
      ['TransactWriteItems', undefined, undefined, undefined],
    ]);
    for (const e of events) expect(e.tables).toEqual([tableName]);
  });

  it('consumed capacity: per table, per call (INDEXES splits by index, NONE turns it off) and on query pages', async () => {
    const { Doc, events } = define(kind, { capacity: 'TOTAL' });
    const id = `${kind}-c`;
    await Doc.put({ id, status: 'c', body: 'x' });
    await Doc.put({ id: `${kind}-c2`, status: 'c', body: 'x' }, { returnConsumedCapacity: 'INDEXES' });
    await Doc.get({ id }, { returnConsumedCapacity: 'NONE' });
    const page = await Doc.query('primary', { id }, { consistent: true });
    expect(events[0]!.consumed).toEqual({ total: 2, table: 2, indexes: {} });
    expect(events[1]!.consumed).toEqual({ total: 2, table: 1, indexes: { gsi1: 1 } });
    expect(events[1]!.consumedCapacity?.[0]?.TableName).toBe(tableName);
    expect(events[2]!.consumed).toBeUndefined();
    expect(page.consumed).toEqual({ total: 1, table: 1, indexes: {} });
    expect(events[3]!.consumed).toEqual(page.consumed);
  });

  it('keys only for listeners that ask; a throwing listener changes nothing; stop() removes the listener', async () => {
    const { table, Doc, events, stop } = define(kind);
    const withKeys: RequestEvent[] = [];
    observeRequests(table, (e) => withKeys.push(e), { keys: true });
    observeRequests(table, () => {
      throw new Error('listener bug');
    });
    await Doc.put({ id: `${kind}-k`, status: 's', body: '' });
    expect(withKeys[0]!.key).toEqual({ id: `${kind}-k` });
    expect('key' in events[0]!).toBe(false);
    stop();
    await Doc.get({ id: `${kind}-k` });
    expect(events).toHaveLength(1);
    expect(withKeys).toHaveLength(2);
  });

  it('through the fault proxy: SDK retries are counted as attempts, a failure is an event with the typed error', async () => {
    const { Doc, events } = define(kind, { endpoint: proxy.endpoint, maxAttempts: 3 });
    proxy.inject('internal-error', { count: 2, operation: 'PutItem' });
    await Doc.put({ id: `${kind}-f`, status: 's', body: '' });
    expect(events[0]).toMatchObject({ operation: 'PutItem', ok: true, attempts: 3 });
    proxy.inject('throttling', { count: 3, operation: 'GetItem' });
    const error = await Doc.get({ id: `${kind}-f` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoDBError);
    expect(events[1]).toMatchObject({ operation: 'GetItem', ok: false, attempts: 3, items: undefined });
    expect(events[1]!.error).toBe(error);
  });
});

describe('request events without listeners', () => {
  it('a table nobody observes builds no events, and capacity is asked for only when the table says so', async () => {
    const { table, Doc, events, stop } = define('sdk');
    stop();
    await Doc.put({ id: 'quiet', status: 's', body: '' });
    expect(events).toHaveLength(0);
    expect(table.model.observers.listeners).toHaveLength(0);
    expect(table.model.observers.capacity).toBeUndefined();
    const stopMeter = observeRequests(table, () => undefined, { capacity: 'INDEXES' });
    expect(table.model.observers.capacity).toBe('INDEXES');
    stopMeter();
    expect(table.model.observers.capacity).toBeUndefined();
  });

  it('bad registrations are refused with ConfigurationError', () => {
    const { table } = define('sdk');
    expect(() => observeRequests(table, 'nope' as never)).toThrow(/listener must be a function/);
    expect(() => observeRequests(table, () => undefined, { capacity: 'ALL' as never })).toThrow(/'TOTAL' or 'INDEXES'/);
    expect(() => new Table({ name: 'xyz', client: localClient(), partitionKey: 'pk', returnConsumedCapacity: 'YES' as never })).toThrow(/returnConsumedCapacity/);
  });
});
