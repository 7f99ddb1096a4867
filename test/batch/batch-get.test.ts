import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { batchGet, batchWrite, sdkTransport, Table, UnprocessedItemsError, type Transport } from '../../src/index.js';
import { installPartialBatchDouble, seededRandom, type PartialBatchDouble } from '../doubles/partial-batch.double.js';
import { createTestTable, localClient } from '../helpers/local.js';

const accessKeyId = `bg${Date.now()}`;
const plain = localClient({ accessKeyId });
const doubled = localClient({ accessKeyId, maxAttempts: 1 });
let double: PartialBatchDouble;
let unprocessedKeysSeen = 0;

const fast = { maxAttempts: 30, baseDelayMs: 1, maxDelayMs: 4 };
const rowSchema = z.object({ id: z.string(), n: z.number() });
const noteSchema = z.object({ id: z.string(), text: z.string() });

function define(table: Table) {
  return {
    Row: table.entity('Row', { schema: rowSchema, keys: { primary: { pk: ['ROW', 'id'], sk: ['R'] } } }),
    Note: table.entity('Note', { schema: noteSchema, keys: { primary: { pk: ['NOTE', 'id'], sk: ['N'] } } }),
  };
}
let viaDouble: ReturnType<typeof define>;
let direct: ReturnType<typeof define>;

beforeAll(async () => {
  const name = (await createTestTable(plain)).name;
  // Counts UnprocessedKeys that DynamoDB Local itself returns (no double on this client).
  const base = sdkTransport(plain);
  const counting: Transport = {
    async send(operation, input, options) {
      const output = await base.send(operation, input, options);
      if (operation === 'BatchGetItem') {
        const keys = (output as { UnprocessedKeys?: Record<string, { Keys?: unknown[] }> }).UnprocessedKeys ?? {};
        for (const t of Object.values(keys)) unprocessedKeysSeen += t.Keys?.length ?? 0;
      }
      return output;
    },
  };
  direct = define(new Table({ name, client: plain, partitionKey: 'pk', sortKey: 'sk', transport: counting }));
  viaDouble = define(new Table({ name, client: doubled, partitionKey: 'pk', sortKey: 'sk' }));
  double = installPartialBatchDouble(doubled, { share: 0, random: seededRandom(7) });
  await batchWrite(
    Array.from({ length: 1000 }, (_, i) => direct.Row.putOp({ id: `r${i}`, n: i })),
    { concurrency: 8 },
  );
});

describe('batchGet', () => {
  it('reads 1,000 keys in input order while each round leaves 30 % unprocessed', async () => {
    double.share = 0.3;
    const before = double.calls.BatchGetItem;
    const order = Array.from({ length: 1000 }, (_, i) => (i * 389) % 1000); // a permutation
    const items = await batchGet(order.map((i) => viaDouble.Row.getOp({ id: `r${i}` })), { retry: fast });
    double.share = 0;
    expect(items).toHaveLength(1000);
    items.forEach((item, position) => expect(item).toEqual({ id: `r${order[position]}`, n: order[position] }));
    expect(double.calls.BatchGetItem - before).toBeGreaterThan(10); // 10 chunks plus retries
  });

  it('types results per entity, de-duplicates keys and returns undefined for missing items', async () => {
    await direct.Note.put({ id: 'n1', text: 'hello' });
    const before = double.calls.BatchGetItem;
    const r5Before = double.forwarded.get('["ROW#r5","R"]') ?? 0;
    const [row, note, nothing, again] = await batchGet([
      viaDouble.Row.getOp({ id: 'r5' }),
      viaDouble.Note.getOp({ id: 'n1' }),
      viaDouble.Note.getOp({ id: 'none' }),
      viaDouble.Row.getOp({ id: 'r5' }),
    ]);
    expect(row?.n).toBe(5);
    expect(note?.text).toBe('hello');
    expect(nothing).toBeUndefined();
    expect(again).toEqual(row);
    expect(double.calls.BatchGetItem - before).toBe(1);
    expect(double.forwarded.get('["ROW#r5","R"]')! - r5Before).toBe(1); // asked for once
  });

  it('when retries run out, returns exactly the keys not read', async () => {
    double.share = 0.6;
    const countBefore = new Map(double.forwarded);
    const ops = Array.from({ length: 150 }, (_, i) => viaDouble.Row.getOp({ id: `r${i}` }));
    const { items, unprocessed } = await batchGet(ops, { retry: { maxAttempts: 2, baseDelayMs: 1 }, returnUnprocessed: true });
    double.share = 0;
    const readNow = (i: number) => (double.forwarded.get(`["ROW#r${i}","R"]`) ?? 0) > (countBefore.get(`["ROW#r${i}","R"]`) ?? 0);
    expect(unprocessed.length).toBeGreaterThan(0);
    for (let i = 0; i < 150; i++) {
      const left = unprocessed.some((u) => u.index === i);
      expect(left).toBe(!readNow(i));
      expect(items[i]).toEqual(left ? undefined : { id: `r${i}`, n: i });
    }
    // Default: the same situation throws, with the partial items attached.
    double.share = 1;
    const error = await batchGet(ops.slice(0, 5), { retry: { maxAttempts: 2, baseDelayMs: 1 } }).catch((e: unknown) => e);
    double.share = 0;
    expect(error).toBeInstanceOf(UnprocessedItemsError);
    expect((error as UnprocessedItemsError).unprocessed.map((u) => u.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it('follows the UnprocessedKeys DynamoDB Local returns for real past 16 MB (60 items of ~400 KB)', async () => {
    const big = 'x'.repeat(399_000);
    await batchWrite(Array.from({ length: 60 }, (_, i) => direct.Note.putOp({ id: `big${i}`, text: big })), { concurrency: 2 });
    const items = await batchGet(Array.from({ length: 60 }, (_, i) => direct.Note.getOp({ id: `big${i}` })), { retry: fast });
    expect(unprocessedKeysSeen).toBeGreaterThan(0);
    expect(items.every((item, i) => item?.id === `big${i}` && item.text.length === 399_000)).toBe(true);
  });
});
