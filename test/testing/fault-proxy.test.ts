import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { batchWrite, ConfigurationError, directTransport, sdkTransport, Table, type Transport } from '../../src/index.js';
import { startFaultProxy, type FaultKind, type FaultProxy } from '../../src/testing/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

const ACCESS_KEY = `fp${Date.now().toString(36)}`;
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

function clientOf(endpoint: string, maxAttempts = 1): DynamoDBClient {
  const client = new DynamoDBClient({ region: 'us-east-1', endpoint, maxAttempts, credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: 'x' } });
  clients.push(client);
  return client;
}

const transports = (endpoint: string, maxAttempts = 1): Array<[string, Transport]> => [
  ['sdk', sdkTransport(clientOf(endpoint, maxAttempts))],
  ['direct', directTransport(clientOf(endpoint, maxAttempts))],
];

const key = (id: string) => ({ pk: { S: `fp#${id}` }, sk: { S: 'x' } });
const put = (id: string) => ({ TableName: tableName, Item: { ...key(id), n: { N: '1' } } });
const stored = async (t: Transport, id: string) => (await t.send('GetItem', { TableName: tableName, Key: key(id), ConsistentRead: true })).Item;

describe('fault proxy: each fault reaches the client as AWS would send it', () => {
  const errors: Array<[FaultKind, string]> = [
    ['throttling', 'ThrottlingException'],
    ['provisioned-throughput', 'ProvisionedThroughputExceededException'],
    ['internal-error', 'InternalServerError'],
    ['unavailable', 'ServiceUnavailableException'],
    ['transaction-conflict', 'TransactionConflictException'],
  ];

  it.each(errors)('%s on PutItem: %s, nothing applied (both transports)', async (kind, name) => {
    for (const [path, t] of transports(proxy.endpoint)) {
      const id = `${kind}-${path}`;
      proxy.inject(kind, { operation: 'PutItem' });
      await expect(t.send('PutItem', put(id))).rejects.toMatchObject({ name });
      expect(await stored(t, id)).toBeUndefined();
    }
  });

  it('transaction-conflict on TransactWriteItems: cancelled with one TransactionConflict reason per transaction', async () => {
    for (const [path, t] of transports(proxy.endpoint)) {
      proxy.inject('transaction-conflict', { operation: 'TransactWriteItems' });
      const error = await t.send('TransactWriteItems', { TransactItems: [{ Put: put(`tx-a-${path}`) }, { Put: put(`tx-b-${path}`) }] }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'TransactionCanceledException' });
      const codes = (error as { CancellationReasons: { Code: string }[] }).CancellationReasons.map((r) => r.Code);
      expect(codes).toHaveLength(2);
      expect(codes.filter((c) => c === 'TransactionConflict')).toHaveLength(1);
      expect(codes.filter((c) => c === 'None')).toHaveLength(1);
      expect(await stored(t, `tx-a-${path}`)).toBeUndefined();
    }
  });

  it('reset-before loses the request; reset-after applies it and loses the response', async () => {
    for (const [path, t] of transports(proxy.endpoint)) {
      proxy.resetStats();
      proxy.inject('reset-before', { operation: 'PutItem' });
      await expect(t.send('PutItem', put(`before-${path}`))).rejects.toBeInstanceOf(Error);
      expect(await stored(t, `before-${path}`)).toBeUndefined();
      proxy.inject('reset-after', { operation: 'PutItem' });
      await expect(t.send('PutItem', put(`after-${path}`))).rejects.toBeInstanceOf(Error);
      expect(await stored(t, `after-${path}`)).toEqual(put(`after-${path}`).Item);
      const stats = proxy.stats();
      expect(stats.lostResponses).toBe(1);
      expect(stats.injected['reset-before']).toBe(1);
      expect(stats.applied.PutItem).toBe(1);
    }
  });

  it('latency delays a request and still forwards it', async () => {
    const slow = await startFaultProxy({ target: inject('dynamoEndpoint'), latencyMs: 1 });
    const [, t] = transports(slow.endpoint)[0]!;
    slow.inject('latency', { count: 2 });
    await t.send('PutItem', put('latency'));
    expect(await stored(t, 'latency')).toBeDefined();
    expect(slow.stats().injected.latency).toBe(2);
    await slow.stop();
  });
});

describe('fault proxy: retries, partial batches and bounds', () => {
  it('the client retries injected 5xx errors and succeeds; the counters say what happened', async () => {
    for (const [path, t] of transports(proxy.endpoint, 3)) {
      proxy.resetStats();
      proxy.inject('internal-error', { count: 2, operation: 'PutItem' });
      await t.send('PutItem', put(`retried-${path}`));
      const stats = proxy.stats();
      expect(stats.injected['internal-error']).toBe(2);
      expect(stats.byOperation.PutItem).toBe(3);
      expect(stats.applied.PutItem).toBe(1);
      expect(proxy.pending()).toBe(0);
    }
  });

  it('partial batches: batchWrite still writes every item exactly as given', async () => {
    const faulty = await startFaultProxy({ target: inject('dynamoEndpoint'), seed: 3, rates: { 'partial-batch': 0.8 }, partialBatchShare: 0.5 });
    const table = new Table({ name: tableName, client: clientOf(faulty.endpoint, 1), partitionKey: 'pk', sortKey: 'sk' });
    const Row = table.entity('Row', { schema: z.object({ id: z.number() }), keys: { primary: { pk: ['ROW'], sk: ['ID', 'id'] } } });
    const ids = Array.from({ length: 120 }, (_, i) => i);
    await batchWrite(ids.map((id) => Row.putOp({ id })), { retry: { maxAttempts: 50, baseDelayMs: 1, maxDelayMs: 2 } });
    const stats = faulty.stats();
    expect(stats.injected['partial-batch']).toBeGreaterThan(0);
    expect(stats.heldBack).toBeGreaterThan(0);
    const rows = await Row.query('primary', {}, { consistent: true, limit: 1000 });
    expect(rows.items.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids);
    await faulty.stop();
  });

  it('maxFaults bounds a run: after it every request passes', async () => {
    const bounded = await startFaultProxy({ target: inject('dynamoEndpoint'), rates: { throttling: 1 }, maxFaults: 3 });
    const [, t] = transports(bounded.endpoint)[0]!;
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) outcomes.push(await t.send('GetItem', { TableName: tableName, Key: key('none') }).then(() => 'ok', (e: Error) => e.name));
    expect(outcomes).toEqual(['ThrottlingException', 'ThrottlingException', 'ThrottlingException', 'ok', 'ok', 'ok']);
    await bounded.stop();
  });

  it('maxFaultsPerCall below maxAttempts lets every call succeed (the SDK keeps its invocation id across retries)', async () => {
    const capped = await startFaultProxy({ target: inject('dynamoEndpoint'), rates: { 'internal-error': 1 }, maxFaultsPerCall: 2 });
    for (const [path, t] of transports(capped.endpoint, 3)) {
      capped.resetStats();
      for (let i = 0; i < 3; i++) await t.send('PutItem', put(`capped-${path}-${i}`));
      expect(capped.stats().injected['internal-error']).toBe(6);
      expect(capped.stats().applied.PutItem).toBe(3);
    }
    await capped.stop();
  });

  it('is reproducible: the same seed gives the same faults for the same sequence of requests', async () => {
    const run = async (seed: number) => {
      const p = await startFaultProxy({ target: inject('dynamoEndpoint'), seed, rates: { throttling: 0.3, 'internal-error': 0.2 } });
      const [, t] = transports(p.endpoint)[0]!;
      const outcomes: string[] = [];
      for (let i = 0; i < 40; i++) outcomes.push(await t.send('GetItem', { TableName: tableName, Key: key('none') }).then(() => 'ok', (e: Error) => e.name));
      await p.stop();
      return outcomes.join(',');
    };
    const first = await run(11);
    expect(await run(11)).toBe(first);
    expect(await run(12)).not.toBe(first);
    expect(first).toContain('ok');
    expect(first).toContain('ThrottlingException');
  });
});

describe('fault proxy: bad options are refused with ConfigurationError', () => {
  it.each([
    [{ target: 'http://10.1.2.3:8000' }, /loopback/],
    [{ target: 'https://127.0.0.1:8000' }, /loopback/],
    [{ target: 'not a url' }, /not a URL/],
    [{ target: 'http://127.0.0.1:1', rates: { throttling: 1.5 } }, /probability/],
    [{ target: 'http://127.0.0.1:1', rates: { throttling: 0.6, 'reset-after': 0.6 } }, /more than 1/],
    [{ target: 'http://127.0.0.1:1', rates: { gremlins: 0.1 } }, /unknown fault kind/],
    [{ target: 'http://127.0.0.1:1', maxFaults: -1 }, /maxFaults/],
    [{ target: 'http://127.0.0.1:1', partialBatchShare: 0 }, /partialBatchShare/],
    [{ target: 'http://127.0.0.1:1', latencyMs: [5, 1] }, /latencyMs/],
  ] as const)('%j', async (options, message) => {
    await expect(startFaultProxy(options as never)).rejects.toSatisfy((e) => e instanceof ConfigurationError && message.test((e as Error).message));
  });

  it('refuses to force a fault on an operation it cannot happen to', () => {
    expect(() => proxy.inject('partial-batch', { operation: 'GetItem' })).toThrow(ConfigurationError);
    expect(() => proxy.inject('throttling', { count: 0 })).toThrow(ConfigurationError);
  });
});
