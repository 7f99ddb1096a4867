import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { DynamoDBError, directTransport, sdkTransport, type Transport } from '../../src/index.js';
import { mapAwsError } from '../../src/request/map-error.js';
import { startFaultInjectingProxy, type Fault, type FaultInjectingProxy } from '../doubles/fault-injecting-proxy.double.js';
import { createTestTable, localClient } from '../helpers/local.js';

const ACCESS_KEY = `retry${Date.now().toString(36)}`;
let proxy: FaultInjectingProxy;
let tableName: string;

beforeAll(async () => {
  const table = await createTestTable(localClient({ accessKeyId: ACCESS_KEY }));
  tableName = table.name;
  proxy = await startFaultInjectingProxy(inject('dynamoEndpoint'));
});
afterAll(() => proxy.close());

type StrategyCall = string;

/**
 * The client's default retry strategy class (taken from a client, so the test
 * imports nothing from @smithy), with the backoff zeroed so the suite does not
 * sleep, and every call the transport makes to it recorded.
 */
async function recordingStrategy(log: StrategyCall[], maxAttempts = 4) {
  const probe = new DynamoDBClient({ region: 'us-east-1' });
  const Standard = (await probe.config.retryStrategy()).constructor as new (options: object) => any;
  probe.destroy();
  const inner = new Standard({ maxAttempts, backoff: { computeNextBackoffDelay: () => 0, setDelayBase() {} } });
  return {
    mode: inner.mode,
    acquireInitialRetryToken: async (scope: string) => (log.push(`acquire(${scope})`), inner.acquireInitialRetryToken(scope)),
    refreshRetryTokenForRetry: async (token: any, info: { errorType: string }) => {
      log.push(`refresh(${info.errorType})`);
      return inner.refreshRetryTokenForRetry(token, info);
    },
    recordSuccess: (token: any) => (log.push('success'), inner.recordSuccess(token)),
  };
}

async function run(path: 'sdk' | 'direct', faults: Fault[], credentials: DynamoDBClient['config']['credentials'] | object = { accessKeyId: ACCESS_KEY, secretAccessKey: 'x' }) {
  const strategyLog: StrategyCall[] = [];
  const client = new DynamoDBClient({ region: 'us-east-1', endpoint: proxy.endpoint, credentials: credentials as never, retryStrategy: await recordingStrategy(strategyLog) });
  const transport: Transport = path === 'sdk' ? sdkTransport(client) : directTransport(client);
  proxy.schedule(faults);
  let outcome: Record<string, unknown>;
  try {
    const output = await transport.send('GetItem', { TableName: tableName, Key: { pk: { S: 'p' }, sk: { S: 's' } } });
    outcome = { ok: true, attempts: output.$metadata.attempts };
  } catch (error) {
    const e = error as Error & { code?: string; $metadata?: { attempts?: number; httpStatusCode?: number } };
    outcome = { ok: false, name: e.name, message: e.message, code: e.code, attempts: e.$metadata?.attempts, status: e.$metadata?.httpStatusCode, mapped: mapAwsError(e) };
  }
  client.destroy();
  return { outcome, strategyLog, wire: proxy.records.map((r) => `${r.fault} ${r.attemptHeader}`) };
}

describe('direct transport retries follow the client retry strategy', () => {
  const scenarios: Array<[string, Fault[], Record<string, unknown>]> = [
    ['throttling, 500 and a reset, then success', ['provisioned-throughput', 'internal-error', 'reset'], { ok: true, attempts: 4 }],
    ['503 then success', ['unavailable'], { ok: true, attempts: 2 }],
    ['ThrottlingException then success', ['throttling'], { ok: true, attempts: 2 }],
    ['throttled on every attempt: gives up after maxAttempts', ['provisioned-throughput', 'provisioned-throughput', 'provisioned-throughput', 'provisioned-throughput'], { ok: false, name: 'ProvisionedThroughputExceededException', attempts: 4, status: 400 }],
    ['connection reset on every attempt', ['reset', 'reset', 'reset', 'reset'], { ok: false, attempts: 4 }],
  ];
  for (const [name, faults, expected] of scenarios) {
    it(name, async () => {
      const viaSdk = await run('sdk', faults);
      const viaDirect = await run('direct', faults);
      expect(viaDirect.outcome).toMatchObject(expected);
      expect(viaDirect.outcome).toEqual(viaSdk.outcome);
      expect(viaDirect.strategyLog).toEqual(viaSdk.strategyLog);
      expect(viaDirect.wire).toEqual(viaSdk.wire);
      expect(viaDirect.wire).toHaveLength(expected.attempts as number);
    });
  }

  it('classifies the final throttling error as a retryable DynamoDBError after mapping', async () => {
    const { outcome, strategyLog } = await run('direct', ['throttling', 'throttling', 'throttling', 'throttling']);
    expect(outcome.mapped).toBeInstanceOf(DynamoDBError);
    expect(outcome.mapped).toMatchObject({ code: 'ThrottlingException', retryable: true });
    expect(strategyLog).toEqual(['acquire()', 'refresh(THROTTLING)', 'refresh(THROTTLING)', 'refresh(THROTTLING)', 'refresh(THROTTLING)']);
  });

  it('stops retrying when the abort signal fires, with the same AbortError as the SDK', async () => {
    const client = new DynamoDBClient({ region: 'us-east-1', endpoint: proxy.endpoint, credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: 'x' } });
    const input = { TableName: tableName, Key: { pk: { S: 'p' }, sk: { S: 's' } } };
    const controller = new AbortController();
    controller.abort(new Error('caller gave up'));
    proxy.schedule([]);
    const viaSdk = await client.send(new GetItemCommand(input), { abortSignal: controller.signal }).catch((e) => e);
    const viaDirect = await directTransport(client).send('GetItem', input, { abortSignal: controller.signal }).catch((e) => e);
    expect(viaDirect.name).toBe('AbortError');
    expect({ name: viaDirect.name, message: viaDirect.message, cause: viaDirect.cause }).toEqual({ name: viaSdk.name, message: viaSdk.message, cause: viaSdk.cause });
    expect(proxy.records).toHaveLength(0);
    client.destroy();
  });
});

describe('aborting a request in flight', () => {
  it('rejects with the SDK’s AbortError and sends nothing more', async () => {
    const input = { TableName: tableName, Key: { pk: { S: 'p' }, sk: { S: 's' } } };
    const outcomes = [];
    for (const path of ['sdk', 'direct'] as const) {
      const client = new DynamoDBClient({ region: 'us-east-1', endpoint: proxy.endpoint, credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: 'x' } });
      proxy.schedule(['hang']);
      const controller = new AbortController();
      const arrived = proxy.nextRequest();
      const pending = (path === 'sdk' ? client.send(new GetItemCommand(input), { abortSignal: controller.signal }) : directTransport(client).send('GetItem', input, { abortSignal: controller.signal })).catch((e) => e);
      await arrived;
      controller.abort();
      const error = await pending;
      outcomes.push({ name: error.name, message: error.message, attempts: error.$metadata?.attempts, requests: proxy.records.length });
      client.destroy();
    }
    expect(outcomes[1]).toEqual({ name: 'AbortError', message: 'Request aborted', attempts: 1, requests: 1 });
    expect(outcomes[1]).toEqual(outcomes[0]);
  });
});

describe('credentials that expire mid-run', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('are refreshed from the provider exactly when the SDK refreshes them', async () => {
    const observe = async (path: 'sdk' | 'direct') => {
      // Only Date is faked: sockets and timers run for real, the credentials' clock moves on demand.
      vi.useFakeTimers({ toFake: ['Date'] });
      const t0 = Date.now();
      vi.setSystemTime(t0);
      let calls = 0;
      const provider = async () => {
        calls++;
        return { accessKeyId: ACCESS_KEY, secretAccessKey: `secret${calls}`, sessionToken: `token${calls}`, expiration: new Date(Date.now() + 600_000) };
      };
      const client = new DynamoDBClient({ region: 'us-east-1', endpoint: proxy.endpoint, credentials: provider });
      const transport = path === 'sdk' ? sdkTransport(client) : directTransport(client);
      proxy.schedule([]);
      const get = () => transport.send('GetItem', { TableName: tableName, Key: { pk: { S: 'p' }, sk: { S: 's' } } });
      await get(); // token1, valid for 10 minutes
      vi.setSystemTime(t0 + 360_000); // 4 minutes left: inside the 5-minute refresh window
      await get(); // refreshed: token2
      await get(); // token2 still fresh
      vi.setSystemTime(t0 + 360_000 + 1_200_000); // token2 expired long ago
      await get(); // token3
      client.destroy();
      vi.useRealTimers();
      return { calls, tokens: proxy.records.map((r) => r.sessionToken) };
    };
    const viaSdk = await observe('sdk');
    const viaDirect = await observe('direct');
    expect(viaDirect).toEqual({ calls: 3, tokens: ['token1', 'token2', 'token2', 'token3'] });
    expect(viaDirect).toEqual(viaSdk);
  });
});
