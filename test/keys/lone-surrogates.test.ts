import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkUpdateSizes, ConfigurationError, itemSize, itemSizeBreakdown, KeyError, Table, ValidationError } from '../../src/index.js';
import { valueSize } from '../../src/limits/value-size.js';
import { countingTransport } from '../helpers/counting-transport.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
const transport = countingTransport(client);
let table: Table<'gsi1'>;
beforeAll(async () => {
  table = await createTestTable(client, { transport });
});

const schema = z.object({
  id: z.string(),
  text: z.string().optional(),
  tags: z.set(z.string()).optional(),
  meta: z.record(z.string(), z.string()).optional(),
  list: z.array(z.string()).optional(),
});
const define = (t: Table<'gsi1'>) => t.entity('Doc', { schema, keys: { primary: { pk: ['DOC', 'id'], sk: ['DOC'] } } });

/** A string holding at least one unpaired surrogate. */
const lone = fc
  .tuple(fc.string({ maxLength: 4 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 4 }))
  .map(([a, unit, b]) => a + String.fromCharCode(unit) + b)
  .filter((s) => /\p{Cs}/u.test(s));
/** Well-formed strings, with astral characters (valid surrogate pairs) mixed in. */
const wellFormed = fc.string({ unit: fc.oneof(fc.constantFrom('a', '#', '\\', '😀', '𝄞', 'é'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 8 });

const issuePaths = (fn: () => unknown): PropertyKey[][] => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues.map((i) => [...i.path]);
  }
  throw new Error('expected a ValidationError');
};

describe('lone UTF-16 surrogates are refused before sending', () => {
  it('in written values, set elements, map keys and list elements (ValidationError naming the path), without a request', async () => {
    const Doc = define(table);
    const before = transport.sent.length;
    await expect(Doc.put({ id: 'a', text: 'a\ud800' })).rejects.toMatchObject({ name: 'ValidationError', issues: [{ path: ['text'] }] });
    await expect(Doc.put({ id: 'a', tags: new Set(['ok', 'x\udc00']) })).rejects.toMatchObject({ issues: [{ path: ['tags'] }] });
    await expect(Doc.put({ id: 'a', meta: { ['k\ud83d']: 'v' } })).rejects.toMatchObject({ issues: [{ path: ['meta', 'k\ud83d'] }] });
    await expect(Doc.put({ id: 'a', list: ['ok', '\udfff'] })).rejects.toMatchObject({ issues: [{ path: ['list', 1] }] });
    await expect(Doc.update({ id: 'a' }, { set: { text: '\ud800x' } })).rejects.toThrow(ValidationError);
    await expect(Doc.update({ id: 'a' }, { set: { meta: { a: 'b\ud800' } } })).rejects.toThrow(ValidationError);
    expect(() => Doc.putOp({ id: 'a', text: 'a\ud800' })).toThrow(ValidationError);
    expect(() => Doc.updateOp({ id: 'a' }, { set: { text: 'a\ud800' } })).toThrow(ValidationError);
    expect(transport.sent.length).toBe(before);
  });

  it('in keys (KeyError naming the attribute), on writes and reads', async () => {
    const Doc = define(table);
    const before = transport.sent.length;
    // 'a\ud800' and 'a\udc00' were stored as the same key by Local
    await expect(Doc.put({ id: 'a\ud800' })).rejects.toMatchObject({ name: 'KeyError', attribute: 'id', reason: 'invalid-value' });
    await expect(Doc.get({ id: 'a\udc00' })).rejects.toMatchObject({ name: 'KeyError', attribute: 'id' });
    await expect(Doc.delete({ id: 'a\udc00' })).rejects.toThrow(KeyError);
    await expect(Doc.query('primary', { id: '\ud800' })).rejects.toThrow(KeyError);
    const Line = table.entity('Line', {
      schema: z.object({ doc: z.string(), line: z.string() }),
      keys: { primary: { pk: ['D', 'doc'], sk: ['L', 'line'] } },
    });
    await expect(Line.query('primary', { doc: 'd' }, { sort: (k) => k.beginsWith({ line: 'x\ud800' }, { partial: true }) })).rejects.toThrow(KeyError);
    expect(transport.sent.length).toBe(before);
  });

  it('as the table delimiter or inside a static key segment (ConfigurationError)', () => {
    expect(() => new Table({ name: 'sur_table', client, partitionKey: 'pk', delimiter: '\ud800' })).toThrow(ConfigurationError);
    expect(() => new Table({ name: 'sur_table', client, partitionKey: 'pk', delimiter: '\\' })).toThrow(ConfigurationError);
    const t = new Table({ name: 'sur_table', client, partitionKey: 'pk', sortKey: 'sk' });
    expect(() => t.entity('X', { schema: z.object({ id: z.string() }), keys: { primary: { pk: ['A\udc00', 'id'], sk: ['X'] } } })).toThrow(ConfigurationError);
  });

  it('in the size calculator: reported as an issue, not counted as U+FFFD', () => {
    expect(() => itemSize({ a: 'x\ud800' })).toThrow(ValidationError);
    expect(itemSizeBreakdown({ a: 'ok', ['n\udc00']: 1 }).issues.map((i) => i.path)).toEqual([['n\udc00']]);
    expect(issuePaths(() => checkUpdateSizes('Doc', { pk: 'p' }, [{ path: ['m', 'k\ud800'], value: 1 }]))).toEqual([['m', 'k\ud800']]);
    // a bare value (how condition operands are checked)
    const issues: never[] = [];
    valueSize('\ud800', [], issues);
    expect(issues).toHaveLength(1);
    expect(itemSize({ a: '😀' })).toBe(1 + 4);
  });

  it('refuses every string with a lone surrogate, in any position (property)', () => {
    const Doc = define(table);
    fc.assert(
      fc.property(lone, (s) => {
        expect(issuePaths(() => Doc.putOp({ id: 'ok', text: s }))).toEqual([['text']]);
        expect(issuePaths(() => itemSize({ m: { [s]: 1 } }))).toEqual([['m', s]]);
        expect(issuePaths(() => itemSize({ tags: new Set([s]) }))).toEqual([['tags']]);
        expect(() => Doc.getOp({ id: s })).toThrow(KeyError);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts and round-trips every well-formed string through Local (property)', async () => {
    const Doc = define(table);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(wellFormed, wellFormed, async (id, text) => {
        const key = `${n++}${id}`;
        await Doc.put({ id: key, text, tags: new Set([text]), meta: { [text]: id } });
        expect(await Doc.get({ id: key })).toEqual({ id: key, text, tags: new Set([text]), meta: { [text]: id } });
      }),
      { numRuns: 40 },
    );
  });
});
