import { marshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ITEM_SIZE_LIMIT,
  ValidationError,
  itemSize,
  itemSizeBreakdown,
  marshalledItemSize,
} from '../../src/index.js';
import { attributeValueSize } from '../../src/limits/attribute-value-size.js';
import { utf8Length } from '../../src/limits/utf8-length.js';
import { plainItem } from './arbitraries.js';

const bytes = (n: number) => new Uint8Array(n);

describe('worked examples (facts §1.3)', () => {
  const examples: Array<[string, Record<string, unknown>, number]> = [
    ['AWS shirt example', { 'shirt-color': 'R', 'shirt-size': 'M' }, 23],
    ['user profile', { pk: 'USER#42', sk: 'PROFILE', name: 'Zoë', age: 37, active: true }, 38],
    ['sets and binary', { pk: 'ORDER#1', tags: new Set(['a', 'bb', 'ccc']), scores: new Set([1, 10, 100]), blob: bytes(5) }, 40],
    [
      'maps and lists',
      { pk: 'K', addr: { city: 'Oslo', zip: 150 }, list: ['x', 5, null], empty: {}, emptyL: [] },
      57,
    ],
    ['TTL, negative decimal, empty string', { pk: 'TTL#1', expiresAt: 1712345678, price: -19.99, note: '' }, 35],
  ];
  it.each(examples)('%s', (_name, item, size) => {
    expect(itemSize(item)).toBe(size);
    expect(marshalledItemSize(marshall(item))).toBe(size);
  });
});

describe('rules, one by one', () => {
  it('strings and names count UTF-8 bytes, not UTF-16 units', () => {
    expect(itemSize({ a: 'é' })).toBe(1 + 2);
    expect(itemSize({ a: '😀' })).toBe(1 + 4);
    expect(itemSize({ 'ü': 'x' })).toBe(2 + 1);
    expect(itemSize({ a: '€' })).toBe(1 + 3);
    expect(utf8Length('a😀é€'.repeat(30))).toBe(Buffer.byteLength('a😀é€'.repeat(30)));
    expect(utf8Length('\ud800x')).toBe(Buffer.byteLength('\ud800x'));
  });
  it('binary counts raw bytes (Uint8Array, Buffer, ArrayBuffer; base64 in DynamoDB JSON)', () => {
    expect(itemSize({ b: bytes(10) })).toBe(11);
    expect(itemSize({ b: Buffer.alloc(7) })).toBe(8);
    expect(itemSize({ b: new ArrayBuffer(3) })).toBe(4);
    expect(attributeValueSize({ B: Buffer.from('hello').toString('base64') as unknown as Uint8Array })).toBe(5);
    expect(itemSize({ b: bytes(0) })).toBe(1);
  });
  it('booleans and nulls cost 1', () => {
    expect(itemSize({ t: true, f: false, n: null })).toBe(6);
  });
  it('maps cost 3 + per entry (key + value + 1); lists 3 + per element (value + 1)', () => {
    expect(itemSize({ m: {} })).toBe(1 + 3);
    expect(itemSize({ m: { a: 'x' } })).toBe(1 + 3 + 1 + 1 + 1);
    expect(itemSize({ m: { a: 'x', b: 'y' } })).toBe(1 + 3 + 2 * 3);
    expect(itemSize({ m: { n: { a: 'x' } } })).toBe(1 + 3 + (1 + (3 + 3) + 1));
    expect(itemSize({ l: [] })).toBe(1 + 3);
    expect(itemSize({ l: ['x', 'y'] })).toBe(1 + 3 + 2 + 2);
    expect(itemSize({ m: new Map([['a', 'x']]) })).toBe(itemSize({ m: { a: 'x' } }));
  });
  it('sets are the sum of their elements, no overhead', () => {
    expect(itemSize({ s: new Set(['ab', 'c']) })).toBe(1 + 3);
    expect(itemSize({ s: new Set([1, 100, 101]) })).toBe(1 + 2 + 2 + 3);
    expect(itemSize({ s: new Set([bytes(2), bytes(3)]) })).toBe(1 + 5);
    expect(itemSize({ s: new Set(['', 'a']) })).toBe(1 + 1);
  });
  it('undefined attributes and elements are not stored', () => {
    expect(itemSize({ a: 'x', b: undefined, l: [undefined, 'y'], m: { u: undefined } })).toBe(2 + (1 + 3 + 2) + (1 + 3));
  });
  it('dates count as their ISO-8601 text', () => {
    expect(itemSize({ d: new Date(0) })).toBe(1 + 24);
  });
  it('reports values DynamoDB refuses, with their paths', () => {
    const report = itemSizeBreakdown({ a: [1, Number.NaN], m: { s: new Set() }, big: 10n ** 40n + 1n, c: new (class X {})() });
    expect(report.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['a.1', 'number_not_finite'],
      ['m.s', 'empty_set'],
      ['big', 'number_precision'],
      ['c', 'unsupported_value'],
    ]);
    expect(() => itemSize({ n: Infinity })).toThrow(ValidationError);
  });
  it('breaks the size down per attribute, largest first', () => {
    const report = itemSizeBreakdown({ small: 'x', big: 'y'.repeat(100), mid: 'z'.repeat(10) });
    expect(report.size).toBe(6 + 103 + 13);
    expect(report.attributes.map((a) => a.attribute)).toEqual(['big', 'mid', 'small']);
    expect(report.attributes[0]).toEqual({ attribute: 'big', size: 103 });
  });
  it('exports the limit as 409,600 bytes', () => {
    expect(ITEM_SIZE_LIMIT).toBe(400 * 1024);
  });
});

describe('plain and marshalled forms agree (property)', () => {
  it('itemSize(x) === marshalledItemSize(marshall(x))', () => {
    fc.assert(
      fc.property(plainItem({ maxLength: 40 }), (item) => {
        expect(itemSize(item)).toBe(marshalledItemSize(marshall(item, { removeUndefinedValues: true })));
      }),
      { numRuns: 300 },
    );
  });
});
