import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureItem } from '../../src/limits/item-size.js';
import { marshalledItemSize } from '../../src/limits/attribute-value-size.js';
import { marshallMeasured, storedSizeOf, wireBoundOf } from '../../src/limits/measured-marshall.js';
import { assertStoredItemFits, marshallFittingItem, type SizedTable } from '../../src/limits/stored-item-size.js';
import { wireItemSize } from '../../src/limits/wire-size.js';
import { marshallItem } from '../../src/marshalling/marshall.js';
import { plainItem, plainValue } from './arbitraries.js';

const table: SizedTable = { indexes: {} };

/** What the two exact passes give: the marshalled item, or the error they throw first. */
function twoPasses(item: Record<string, unknown>) {
  try {
    assertStoredItemFits(table, 'E', item, undefined);
    return { item: marshallItem(item) };
  } catch (error) {
    return { error };
  }
}

function onePass(item: Record<string, unknown>) {
  try {
    return { item: marshallFittingItem(table, 'E', item, undefined) };
  } catch (error) {
    return { error };
  }
}

/** Values the one walk leaves to the exact passes: issues, conversions, refusals. */
const awkward = fc.oneof(
  fc.constantFrom<unknown>(
    'a\ud800',
    '',
    Number.NaN,
    Number.POSITIVE_INFINITY,
    1e-200,
    1e200,
    2n ** 80n,
    new Date(0),
    new Date(Number.NaN),
    new Map([['k', 1]]),
    new Set(),
    new Set([1, 'a']),
    new Set([undefined]),
    [1, undefined],
    { '': 1 },
    { ['x\udc00']: 1 },
    new Uint16Array([1, 2]),
    new ArrayBuffer(3),
    () => 1,
    Symbol('s'),
    undefined,
    class {},
    new (class Point {})(),
  ),
  fc.integer({ min: 30, max: 33 }).map((depth) => {
    let v: unknown = 'leaf';
    for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { m: v };
    return v;
  }),
);

const items = fc.oneof(
  plainItem({ maxLength: 40 }),
  fc.tuple(plainItem({ maxLength: 20 }), fc.string({ minLength: 1, maxLength: 6 }), fc.oneof(awkward, fc.array(awkward, { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 3 }), awkward, { maxKeys: 2 }))).map(
    ([item, name, value]) => ({ ...item, [name]: value }) as Record<string, unknown>,
  ),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.oneof(plainValue(10), awkward), { minKeys: 1, maxKeys: 6 }),
);

describe('marshalling and measuring in one walk', () => {
  it('returns what the two exact passes return, or throws what they throw (property)', () => {
    fc.assert(
      fc.property(items, (item) => {
        const expected = twoPasses(item);
        const actual = onePass(item);
        if ('error' in expected) {
          expect(actual).toHaveProperty('error');
          const [a, e] = [(actual as { error: Error }).error, expected.error as Error];
          expect(a.constructor).toBe(e.constructor);
          expect(a.message).toBe(e.message);
          expect({ ...a }).toEqual({ ...e });
        } else {
          expect(actual).toEqual(expected);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('measures exactly what measureItem measures and bounds the wire size from above (property)', () => {
    let walked = 0;
    fc.assert(
      fc.property(items, (item) => {
        const measured = marshallMeasured(item);
        if (measured === undefined) return;
        walked++;
        expect(measured.item).toEqual(marshallItem(item));
        const issues: unknown[] = [];
        expect(measured.size).toBe(measureItem(item, issues as never));
        expect(issues).toEqual([]);
        expect(measured.wireBound).toBeGreaterThanOrEqual(wireItemSize(measured.item));
        expect(wireBoundOf(measured.item)).toBe(measured.wireBound);
        // what the 4 MB transaction check reads instead of measuring the marshalled item again
        expect(storedSizeOf(measured.item)).toBe(marshalledItemSize(measured.item));
      }),
      { numRuns: 3000 },
    );
    expect(walked).toBeGreaterThan(300); // the one walk handled many items (bigints, NumberValues and binary sets take the exact path)
  });

  it('bounds the worst JSON expansions: control characters, quotes, empty strings, nulls', () => {
    const item = { c: '\u0001'.repeat(1000), q: '"\\'.repeat(500), e: '', n: null, l: [null, false, '', 0, {}, []], s: new Set(['', '\u0000']) };
    const measured = marshallMeasured(item)!;
    expect(measured.wireBound).toBeGreaterThanOrEqual(wireItemSize(measured.item));
    expect(wireItemSize(measured.item)).toBe(Buffer.byteLength(JSON.stringify(measured.item)));
  });

  it('records no bound for an item it did not marshal', () => {
    expect(marshallMeasured({ d: new Date(0) })).toBeUndefined();
    expect(wireBoundOf(marshallItem({ a: 'x' }))).toBeUndefined();
    expect(storedSizeOf(marshallItem({ a: 'x' }))).toBeUndefined();
  });
});
