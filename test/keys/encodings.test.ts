import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDate, encodeDate } from '../../src/keys/date-encoding.js';
import { decodeNumber, encodeNumber, ENCODED_NUMBER_LENGTH } from '../../src/keys/number-encoding.js';

/** DynamoDB compares S values by UTF-8 bytes; for ASCII that is code-unit order. */
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

const numbers = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(0, -0, 1e-300, -1e-300, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 0.1, 0.2, -0.5, 2 ** 53),
);

describe('order-preserving number encoding', () => {
  it('string order equals numeric order (property)', () => {
    fc.assert(
      fc.property(numbers, numbers, (a, b) => {
        const cmp = Math.sign(byteOrder(encodeNumber(a), encodeNumber(b)));
        expect(cmp).toBe(a === b ? 0 : a < b ? -1 : 1);
      }),
      { numRuns: 5000 },
    );
  });

  it('round-trips and has a fixed width (property)', () => {
    fc.assert(
      fc.property(numbers, (n) => {
        const encoded = encodeNumber(n);
        expect(encoded).toHaveLength(ENCODED_NUMBER_LENGTH);
        expect(decodeNumber(encoded)).toBe(n === 0 ? 0 : n);
      }),
    );
  });

  it('refuses NaN and Infinity', () => {
    expect(() => encodeNumber(NaN)).toThrow(RangeError);
    expect(() => encodeNumber(Infinity)).toThrow(RangeError);
    expect(() => encodeNumber(-Infinity)).toThrow(RangeError);
    expect(encodeNumber(-0)).toBe(encodeNumber(0));
  });
});

describe('date encoding', () => {
  const dates = fc.date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });

  it('string order equals time order (property)', () => {
    fc.assert(
      fc.property(dates, dates, (a, b) => {
        const cmp = Math.sign(byteOrder(encodeDate(a), encodeDate(b)));
        expect(cmp).toBe(Math.sign(a.getTime() - b.getTime()));
        expect(decodeDate(encodeDate(a)).getTime()).toBe(a.getTime());
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses years outside 0000–9999 and invalid dates', () => {
    expect(() => encodeDate(new Date('+010000-01-01T00:00:00Z'))).toThrow(/0000–9999/);
    expect(() => encodeDate(new Date('-000001-01-01T00:00:00Z'))).toThrow(/0000–9999/);
    expect(() => encodeDate(new Date(NaN))).toThrow(/invalid/);
  });
});
