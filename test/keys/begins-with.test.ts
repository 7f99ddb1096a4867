import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { KeyError, type Table } from '../../src/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
let table: Table<'gsi1'>;
beforeAll(async () => {
  table = await createTestTable(client);
});

const schema = z.object({ p: z.string(), s1: z.string(), s2: z.string(), s3: z.string() });
type Row = { s1: string; s2: string; s3: string };
let run = 0;

function defineEntities(t: Table<'gsi1'>) {
  const Seg = t.entity('Seg', { schema, keys: { primary: { pk: ['P', 'p'], sk: ['S', 's1', 's2', 's3'] } } });
  // Shares Seg's partition and sort-key prefix, and extends it: a whole-segment match must not reach it either.
  const Longer = t.entity('Longer', {
    schema: schema.extend({ x: z.string() }),
    keys: { primary: { pk: ['P', 'p'], sk: ['S', 's1', 's2', 's3', 'x'] } },
  });
  return { Seg, Longer };
}

describe('beginsWith on sort-key templates', () => {
  it('matches whole segments when every attribute is given (the issue example)', async () => {
    const { Seg } = defineEntities(table);
    const p = `ex${run++}`;
    await Seg.put({ p, s1: 'a', s2: 'a', s3: 'a' });
    await Seg.put({ p, s1: 'a', s2: 'a', s3: 'aa' });
    const page = await Seg.query('primary', { p }, { sort: (k) => k.beginsWith({ s1: 'a', s2: 'a', s3: 'a' }) });
    expect(page.items.map((i) => i.s3)).toEqual(['a']);
    const partial = await Seg.query('primary', { p }, { sort: (k) => k.beginsWith({ s1: 'a', s2: 'a', s3: 'a' }, { partial: true }) });
    expect(partial.items.map((i) => i.s3).sort()).toEqual(['a', 'aa']);
  });

  it('refuses a non-string partial value and partial prefixes of non-string attributes', async () => {
    const Num = table.entity('NumSk', {
      schema: z.object({ p: z.string(), n: z.number() }),
      keys: { primary: { pk: ['P', 'p'], sk: ['N', 'n'] } },
    });
    await expect(Num.query('primary', { p: 'x' }, { sort: (k) => k.beginsWith({ n: 1 }, { partial: true }) })).rejects.toThrow(KeyError);
    await expect(Num.query('primary', { p: 'x' }, { sort: (k) => k.beginsWith({ n: '1' } as never, { partial: true }) })).rejects.toThrow(KeyError);
    const { Seg } = defineEntities(table);
    await expect(Seg.query('primary', { p: 'x' }, { sort: (k) => k.beginsWith({ s1: 1 } as never, { partial: true }) })).rejects.toThrow(KeyError);
    await expect(Seg.query('primary', { p: 'x' }, { sort: (k) => k.beginsWith({}, { partial: true }) })).rejects.toThrow(KeyError);
  });

  it('selects exactly the rows whose leading values are equal (whole) or start with the last one (partial), against Local (property)', async () => {
    const { Seg, Longer } = defineEntities(table);
    // Adversarial units: the delimiter, the escape character, letters that are prefixes of each other.
    const value = fc.string({ unit: fc.constantFrom('#', '\\', 'a', 'b', 'S'), minLength: 1, maxLength: 4 });
    const row = fc.record({ s1: value, s2: value, s3: value });
    const query = fc.record({
      count: fc.integer({ min: 1, max: 3 }),
      partial: fc.boolean(),
      // partial prefixes may be empty; whole values never are (keys refuse empty values)
      last: fc.string({ unit: fc.constantFrom('#', '\\', 'a', 'b'), maxLength: 3 }),
      pick: fc.nat(),
      // appended to a copy of the chosen row's last given value: rows whose values are prefixes of each other
      extend: fc.constantFrom('a', '#', '\\', 'S'),
    });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(row, { minLength: 1, maxLength: 12, selector: (r) => `${r.s1}\u0000${r.s2}\u0000${r.s3}` }), query, async (rows, q) => {
        const p = `pr${run++}`;
        const names = ['s1', 's2', 's3'] as const;
        const base = rows[q.pick % rows.length]!;
        const lastName = names[q.count - 1]!;
        const longer = { ...base, [lastName]: base[lastName] + q.extend };
        if (!rows.some((r) => r.s1 === longer.s1 && r.s2 === longer.s2 && r.s3 === longer.s3)) rows.push(longer);
        await Promise.all(rows.map((r) => Seg.put({ p, ...r })));
        await Promise.all(rows.map((r) => Longer.put({ p, ...r, x: 'tail' })));
        const given: Partial<Row> = {};
        for (let i = 0; i < q.count; i++) given[names[i]!] = base[names[i]!];
        if (q.partial) given[lastName] = q.last;
        else if (q.last.length > 0 && q.pick % 2 === 0) given[lastName] = q.last; // also values no row has
        const page = await Seg.query('primary', { p }, { sort: (k) => k.beginsWith(given, { partial: q.partial }) });
        const expected = rows.filter((r) =>
          names.slice(0, q.count).every((n) => (q.partial && n === lastName ? r[n].startsWith(given[n]!) : r[n] === given[n])),
        );
        const key = (r: Row) => `${r.s1}\u0000${r.s2}\u0000${r.s3}`;
        expect(page.items.map(key).sort()).toEqual(expected.map(key).sort());
      }),
      { numRuns: 40 },
    );
  });
});
