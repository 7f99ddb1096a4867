import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ITEM_SIZE_LIMIT, ItemTooLargeError, type Table } from '../../src/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

type I = 'lsiAll' | 'lsiKeys' | 'lsiInc';
const client = localClient();
let table: Table<I>;

const schema = z.object({ id: z.string(), title: z.string(), cat: z.string().optional(), body: z.string() });
function define(t: Table<I>) {
  return t.entity('Note', {
    schema,
    keys: {
      primary: { pk: ['NOTE', 'id'], sk: ['NOTE'] },
      lsiAll: { sk: ['T', 'title'] },
      lsiKeys: { sk: ['K', 'id'] },
      lsiInc: { sk: ['C', 'cat'] },
    },
  });
}
let Note: ReturnType<typeof define>;

beforeAll(async () => {
  table = await createTestTable<I>(client, {
    indexes: {
      lsiAll: { type: 'local' as const, sortKey: 'l1', projection: 'all' as const },
      lsiKeys: { type: 'local' as const, sortKey: 'l2', projection: 'keys-only' as const },
      lsiInc: { type: 'local' as const, sortKey: 'l3', projection: { include: ['title', 'cat'] } },
    },
  });
  Note = define(table);
});

async function localAccepts(item: z.input<typeof schema>): Promise<boolean> {
  try {
    await client.send(new PutItemCommand({ TableName: table.name, Item: marshall(Note.toStored(item)) }));
    return true;
  } catch (e) {
    expect((e as Error).message).toBe('Item size has exceeded the maximum allowed size');
    return false;
  }
}

describe('tables with local secondary indexes: the item plus its LSI entries count', () => {
  it('reports each LSI entry (all = the whole item; keys-only = pk + index sort key; include = + listed)', () => {
    const item = { id: 'a', title: 'tt', cat: 'c', body: 'x'.repeat(100) };
    const report = Note.sizeReport(item);
    const attr = (name: string) => report.attributes.find((a) => a.attribute === name)!.size;
    expect(report.indexEntries).toEqual([
      { index: 'lsiAll', size: report.size },
      { index: 'lsiKeys', size: attr('pk') + attr('l2') },
      { index: 'lsiInc', size: attr('pk') + attr('l3') + attr('title') + attr('cat') },
    ]);
    expect(report.total).toBe(report.size * 2 + attr('pk') * 2 + attr('l2') + attr('l3') + attr('title') + attr('cat'));
    // Without `cat` the item is not in lsiInc (sparse) and nothing is counted for it.
    expect(Note.sizeReport({ id: 'a', title: 'tt', body: 'x' }).indexEntries.map((e) => e.index)).toEqual(['lsiAll', 'lsiKeys']);
  });

  it.each([
    // In lsiInc too, a title byte adds 3 to the total (item twice + lsiInc entry), so the exact limit is reachable.
    ['in all three indexes', { cat: 'c' }, ITEM_SIZE_LIMIT],
    // Here every attribute byte counts twice and the keys-only entry is odd: totals are always odd.
    ['in lsiAll and lsiKeys only', {}, ITEM_SIZE_LIMIT - 1],
  ])('agrees with DynamoDB Local to the byte at the limit (%s)', async (_name, extra, target) => {
    // Find a title length and body length whose total is the largest reachable one within the limit.
    let found: z.input<typeof schema> | undefined;
    for (let t = 1; t <= 3 && !found; t++) {
      const base = { id: `b${t}${'cat' in extra ? 'c' : ''}`, title: 'x'.repeat(t), ...extra, body: '' };
      const empty = Note.sizeReport(base).total;
      const perByte = Note.sizeReport({ ...base, body: 'a' }).total - empty;
      const n = Math.floor((ITEM_SIZE_LIMIT - empty) / perByte);
      const candidate = { ...base, body: 'a'.repeat(n) };
      if (Note.sizeReport(candidate).total === target) found = candidate;
    }
    expect(found).toBeDefined();
    const at = found!;
    const over = { ...at, body: at.body + 'a' };
    expect(Note.sizeReport(over).fits).toBe(false);
    await expect(Note.put(over)).rejects.toBeInstanceOf(ItemTooLargeError);
    expect(await localAccepts(over)).toBe(false);
    expect(Note.sizeReport(at).fits).toBe(true);
    await Note.put(at);
    expect((await Note.get({ id: at.id }))?.body).toBe(at.body);
  });
});
