import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedDistance, editDistance, normalizeName, resembles } from '../../src/keys/near-miss.js';

/** Reference optimal-string-alignment distance (full table, no cut-off). */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'I', 'd'), maxLength: 9 });
const name = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 5, maxLength: 14 });

describe('near-miss rule for static key segments', () => {
  it('editDistance equals the reference and its cut-off never under-reports (property)', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        const exact = reference(a, b);
        expect(editDistance(a, b)).toBe(exact);
        expect(editDistance(a, b, max)).toBe(exact <= max ? exact : max + 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('flags every single edit of a name of 5+ characters, and case or separator variants of any name (property)', () => {
    fc.assert(
      fc.property(name, fc.nat(), fc.constantFrom('x', 'q', 'z'), fc.constantFrom('drop', 'insert', 'replace', 'swap'), (attr, at, ch, edit) => {
        const i = at % attr.length;
        const typo =
          edit === 'drop' ? attr.slice(0, i) + attr.slice(i + 1)
          : edit === 'insert' ? attr.slice(0, i) + ch + attr.slice(i)
          : edit === 'replace' ? attr.slice(0, i) + (attr[i] === ch ? 'y' : ch) + attr.slice(i + 1)
          : i + 1 < attr.length ? attr.slice(0, i) + attr[i + 1] + attr[i] + attr.slice(i + 2) : attr;
        fc.pre(normalizeName(typo).length > 0);
        expect(resembles(typo, attr)).toBe(true);
        expect(resembles(attr.toUpperCase(), attr)).toBe(true);
        expect(resembles(`${attr.slice(0, 2)}_${attr.slice(2)}`, attr)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps short labels and different words static', () => {
    expect(allowedDistance(4)).toBe(0);
    for (const [segment, attribute] of [
      ['USER', 'userId'],
      ['ORG', 'orgId'],
      ['ORDER', 'orderId'],
      ['AT', 'createdAt'],
      ['USER', 'uses'],
      ['PROFILE', 'email'],
      ['META', 'data'],
      ['N', 'n'],
      ['S', 's'],
      ['ID', 'id'],
    ] as const) {
      expect(resembles(segment, attribute)).toBe(false);
    }
  });
});
