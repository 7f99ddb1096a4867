import { ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { batchWrite, chunkWrites, RequestLimitError, sdkTransport, Table, TableNotFoundError, UnprocessedItemsError, writeRequestSize, type Transport } from '../../src/index.js';
import { installPartialBatchDouble, seededRandom, type PartialBatchDouble } from '../doubles/partial-batch.double.js';
import { createTestTable, localClient } from '../helpers/local.js';

const accessKeyId = `bw${Date.now()}`;
const plain = localClient({ accessKeyId });
const doubled = localClient({ accessKeyId, maxAttempts: 1 });
let double: PartialBatchDouble;
let tableName: string;

const fast = { maxAttempts: 30, baseDelayMs: 1, maxDelayMs: 4 };

function define(t: Table) {
  return t.entity('Row', { schema: z.object({ id: z.string(), n: z.number() }), keys: { primary: { pk: ['ROW', 'id'], sk: ['R'] } } });
}
let Row: ReturnType<typeof define>;
let Versioned: ReturnType<Table['entity']>;

beforeAll(async () => {
  tableName = (await createTestTable(plain)).name;
  const table = new Table({ name: tableName, client: doubled, partitionKey: 'pk', sortKey: 'sk' });
  Row = define(table);
  Versioned = table.entity('V', {
    schema: z.object({ id: z.string(), version: z.number().int().optional() }),
    keys: { primary: { pk: ['V', 'id'], sk: ['V'] } },
    version: true,
  });
  double = installPartialBatchDouble(doubled, { share: 0, random: seededRandom(42) });
});

async function scanIds(prefix: string): Promise<string[]> {
  const ids: string[] = [];
  let start: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await plain.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) if (item.pk?.S?.startsWith(`ROW#${prefix}`)) ids.push(item.id!.S!);
    start = page.LastEvaluatedKey;
  } while (start);
  return ids;
}

const forwardedFor = (prefix: string) => [...double.forwarded.entries()].filter(([k]) => k.includes(`"ROW#${prefix}`));

describe('batchWrite', () => {
  it('writes 10,000 items exactly once although each round leaves 30 % unprocessed', async () => {
    double.share = 0.3;
    const calls = double.calls.BatchWriteItem;
    const ops = Array.from({ length: 10_000 }, (_, i) => Row.putOp({ id: `big-${String(i).padStart(5, '0')}`, n: i }));
    const result = await batchWrite(ops, { concurrency: 8, retry: fast });
    double.share = 0;
    expect(result).toEqual({ written: 10_000, unprocessed: [], outcomeUnknown: [] });
    // Many rounds were needed: 400 chunks plus retries of what the double held back.
    expect(double.calls.BatchWriteItem - calls).toBeGreaterThan(800);
    const forwarded = forwardedFor('big-');
    expect(forwarded).toHaveLength(10_000);
    expect(forwarded.every(([, count]) => count === 1)).toBe(true);
    const ids = await scanIds('big-');
    expect(ids).toHaveLength(10_000);
    expect(new Set(ids).size).toBe(10_000);
  }, 180_000); // 10,000 writes into Local: ~15 s alone, over 60 s beside other suites on 2 loaded cores

  it('when retries run out, hands back exactly the items not written', async () => {
    double.share = 0.5;
    const ops = Array.from({ length: 200 }, (_, i) => Row.putOp({ id: `ex-${i}`, n: i }));
    const result = await batchWrite(ops, { retry: { maxAttempts: 2, baseDelayMs: 1 }, returnUnprocessed: true });
    double.share = 0;
    const written = new Set((await scanIds('ex-')).map((id) => Number(id.slice(3))));
    const left = result.unprocessed.map((u) => u.index).sort((a, b) => a - b);
    expect(left.length).toBeGreaterThan(0);
    expect(result.written + left.length).toBe(200);
    // Unprocessed ∪ written = everything, disjoint.
    for (const i of left) expect(written.has(i)).toBe(false);
    expect(written.size).toBe(200 - left.length);
    expect(result.unprocessed.every((u) => u.operation === ops[u.index])).toBe(true);

    // Resuming with exactly those operations completes the job.
    await batchWrite(result.unprocessed.map((u) => u.operation), { retry: fast });
    expect(await scanIds('ex-')).toHaveLength(200);
  });

  it('throws UnprocessedItemsError listing the remaining items by default', async () => {
    double.share = 1; // nothing is ever processed: every call is throttled
    const ops = Array.from({ length: 30 }, (_, i) => Row.putOp({ id: `all-${i}`, n: i }));
    const error = await batchWrite(ops, { retry: { maxAttempts: 3, baseDelayMs: 1 } }).catch((e: unknown) => e);
    double.share = 0;
    expect(error).toBeInstanceOf(UnprocessedItemsError);
    expect(error).toMatchObject({ operation: 'BatchWriteItem', reason: 'retries-exhausted' });
    expect((error as UnprocessedItemsError).unprocessed.map((u) => u.index)).toEqual(ops.map((_, i) => i));
    expect(await scanIds('all-')).toHaveLength(0);
  });

  it('retries throttling errors with the same policy', async () => {
    double.injectErrors(['ThrottlingException', 'ProvisionedThroughputExceededException', 'ThrottlingException']);
    const before = double.calls.BatchWriteItem;
    const ops = Array.from({ length: 10 }, (_, i) => Row.putOp({ id: `thr-${i}`, n: i }));
    await expect(batchWrite(ops, { concurrency: 1, retry: fast })).resolves.toEqual({ written: 10, unprocessed: [], outcomeUnknown: [] });
    expect(double.calls.BatchWriteItem - before).toBe(1); // the 3 injected failures never reached the counter
    expect(await scanIds('thr-')).toHaveLength(10);
  });

  it('deletes and puts mix; non-retryable errors surface typed with the affected items', async () => {
    await batchWrite([Row.putOp({ id: 'del-1', n: 1 }), Row.putOp({ id: 'del-2', n: 2 })]);
    await batchWrite([Row.deleteOp({ id: 'del-1' }), Row.putOp({ id: 'del-3', n: 3 })]);
    expect((await scanIds('del-')).sort()).toEqual(['del-2', 'del-3']);

    const missing = define(new Table({ name: 'no_such_table_here', client: doubled, partitionKey: 'pk', sortKey: 'sk' }));
    const ops = Array.from({ length: 30 }, (_, i) => missing.putOp({ id: `m${i}`, n: i }));
    const error = await batchWrite(ops, { concurrency: 1, retry: fast }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UnprocessedItemsError', reason: 'error' });
    expect((error as UnprocessedItemsError).cause).toBeInstanceOf(TableNotFoundError);
    expect((error as UnprocessedItemsError).unprocessed).toHaveLength(30);
  });

  it('rejects duplicate items, conditions and version-locked puts before sending', async () => {
    const before = double.calls.BatchWriteItem;
    const dup = await batchWrite([
      Row.putOp({ id: 'dup1', n: 1 }),
      Row.putOp({ id: 'dup2', n: 1 }),
      Row.putOp({ id: 'dup3', n: 1 }),
      Row.deleteOp({ id: 'dup1' }),
    ]).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(RequestLimitError);
    expect(dup).toMatchObject({ operation: 'BatchWriteItem', reason: 'duplicate-item', indexes: [0, 3] });
    await expect(batchWrite([Row.putOp({ id: 'dupc', n: 1 }, { condition: (c) => c.notExists('id') })])).rejects.toMatchObject({
      reason: 'not-allowed',
      indexes: [0],
    });
    await expect(batchWrite([Versioned.putOp({ id: 'v' })])).rejects.toMatchObject({ reason: 'not-allowed' });
    expect(double.calls.BatchWriteItem).toBe(before);
    expect(await scanIds('dup')).toEqual([]);
  });

  it('chunks at 25 items per request and keeps at most `concurrency` requests in flight', async () => {
    const sizes: number[] = [];
    let inFlight = 0;
    let peak = 0;
    const base = sdkTransport(plain);
    const spy: Transport = {
      async send(operation, input, options) {
        if (operation === 'BatchWriteItem') {
          sizes.push(Object.values((input as { RequestItems: Record<string, unknown[]> }).RequestItems).reduce((n, r) => n + r.length, 0));
          peak = Math.max(peak, ++inFlight);
        }
        try {
          return await base.send(operation, input, options);
        } finally {
          if (operation === 'BatchWriteItem') inFlight--;
        }
      },
    };
    const R = define(new Table({ name: tableName, client: plain, partitionKey: 'pk', sortKey: 'sk', transport: spy }));
    await batchWrite(Array.from({ length: 160 }, (_, i) => R.putOp({ id: `chunk-${i}`, n: i })), { concurrency: 2 });
    expect(sizes).toEqual([25, 25, 25, 25, 25, 25, 10]);
    expect(peak).toBe(2);
    expect(await scanIds('chunk-')).toHaveLength(160);
  });

  it('chunks by exact wire size when the cheap bound does not fit: 25 items of 390 KB of quotes go in two requests', async () => {
    const sizes: number[] = [];
    const base = sdkTransport(plain);
    const spy: Transport = {
      send(operation, input, options) {
        if (operation === 'BatchWriteItem') sizes.push(Object.values((input as { RequestItems: Record<string, unknown[]> }).RequestItems).reduce((n, r) => n + r.length, 0));
        return base.send(operation, input, options);
      },
    };
    const table = new Table({ name: tableName, client: plain, partitionKey: 'pk', sortKey: 'sk', transport: spy });
    const Quoted = table.entity('Quoted', { schema: z.object({ id: z.string(), text: z.string() }), keys: { primary: { pk: ['ROW', 'id'], sk: ['Q'] } } });
    // 390,000 stored bytes each, 780,000 on the wire (every quote is escaped): 25 of them exceed 16 MB.
    const ops = Array.from({ length: 25 }, (_, i) => Quoted.putOp({ id: `quoted-${i}`, text: '"'.repeat(390_000) }));
    const exact = chunkWrites(ops.map((o) => ({ PutRequest: { Item: o.request.Put!.Item! } })), writeRequestSize).map((c) => c.length);
    expect(exact).toEqual([21, 4]);
    await batchWrite(ops);
    expect(sizes).toEqual(exact);
    expect((await scanIds('quoted-')).length).toBe(25);
  });
});

