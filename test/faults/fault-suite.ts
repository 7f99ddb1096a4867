import { randomUUID } from 'node:crypto';
import { DynamoDBClient, ScanCommand, type AttributeValue, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { startFaultProxy, type FaultProxy, type FaultProxyOptions, type FaultProxyStats } from '../../src/testing/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

/**
 * Shared set-up of the fault suites: a table on the run's DynamoDB Local, a
 * fault proxy in front of it, clients through the proxy, and a raw scan to
 * compare what Local holds with what the suite expects.
 *
 * Size knob: `npm test` runs the short profile; `npm run test:faults`
 * (TABLEWRIGHT_FAULTS=full) the full one the docs report.
 */
export const FULL = process.env.TABLEWRIGHT_FAULTS === 'full';

/** Per-test timeout: the short profile stays well inside vitest's default, the full one gets its own. */
export const TIMEOUT = FULL ? 900_000 : 90_000;

/** When a suite's loops stop starting new work (time bound; a suite then fails on its counts). */
export const stopAt = (): number => Date.now() + (FULL ? 600_000 : 60_000);

/** The short or the full profile's value. */
export const size = (short: number, full: number): number => (FULL ? full : short);

/** A suite's environment, ready inside its tests. */
export interface FaultSuite {
  readonly proxy: FaultProxy;
  readonly tableName: string;
  /** A client through the proxy (its own SDK retry quota). */
  client(options?: { readonly maxAttempts?: number; readonly retryStrategy?: DynamoDBClientConfig['retryStrategy'] }): DynamoDBClient;
  /** A client straight to Local, in the same namespace (no faults). */
  readonly direct: DynamoDBClient;
  /** Every item Local holds, read around the proxy. */
  scan(): Promise<Record<string, AttributeValue>[]>;
}

/** Registers the suite's hooks; use the returned object inside tests. */
export function faultSuite(options: Omit<FaultProxyOptions, 'target'>): FaultSuite {
  const accessKeyId = `f${randomUUID().replaceAll('-', '')}`;
  const direct = localClient({ accessKeyId });
  const clients: DynamoDBClient[] = [];
  let proxy: FaultProxy | undefined;
  let tableName = '';
  beforeAll(async () => {
    tableName = (await createTestTable(direct)).name;
    proxy = await startFaultProxy({ target: inject('dynamoEndpoint'), ...options });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await proxy?.stop();
  });
  return {
    get proxy() {
      return proxy!;
    },
    get tableName() {
      return tableName;
    },
    direct,
    client(o = {}) {
      const client = new DynamoDBClient({
        endpoint: proxy!.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId, secretAccessKey: 'local' },
        ...(o.maxAttempts !== undefined && { maxAttempts: o.maxAttempts }),
        ...(o.retryStrategy !== undefined && { retryStrategy: o.retryStrategy }),
      });
      clients.push(client);
      return client;
    },
    async scan() {
      const items: Record<string, AttributeValue>[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await direct.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }));
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
  };
}

/** Faults injected in all, and the share of requests they hit. */
export function faultShare(stats: FaultProxyStats): { readonly faults: number; readonly share: number } {
  const faults = Object.entries(stats.injected).reduce((n, [kind, c]) => (kind === 'latency' ? n : n + c), 0);
  return { faults, share: stats.requests === 0 ? 0 : faults / stats.requests };
}

/** Asserts the run stayed within its bounds and at the fault level the suite promises; prints the figures for the docs. */
export function reportRun(name: string, stats: FaultProxyStats, figures: Record<string, number>, bounds: { readonly maxRequests: number; readonly minShare: number }): void {
  const { faults, share } = faultShare(stats);
  const injected = Object.fromEntries(Object.entries(stats.injected).filter(([, n]) => n > 0));
  if (FULL || process.env.TABLEWRIGHT_FAULTS_REPORT) {
    console.log(`[faults] ${name}: ${JSON.stringify({ requests: stats.requests, faults, share: Number(share.toFixed(3)), injected, heldBack: stats.heldBack, ...figures })}`);
  }
  expect(stats.requests).toBeLessThanOrEqual(bounds.maxRequests);
  // The short profile's few hundred requests make the measured share noisy; the full run must meet it.
  expect(share).toBeGreaterThanOrEqual(FULL ? bounds.minShare : bounds.minShare / 2);
}

/** Reads are the application's to retry (tablewright resends writes only): a few tries past transient faults. */
export async function reread<T>(read: () => Promise<T>, tries = 10): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await read();
    } catch (error) {
      if (n >= tries) throw error;
    }
  }
}
