import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { Table, TableCore } from '../../src/index.js';

/**
 * The tables the consumer tests (and their child processes) share: a
 * `Counter` entity whose item `key` is written with versions 1, 2, 3 … in
 * order, so a consumer's log shows per-key order at a glance, and a lease table.
 */
export function counterTable(client: DynamoDBClient, name: string) {
  const table = new Table({ name, client, partitionKey: 'pk', sortKey: 'sk', stream: 'NEW_AND_OLD_IMAGES' });
  const Counter = table.entity('Counter', {
    schema: z.object({ key: z.string(), v: z.number().int() }),
    keys: { primary: { pk: ['K', 'key'], sk: ['V'] } },
  });
  return { table, Counter };
}

/** The lease table (pk/sk, no stream). */
export function leaseTable(client: DynamoDBClient, name: string): Table {
  return new Table({ name, client, partitionKey: 'pk', sortKey: 'sk' });
}

/** A lease table declared with the lean `TableCore` (what a consumer needs). */
export function leaseTableCore(client: DynamoDBClient, name: string): TableCore {
  return new TableCore({ name, client, partitionKey: 'pk', sortKey: 'sk' });
}

/**
 * Writes versions 1..perKey of every key: round v puts version v of all keys
 * (batched, 25 a request), so each key's versions are written in order.
 */
export async function writeVersions(
  table: ReturnType<typeof counterTable>['table'],
  Counter: ReturnType<typeof counterTable>['Counter'],
  keys: readonly string[],
  perKey: number,
  from = 1,
): Promise<void> {
  for (let v = from; v < from + perKey; v++) {
    await table.batchWrite(keys.map((key) => Counter.putOp({ key, v })), { concurrency: 4 });
  }
}

/** One applied record, as the tests log it. */
export interface Applied {
  readonly id: string;
  readonly key: string;
  readonly v: number;
  readonly seq: string;
  readonly shard?: string;
}

/** Checks each key's versions were applied in order (1, 2, 3 … with no gap), ignoring repeats of a version already seen. */
export function perKeyOrderViolations(log: readonly Applied[]): string[] {
  const last = new Map<string, number>();
  const problems: string[] = [];
  for (const entry of log) {
    const before = last.get(entry.key) ?? 0;
    if (entry.v <= before) continue; // a redelivery of something already applied
    if (entry.v !== before + 1) problems.push(`${entry.key}: v${entry.v} after v${before}`);
    last.set(entry.key, entry.v);
  }
  return problems;
}

/** Waits (polling) until `done()` holds. */
export async function until(done: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
