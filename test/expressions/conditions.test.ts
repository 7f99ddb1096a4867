import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConditionFailedError, condition as cb, type ConditionInput, type Table } from '../../src/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
let table: Table<'gsi1'>;

const schema = z.object({
  id: z.string(),
  status: z.string(),
  name: z.string(),
  ttl: z.number(),
  data: z.record(z.string(), z.string()).optional(),
  tags: z.set(z.string()),
  list: z.array(z.object({ n: z.number() })),
  nested: z.object({ deep: z.object({ v: z.number(), at: z.date() }) }),
  budget: z.number(),
  note: z.string().optional(),
});
type Doc = z.output<typeof schema>;
function define(t: Table<'gsi1'>) {
  return t.entity('Doc', { schema, keys: { primary: { pk: ['DOC', 'id'], sk: ['DOC'] } } });
}
let Docs: ReturnType<typeof define>;
const at = new Date('2024-03-04T05:06:07.000Z');

beforeAll(async () => {
  table = await createTestTable(client);
  Docs = define(table);
  await Docs.put({
    id: 'd1',
    status: 'open',
    name: 'Alpha',
    ttl: 10,
    data: { 'a.b': 'dot', 'x#y': 'hash', 'k:v': 'colon', '[0]': 'bracket' },
    tags: new Set(['red', 'blue']),
    list: [{ n: 1 }, { n: 2 }, { n: 3 }],
    nested: { deep: { v: 7, at } },
    budget: 20,
  });
});

/** True when the filter keeps the stored item (a Query through DynamoDB Local). */
async function holds(filter: ConditionInput<Doc>): Promise<boolean> {
  const page = await Docs.query('primary', { id: 'd1' }, { filter });
  return page.items.length === 1;
}

describe('conditions against DynamoDB Local', () => {
  it('comparisons on reserved-word attributes', async () => {
    const cases: Array<[ConditionInput<Doc>, boolean]> = [
      [(c) => c.eq('status', 'open'), true],
      [(c) => c.eq('status', 'closed'), false],
      [(c) => c.ne('name', 'Beta'), true],
      [(c) => c.ne('name', 'Alpha'), false],
      [(c) => c.lt('ttl', 11), true],
      [(c) => c.lt('ttl', 10), false],
      [(c) => c.le('ttl', 10), true],
      [(c) => c.gt('ttl', 9), true],
      [(c) => c.gt('ttl', 10), false],
      [(c) => c.ge('ttl', 10), true],
      [(c) => c.lt('ttl', c.attr('budget')), true],
      [(c) => c.gt('ttl', c.attr('budget')), false],
      [(c) => c.eq('nested.deep.at', at), true],
    ];
    for (const [filter, expected] of cases) expect(await holds(filter), String(filter)).toBe(expected);
  });

  it('between, in, begins_with, contains', async () => {
    expect(await holds((c) => c.between('ttl', 5, 10))).toBe(true);
    expect(await holds((c) => c.between('ttl', 11, 20))).toBe(false);
    expect(await holds((c) => c.in('status', ['closed', 'open']))).toBe(true);
    expect(await holds((c) => c.in('status', ['closed']))).toBe(false);
    expect(await holds((c) => c.beginsWith('name', 'Al'))).toBe(true);
    expect(await holds((c) => c.beginsWith('name', 'al'))).toBe(false);
    expect(await holds((c) => c.contains('name', 'lph'))).toBe(true);
    expect(await holds((c) => c.contains('tags', 'red'))).toBe(true);
    expect(await holds((c) => c.contains('tags', 'green'))).toBe(false);
  });

  it('attribute_exists, attribute_not_exists, attribute_type', async () => {
    expect(await holds((c) => c.exists('nested.deep.v'))).toBe(true);
    expect(await holds((c) => c.exists('note'))).toBe(false);
    expect(await holds((c) => c.notExists('note'))).toBe(true);
    expect(await holds((c) => c.type('tags', 'SS'))).toBe(true);
    expect(await holds((c) => c.type('list', 'L'))).toBe(true);
    expect(await holds((c) => c.type('nested', 'M'))).toBe(true);
    expect(await holds((c) => c.type('ttl', 'S'))).toBe(false);
  });

  it('size() comparisons on strings, sets, lists and maps', async () => {
    expect(await holds((c) => c.eq(c.size('name'), 5))).toBe(true);
    expect(await holds((c) => c.eq(c.size('tags'), 2))).toBe(true);
    expect(await holds((c) => c.gt(c.size('list'), 2))).toBe(true);
    expect(await holds((c) => c.lt(c.size('list'), 3))).toBe(false);
    expect(await holds((c) => c.between(c.size('data'), 4, 4))).toBe(true);
    expect(await holds((c) => c.ge(c.size('nested.deep'), 3))).toBe(false);
  });

  it('list indexes, nested maps and map keys with dots, # and :', async () => {
    expect(await holds((c) => c.eq('list[1].n', 2))).toBe(true);
    expect(await holds((c) => c.eq('list[2].n', 2))).toBe(false);
    expect(await holds((c) => c.eq(['data', 'a.b'], 'dot'))).toBe(true);
    expect(await holds((c) => c.eq(['data', 'x#y'], 'hash'))).toBe(true);
    expect(await holds((c) => c.eq(['data', 'k:v'], 'colon'))).toBe(true);
    expect(await holds((c) => c.eq(['data', '[0]'], 'bracket'))).toBe(true);
    expect(await holds((c) => c.exists(['data', 'a']))).toBe(false);
  });

  it('and / or / not with grouping', async () => {
    expect(await holds((c) => c.and(c.eq('status', 'open'), c.or(c.eq('ttl', 1), c.eq('ttl', 10))))).toBe(true);
    expect(await holds((c) => c.or(c.and(c.eq('status', 'open'), c.eq('ttl', 1)), c.eq('name', 'x')))).toBe(false);
    expect(await holds((c) => c.not(c.and(c.eq('status', 'open'), c.eq('ttl', 1))))).toBe(true);
    expect(await holds((c) => c.and(c.not(c.eq('status', 'open')), c.eq('ttl', 10)))).toBe(false);
    expect(await holds(cb.and(cb.eq('status', 'open')))).toBe(true);
  });

  it('works as a condition on update and delete', async () => {
    await Docs.put({ id: 'd2', status: 's', name: 'n', ttl: 1, tags: new Set(), list: [], nested: { deep: { v: 1, at } }, budget: 1 });
    await expect(Docs.update({ id: 'd2' }, { set: { ttl: 2 } }, { condition: (c) => c.gt(c.size('list'), 0) })).rejects.toBeInstanceOf(
      ConditionFailedError,
    );
    await Docs.update({ id: 'd2' }, { set: { ttl: 2 } }, { condition: (c) => c.and(c.eq('ttl', 1), c.notExists('note')) });
    await expect(Docs.delete({ id: 'd2' }, { condition: (c) => c.in('ttl', [1, 3]) })).rejects.toBeInstanceOf(ConditionFailedError);
    await Docs.delete({ id: 'd2' }, { condition: (c) => c.between('ttl', 2, 2) });
    expect(await Docs.get({ id: 'd2' })).toBeUndefined();
  });
});

describe('generated expressions are accepted by DynamoDB Local (property)', () => {
  const name = fc.string({ minLength: 1, maxLength: 10, unit: 'grapheme' });
  const value = fc.string({ minLength: 1, maxLength: 10, unit: 'grapheme' });
  const entries = fc.uniqueArray(fc.tuple(fc.oneof(name, fc.constantFrom('status', 'a.b', '#n0', ':v0', 'x[1]', 'AND')), value), {
    minLength: 1,
    maxLength: 4,
    selector: ([n]) => n,
  });

  it('any map keys and values: every operator holds on what was stored, and updates round-trip', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(entries, value, async (pairs, replacement) => {
        const id = `p${run++}`;
        const data = Object.fromEntries(pairs);
        await Docs.put({ id, status: 's', name: 'n', ttl: 1, data, tags: new Set(), list: [], nested: { deep: { v: 1, at } }, budget: 1 });
        const conditions = pairs.flatMap(([k, v]) => {
          const p = ['data', k] as const;
          return [
            cb.eq(p, v),
            cb.not(cb.ne(p, v)),
            cb.beginsWith(p, [...v][0]!), // first code point: half a surrogate pair is not a string DynamoDB can compare
            cb.contains(p, v),
            cb.in(p, [v, `${v}x`]),
            cb.between(p, v, v),
            // Local's size() of a non-ASCII string is not its UTF-8 byte length; only assert it is positive
            cb.gt(cb.size(p), 0),
            cb.type(p, 'S'),
            cb.exists(p),
          ];
        });
        const all = cb.and(...conditions);
        const kept = await Docs.query('primary', { id }, { filter: all });
        expect(kept.items).toHaveLength(1);
        const dropped = await Docs.query('primary', { id }, { filter: cb.not(all) });
        expect(dropped.items).toHaveLength(0);
        const [firstName] = pairs[0]!;
        await Docs.update({ id }, (u) => u.set(['data', firstName], replacement), { condition: all });
        expect((await Docs.get({ id }))?.data?.[firstName]).toBe(replacement);
      }),
      { numRuns: 25 },
    );
  });
});
