import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ScanProgress, Table } from '../../src/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
let table: Table<'gsi1'>;
const TOTAL = 2500;

function define(t: Table<'gsi1'>) {
  return t.entity('Bulk', {
    schema: z.object({ group: z.number(), n: z.number() }),
    // Spread over 50 partitions (so scan segments share the work); gsi1 gathers all of them in one partition.
    keys: { primary: { pk: ['BULK', 'group'], sk: ['N', 'n'] }, gsi1: { pk: ['ALL'], sk: ['N', 'n'] } },
  });
}
let Bulk: ReturnType<typeof define>;

beforeAll(async () => {
  table = await createTestTable(client);
  Bulk = define(table);
  // Written straight through the SDK to keep setup fast (batch helpers are another feature).
  const items = Array.from({ length: TOTAL }, (_, n) => Bulk.toStored({ group: n % 50, n }));
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const { marshall } = await import('@aws-sdk/util-dynamodb');
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const out = await client.send(
          new BatchWriteItemCommand({ RequestItems: { [table.name]: batch.map((item) => ({ PutRequest: { Item: marshall(item) } })) } }),
        );
        expect(Object.keys(out.UnprocessedItems ?? {})).toHaveLength(0);
      }
    }),
  );
});

function expectEachOnce(seen: number[]) {
  expect(seen).toHaveLength(TOTAL);
  expect(new Set(seen).size).toBe(TOTAL);
  expect(Math.min(...seen)).toBe(0);
  expect(Math.max(...seen)).toBe(TOTAL - 1);
}

describe('paginating 2,500 items with limit 100', () => {
  it('through query returns every item exactly once, in order', async () => {
    const seen: number[] = [];
    let pages = 0;
    for await (const page of Bulk.queryPages('gsi1', {}, { limit: 100 })) {
      pages++;
      expect(page.items.length).toBeLessThanOrEqual(100);
      seen.push(...page.items.map((i) => i.n));
    }
    expectEachOnce(seen);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(pages).toBeGreaterThanOrEqual(25);
    expect(await Bulk.count('gsi1', {})).toBe(TOTAL);
    expect(await Bulk.count('primary', { group: 7 })).toBe(TOTAL / 50);
  });

  it('through page-by-page cursors returns every item exactly once', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await Bulk.query('gsi1', {}, { limit: 100, order: 'desc', ...(cursor && { cursor }) });
      seen.push(...page.items.map((i) => i.n));
      cursor = page.cursor;
    } while (cursor);
    expectEachOnce(seen);
  });

  it('through parallel scan returns every item exactly once and reports progress', async () => {
    const seen: number[] = [];
    const progress: ScanProgress[] = [];
    const segmentsSeen = new Set<number>();
    for await (const batch of Bulk.parallelScan({ segments: 4, concurrency: 2, limit: 100, onProgress: (p) => progress.push(p) })) {
      segmentsSeen.add(batch.segment);
      expect(batch.items.length).toBeLessThanOrEqual(100);
      seen.push(...batch.items.map((i) => i.n));
    }
    expectEachOnce(seen);
    expect(segmentsSeen.size).toBeGreaterThan(1);
    const last = progress[progress.length - 1]!;
    expect(last).toMatchObject({ items: TOTAL, segmentsDone: 4, segments: 4 });
    expect(last.pages).toBe(progress.length);
    expect(last.pages).toBeGreaterThanOrEqual(25);
  });

  it('a table-level parallel scan sees every raw item; leaving early stops reading', async () => {
    let total = 0;
    for await (const batch of table.parallelScan({ segments: 3, limit: 100 })) total += batch.items.length;
    expect(total).toBe(TOTAL);
    let pages = 0;
    const progress: ScanProgress[] = [];
    for await (const _ of table.parallelScan({ segments: 3, concurrency: 1, limit: 100, onProgress: (p) => progress.push(p) })) {
      if (++pages === 2) break;
    }
    // Nothing read after the break is reported: the request in flight was aborted.
    expect(progress[progress.length - 1]!.items).toBe(200);
    expect(progress[progress.length - 1]!.segmentsDone).toBeLessThan(3);
  });
});
