import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileKeyTemplate } from '../../src/keys/key-template.js';
import { escapeSegment, splitKey } from '../../src/keys/escape.js';

const template = (delimiter = '#') =>
  compileKeyTemplate({
    template: ['A', 'a', 'B', 'b'],
    isAttribute: (s) => s === 'a' || s === 'b',
    delimiter,
    keyAttribute: 'pk',
    role: 'partition',
    index: 'primary',
    entity: 'T',
  });

// Strings biased towards the characters that could break escaping.
const tricky = fc.string({ unit: fc.constantFrom('#', '\\', '_', 'a', 'b', 'B', 'A', 'x', 'é', '😀'), maxLength: 12 });
const anyString = fc.oneof(tricky, fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 8 }));

describe('key escaping', () => {
  it('keeps the documented collision pair apart', () => {
    const key = template();
    const one = key.build({ a: 'x#b_y', b: 'z' });
    const two = key.build({ a: 'x', b: 'y#b_z' });
    expect(one).not.toBe(two);
    expect(one).toBe('A#x\\#b_y#B#z');
  });

  it('is injective over value tuples (property)', () => {
    const key = template();
    fc.assert(
      fc.property(anyString.filter(Boolean), anyString.filter(Boolean), anyString.filter(Boolean), anyString.filter(Boolean), (a1, b1, a2, b2) => {
        fc.pre(a1 !== a2 || b1 !== b2);
        expect(key.build({ a: a1, b: b1 })).not.toBe(key.build({ a: a2, b: b2 }));
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips through splitKey (property)', () => {
    fc.assert(
      fc.property(fc.array(anyString, { minLength: 1, maxLength: 5 }), fc.constantFrom('#', '|', ':', '~'), (segments, d) => {
        const key = segments.map((s) => escapeSegment(s, d)).join(d);
        expect(splitKey(key, d)).toEqual(segments);
      }),
      { numRuns: 1000 },
    );
  });

  it('escape(prefix) is a prefix of escape(value), so begins_with on partial values works (property)', () => {
    fc.assert(
      fc.property(anyString, anyString, (p, rest) => {
        expect(escapeSegment(p + rest, '#').startsWith(escapeSegment(p, '#'))).toBe(true);
      }),
    );
  });

  it('a whole-segment prefix never matches a key of another first value (property)', () => {
    const key = template();
    fc.assert(
      fc.property(anyString.filter(Boolean), anyString.filter(Boolean), anyString.filter(Boolean), (a, other, b) => {
        fc.pre(a !== other);
        const prefix = key.prefix({ a });
        expect(prefix.endsWith('#')).toBe(true);
        expect(key.build({ a, b }).startsWith(prefix)).toBe(true);
        expect(key.build({ a: other, b }).startsWith(prefix)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('key templates', () => {
  const key = template();

  it('names the missing attributes', () => {
    expect(() => key.build({ a: 'x' })).toThrowError(expect.objectContaining({ name: 'KeyError', missing: ['b'], reason: 'missing-attribute' }));
    expect(key.missing({})).toEqual(['a', 'b']);
    expect(key.tryBuild({ a: 'x' })).toBeUndefined();
  });

  it('refuses values that cannot be ordered or are not scalar', () => {
    expect(() => key.build({ a: NaN, b: 'x' })).toThrowError(expect.objectContaining({ name: 'KeyError', reason: 'invalid-value', attribute: 'a' }));
    expect(() => key.build({ a: { x: 1 }, b: 'x' })).toThrowError(/cannot be part of a key/);
    expect(() => key.build({ a: new Date(NaN), b: 'x' })).toThrowError(/invalid Date/);
  });

  it('refuses keys over the byte limits', () => {
    const sk = compileKeyTemplate({
      template: ['s'],
      isAttribute: () => true,
      delimiter: '#',
      keyAttribute: 'sk',
      role: 'sort',
      index: 'primary',
      entity: 'T',
    });
    expect(sk.build({ s: 'é'.repeat(512) })).toHaveLength(512);
    expect(() => sk.build({ s: 'é'.repeat(513) })).toThrowError(expect.objectContaining({ reason: 'too-large', size: 1026, limit: 1024 }));
    expect(() => sk.build({ s: '' })).toThrowError(expect.objectContaining({ reason: 'empty' }));
  });

  it('builds prefixes up to the first missing attribute', () => {
    expect(key.prefix({})).toBe('A#');
    expect(key.prefix({ a: 'x' })).toBe('A#x#B#');
    expect(key.prefix({ a: 'x', b: 'y' })).toBe('A#x#B#y');
  });
});
