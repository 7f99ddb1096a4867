import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyConditionPairs } from '../../src/transport/dax/key-condition-pairs.js';
import { RecentWrites } from '../../src/transport/dax/recent-writes.js';

const scalar = fc.oneof(fc.string().map((S) => ({ S })), fc.integer().map((n) => ({ N: String(n) })));

describe('RecentWrites (read-your-writes bookkeeping)', () => {
  it('finds the partition of every attribute a put wrote, within the window only', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), scalar, { minKeys: 1 }), fc.integer({ min: 1, max: 10_000 }), (item, window) => {
        let now = 0;
        const recent = new RecentWrites(window, () => now);
        recent.item('t', item);
        for (const [name, value] of Object.entries(item)) expect(recent.pairWritten('t', name, value)).toBe(true);
        expect(recent.keyWritten('t', item)).toBe(true);
        expect(recent.tableWritten('other')).toBe(false);
        now = window;
        for (const [name, value] of Object.entries(item)) expect(recent.pairWritten('t', name, value)).toBe(false);
      }),
    );
  });

  it('counts values an update assigns under any attribute name, and compares numbers by value', () => {
    const recent = new RecentWrites(1000, () => 0);
    recent.keyed('t', { pk: { S: 'A' }, sk: { S: 'B' } }, { ':v0': { S: 'STATUS#open' } });
    expect(recent.pairWritten('t', 'gsi1pk', { S: 'STATUS#open' })).toBe(true);
    expect(recent.pairWritten('t', 'pk', { S: 'C' })).toBe(false);
    recent.item('t', { n: { N: '1.0' } });
    expect(recent.pairWritten('t', 'n', { N: '1' })).toBe(true);
  });

  it('past its size bound treats the whole table as written (never misses)', () => {
    const recent = new RecentWrites(1000, () => 0, 2);
    recent.item('t', { a: { S: '1' }, b: { S: '2' }, c: { S: '3' } });
    expect(recent.pairWritten('t', 'z', { S: 'never written' })).toBe(true);
  });
});

describe('keyConditionPairs', () => {
  it('resolves the equalities of a key condition through its placeholders', () => {
    expect(
      keyConditionPairs({
        KeyConditionExpression: '#n0 = :v0 AND begins_with(#n1, :v1)',
        ExpressionAttributeNames: { '#n0': 'pk', '#n1': 'sk' },
        ExpressionAttributeValues: { ':v0': { S: 'ORG#1' }, ':v1': { S: 'ORDER#' } },
      }),
    ).toEqual([{ name: 'pk', value: { S: 'ORG#1' } }]);
    expect(keyConditionPairs({ KeyConditionExpression: ':p = pk', ExpressionAttributeValues: { ':p': { S: 'x' } } })).toEqual([{ name: 'pk', value: { S: 'x' } }]);
    expect(keyConditionPairs({ KeyConditionExpression: '#n = :missing', ExpressionAttributeNames: { '#n': 'pk' } })).toBeUndefined();
    expect(keyConditionPairs({})).toBeUndefined();
  });
});
