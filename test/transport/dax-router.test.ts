import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { z } from 'zod';
import { daxRouter, withDaxRoute, type DaxRouteEvent, type DaxRouterOptions } from '../../src/dax.js';
import { Table } from '../../src/index.js';
import { DaxClusterDouble } from '../doubles/dax.double.js';
import { startLostResponseProxy, type LostResponseProxy } from '../doubles/lost-response-proxy.double.js';
import { createTestTable, localClient } from '../helpers/local.js';

const accessKeyId = `dax${Date.now()}`;
const ddb = localClient({ accessKeyId });
let now = 5_000_000;
const clock = () => now;
const double = new DaxClusterDouble(ddb, { clock });
const dax = double.client();
let tableName: string;
let proxy: LostResponseProxy;

const orderSchema = z.object({ orgId: z.string(), orderId: z.string(), status: z.enum(['open', 'shipped']), total: z.number() });

function define(options: Partial<DaxRouterOptions> = {}, client: DynamoDBClient = ddb) {
  const events: DaxRouteEvent[] = [];
  const table = new Table({
    name: tableName,
    client,
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } },
    transport: daxRouter({ dax, client, clock, onRoute: (e) => events.push(e), ...options }),
  });
  const Order = table.entity('Order', {
    schema: orderSchema,
    keys: { primary: { pk: ['ORG', 'orgId'], sk: ['ORDER', 'orderId'] }, gsi1: { pk: ['STATUS', 'status'], sk: ['ORDER', 'orderId'] } },
  });
  const Doc = table.entity('Doc', {
    schema: z.object({ id: z.string(), title: z.string(), version: z.number().int().optional() }),
    keys: { primary: { pk: ['DOC', 'id'], sk: ['DOC'] } },
    version: true,
  });
  /** The route of the only call `fn` makes. */
  const route = async (fn: () => Promise<unknown>) => {
    events.length = 0;
    await fn();
    expect(events).toHaveLength(1);
    return `${events[0]!.path}:${events[0]!.reason}`;
  };
  return { table, Order, Doc, events, route };
}

const rawPut = (pk: string, sk: string, extra: Record<string, { S: string } | { N: string }> = {}) =>
  ddb.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: pk }, sk: { S: sk }, ...extra } }));

beforeAll(async () => {
  tableName = (await createTestTable(ddb)).name;
  proxy = await startLostResponseProxy(inject('dynamoEndpoint'));
});
afterAll(() => proxy.stop());

describe('daxRouter: the routing table, case by case', () => {
  it('sends eventually consistent reads to DAX and strong / transaction reads to DynamoDB', async () => {
    const { table, Order, route } = define();
    await rawPut('ORG#r', 'ORDER#1', { _et: { S: 'Order' }, orgId: { S: 'r' }, orderId: { S: '1' }, status: { S: 'open' }, total: { N: '1' } });
    const key = { orgId: 'r', orderId: '1' };
    expect(await route(() => Order.get(key))).toBe('dax:cached-read');
    expect(await route(() => Order.get(key, { consistent: true }))).toBe('dynamodb:consistent-read');
    expect(await route(() => Order.query('primary', { orgId: 'r' }))).toBe('dax:cached-read');
    expect(await route(() => Order.query('primary', { orgId: 'r' }, { consistent: true }))).toBe('dynamodb:consistent-read');
    expect(await route(() => Order.scan())).toBe('dax:cached-read');
    expect(await route(() => table.batchGet([Order.getOp(key)]))).toBe('dax:cached-read');
    expect(await route(() => table.batchGet([Order.getOp(key)], { consistent: true }))).toBe('dynamodb:consistent-read');
    expect(await route(() => table.transactGet([Order.getOp(key)]))).toBe('dynamodb:transaction-read');
  });

  it('writes through DAX, except guarded writes (create, versions, updates), which go to DynamoDB', async () => {
    const { table, Order, Doc, route } = define();
    const o = { orgId: 'w', orderId: '1', status: 'open', total: 1 } as const;
    expect(await route(() => Order.put(o))).toBe('dax:write-through');
    expect(await route(() => Order.create({ ...o, orderId: '2' }))).toBe('dynamodb:guarded-write');
    expect(await route(() => Order.update({ orgId: 'w', orderId: '1' }, { set: { total: 2 } }))).toBe('dynamodb:guarded-write');
    expect(await route(() => Doc.put({ id: 'd', title: 't' }))).toBe('dynamodb:guarded-write');
    expect(await route(() => Order.delete({ orgId: 'w', orderId: '2' }))).toBe('dax:write-through');
    expect(await route(() => table.batchWrite([Order.putOp({ ...o, orderId: '3' })]))).toBe('dax:write-through');
    expect(await route(() => table.transactWrite([Order.putOp({ ...o, orderId: '4' })]))).toBe('dax:write-through');
  });

  it('writes around DAX per table, and then reads those items from DynamoDB (read-your-writes)', async () => {
    const { Order, route } = define({ tables: { [tableName]: { writes: 'around' } } });
    const o = { orgId: 'a', orderId: '1', status: 'open', total: 1 } as const;
    expect(await route(() => Order.put(o))).toBe('dynamodb:write-around');
    expect(await route(() => Order.get({ orgId: 'a', orderId: '1' }))).toBe('dynamodb:read-your-writes');
    now += 300_001;
    expect(await route(() => Order.get({ orgId: 'a', orderId: '1' }))).toBe('dax:cached-read');
  });

  it('honours a per-call route, but never sends a guarded write through DAX', async () => {
    const { Order, route } = define();
    const key = { orgId: 'r', orderId: '1' };
    expect(await route(() => withDaxRoute('dynamodb', () => Order.get(key)))).toBe('dynamodb:override');
    expect(await route(() => withDaxRoute('dax', () => Order.get(key, { consistent: true })))).toBe('dax:override');
    expect(await route(() => withDaxRoute('dynamodb', () => Order.put({ ...key, status: 'open', total: 1 })))).toBe('dynamodb:override');
    expect(await route(() => withDaxRoute('dax', () => Order.create({ orgId: 'o', orderId: '9', status: 'open', total: 1 })))).toBe(
      'dynamodb:guarded-write',
    );
  });
});

describe('daxRouter: the route option of a single call', () => {
  it('routes get, query, scan, put and delete by their `route` option, over an enclosing withDaxRoute', async () => {
    const { Order, Doc, route } = define({ readYourWrites: false });
    const key = { orgId: 'r', orderId: '1' };
    expect(await route(() => Order.get(key, { route: 'dynamodb' }))).toBe('dynamodb:override');
    expect(await route(() => Order.get(key, { consistent: true, route: 'dax' }))).toBe('dax:override');
    expect(await route(() => Order.query('primary', { orgId: 'r' }, { route: 'dynamodb' }))).toBe('dynamodb:override');
    expect(await route(() => Order.scan({ route: 'dynamodb' }))).toBe('dynamodb:override');
    expect(await route(() => Order.put({ orgId: 'pc', orderId: '1', status: 'open', total: 1 }, { route: 'dynamodb' }))).toBe('dynamodb:override');
    expect(await route(() => Order.delete({ orgId: 'pc', orderId: '1' }, { route: 'dynamodb' }))).toBe('dynamodb:override');
    // The call's own option wins over the scope.
    expect(await route(() => withDaxRoute('dynamodb', () => Order.get(key, { route: 'dax' })))).toBe('dax:override');
    // No option can send a guarded write through DAX while the router promises exact failures.
    expect(await route(() => Doc.put({ id: 'rc', title: 't' }, { route: 'dax' }))).toBe('dynamodb:guarded-write');
    expect(await route(() => Order.update(key, { set: { total: 3 } }, { route: 'dax' }))).toBe('dynamodb:guarded-write');
  });

  it('sends an update the router would put through DAX to DynamoDB when asked (conditionalWrites: dax)', async () => {
    const { Order, route } = define({ conditionalWrites: 'dax', readYourWrites: false });
    await Order.put({ orgId: 'u', orderId: '1', status: 'open', total: 1 });
    expect(await route(() => Order.update({ orgId: 'u', orderId: '1' }, { set: { total: 2 } }))).toBe('dax:write-through');
    expect(await route(() => Order.update({ orgId: 'u', orderId: '1' }, { set: { total: 3 } }, { route: 'dynamodb' }))).toBe('dynamodb:override');
  });

  it('a put written around DAX for one call is then read from DynamoDB, not from the stale item cache', async () => {
    const { Order, route } = define();
    const key = { orgId: 'around1', orderId: '1' };
    await Order.put({ ...key, status: 'open', total: 1 });
    expect(await Order.get(key)).toMatchObject({ total: 1 }); // now in the DAX item cache
    await Order.put({ ...key, status: 'open', total: 2 }, { route: 'dynamodb' });
    expect(await route(() => Order.get(key))).toBe('dynamodb:read-your-writes');
    expect(await Order.get(key)).toMatchObject({ total: 2 });
    // The cache itself is stale: what every other process reading through DAX sees until record-ttl.
    expect(await Order.get(key, { route: 'dax' })).toMatchObject({ total: 1 });
  });
});

describe('daxRouter: read-your-writes', () => {
  it('keeps a query of a partition this process just wrote off the stale DAX query cache', async () => {
    const plain = define({ readYourWrites: false });
    const ryw = define();
    const q = { orgId: 'q' };
    expect((await plain.Order.query('primary', q)).items).toEqual([]); // now cached (empty) in DAX
    await ryw.Order.put({ orgId: 'q', orderId: '1', status: 'open', total: 5 });
    // Without read-your-writes: DAX's query cache still answers "empty".
    expect((await plain.Order.query('primary', q)).items).toEqual([]);
    ryw.events.length = 0;
    expect((await ryw.Order.query('primary', q)).items).toHaveLength(1);
    expect(ryw.events[0]).toMatchObject({ path: 'dynamodb', reason: 'read-your-writes', operation: 'Query' });
    // Index partitions the item was written into count too.
    expect(await ryw.route(() => ryw.Order.query('gsi1', { status: 'open' }))).toBe('dynamodb:read-your-writes');
    // Another partition is still served from the cache, and so is this one once the window has passed.
    expect(await ryw.route(() => ryw.Order.query('primary', { orgId: 'elsewhere' }))).toBe('dax:cached-read');
    expect(await ryw.route(() => ryw.Order.scan())).toBe('dynamodb:read-your-writes');
    now += 300_001;
    expect(await ryw.route(() => ryw.Order.query('primary', q))).toBe('dax:cached-read');
  });
});

describe('daxRouter: fallback when DAX fails', () => {
  it('serves reads from DynamoDB when DAX is unreachable, reports it, then skips DAX for the cooldown', async () => {
    const { Order, events } = define();
    await rawPut('ORG#f', 'ORDER#1', { _et: { S: 'Order' }, orgId: { S: 'f' }, orderId: { S: '1' }, status: { S: 'open' }, total: { N: '1' } });
    double.unreachable();
    try {
      events.length = 0;
      expect(await Order.get({ orgId: 'f', orderId: '1' })).toMatchObject({ total: 1 });
      expect(events[0]).toMatchObject({ path: 'dynamodb', reason: 'fallback', ok: true, daxError: { name: 'ConnectionException' } });
      expect(await Order.get({ orgId: 'f', orderId: '1' })).toMatchObject({ total: 1 });
      expect(events[1]).toMatchObject({ path: 'dynamodb', reason: 'dax-unavailable' });
      // Writes never fall back: their outcome through DAX is unknown.
      await expect(Order.put({ orgId: 'f', orderId: '2', status: 'open', total: 1 })).rejects.toMatchObject({ code: 'ConnectionException' });
    } finally {
      double.unreachable(false);
    }
    now += 1001;
    events.length = 0;
    await Order.get({ orgId: 'f', orderId: '1' });
    expect(events[0]).toMatchObject({ path: 'dax', reason: 'cached-read' });
  });

  it('falls back on throttling that outlasts the DAX client retries; with fallback off the typed error surfaces', async () => {
    const { Order, events } = define();
    double.throttle(2);
    events.length = 0;
    await Order.get({ orgId: 'f', orderId: '1' });
    expect(events[0]).toMatchObject({ reason: 'fallback', daxError: { name: 'ThrottlingException' } });
    now += 1001;
    const strict = define({ fallback: false });
    double.throttle(2);
    await expect(strict.Order.get({ orgId: 'f', orderId: '1' })).rejects.toMatchObject({ name: 'DynamoDBError', code: 'ThrottlingException', retryable: true });
    double.throttle(0);
  });
});

describe('daxRouter: conditional writes are never misreported', () => {
  it('a create whose response was lost is recognised as its own success (write token read from DynamoDB)', async () => {
    const client = new DynamoDBClient({ endpoint: proxy.endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'local' }, maxAttempts: 3 });
    afterAll(() => client.destroy());
    const { Order, events } = define({}, client);
    proxy.dropNext('PutItem');
    events.length = 0;
    await expect(Order.create({ orgId: 'lost', orderId: '1', status: 'open', total: 1 })).resolves.toMatchObject({ total: 1 });
    // The transport saw the resend fail its condition; the write token (in DynamoDB's returned item) turned it into success.
    expect(events[0]).toMatchObject({ path: 'dynamodb', reason: 'guarded-write', ok: false });
  });
});
