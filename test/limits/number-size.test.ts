import { describe, expect, it } from 'vitest';
import {  } from '../../src/index.js';
import { MAX_NUMBER_SIZE, numberSize } from '../../src/limits/number-size.js';
import { numberIssue } from '../../src/limits/number-limits.js';

describe('numberSize (base-100 rule, facts §1.2)', () => {
  const cases: Array<[number | bigint | string, number]> = [
    [0, 1], ['0', 1], ['-0', 1], ['0.000', 1],
    [1, 2], [9, 2], [10, 2], [27, 2], [99, 2],
    [100, 2], [1000, 2], [1700000000, 2], ['1E-130', 2],
    [101, 3], [123, 3], [150, 3], [1.5, 3], [10.01, 3],
    [0.5, 2], [0.05, 2], [0.005, 2], [0.1, 2],
    [-1, 3], [-0.5, 3],
    [12345, 4], [3.14159, 5], [123.45, 4],
    [1712345678, 6], [1712345678901, 8],
    ['12345678901234567890123456789012345678', 20],
    ['-12345678901234567890123456789012345678', 21],
    [-19.99, 4], [-1.5, 4],
  ];
  it.each(cases)('%s costs %i bytes', (value, bytes) => {
    expect(numberSize(value)).toBe(bytes);
  });

  it('sizes non-canonical text by its value (1.50, 007, +5, 1E2)', () => {
    expect(numberSize('1.50')).toBe(numberSize('1.5'));
    expect(numberSize('007')).toBe(numberSize(7));
    expect(numberSize('+5')).toBe(numberSize(5));
    expect(numberSize('1E2')).toBe(numberSize(100));
  });

  it('parses exponent notation as DynamoDB Local returns it (6.26E-8, 1e+21)', () => {
    expect(numberSize('6.26E-8')).toBe(numberSize('0.0000000626'));
    expect(numberSize(1e21)).toBe(2);
    expect(numberSize(1.5e-7)).toBe(numberSize('0.00000015'));
    expect(numberSize('-1.2345e+3')).toBe(numberSize(-1234.5));
  });

  it('agrees between the small-integer fast path and the general rule', () => {
    for (const n of [1, 7, 10, 99, 100, 101, 9999, 10000, 10100, 123456789, 999999999999999]) {
      expect(numberSize(n)).toBe(numberSize(String(n) + '.0'));
      expect(numberSize(BigInt(n))).toBe(numberSize(n));
    }
  });

  it('never exceeds 21 and sizes unparseable text as the worst case', () => {
    expect(numberSize('-' + '9'.repeat(38))).toBe(MAX_NUMBER_SIZE);
    expect(numberSize('abc')).toBe(MAX_NUMBER_SIZE);
  });
});

describe('numberIssue (38 digits, 1E-130..9.99E+125, finite)', () => {
  it('accepts the boundaries', () => {
    expect(numberIssue('9'.repeat(38))).toBeUndefined();
    expect(numberIssue('9.9999999999999999999999999999999999999E+125')).toBeUndefined();
    expect(numberIssue('-9.9999999999999999999999999999999999999E+125')).toBeUndefined();
    expect(numberIssue('1E-130')).toBeUndefined();
    expect(numberIssue(0)).toBeUndefined();
    expect(numberIssue(Number.MAX_SAFE_INTEGER)).toBeUndefined();
    expect(numberIssue(0.1 + 0.2)).toBeUndefined();
  });
  it('names each violation', () => {
    expect(numberIssue('1' + '0'.repeat(37) + '1')?.code).toBe('number_precision');
    expect(numberIssue(10n ** 38n + 1n)?.code).toBe('number_precision');
    expect(numberIssue('1E+126')?.code).toBe('number_overflow');
    expect(numberIssue('1E-131')?.code).toBe('number_underflow');
    expect(numberIssue(1e-200)?.code).toBe('number_underflow');
    expect(numberIssue(Number.NaN)?.code).toBe('number_not_finite');
    expect(numberIssue(-Infinity)?.code).toBe('number_not_finite');
    expect(numberIssue(2 ** 60)).toBeUndefined(); // stored as String(2 ** 60), reads back as the same double
    expect(numberIssue(6.022e23)).toBeUndefined();
    expect(numberIssue('12a')?.code).toBe('number_invalid');
  });
});
