import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshallItem as unmarshall } from '../../src/marshalling/marshall.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapToNative, toNative } from '../../src/marshalling/unmarshall.js';

/** Number strings as DynamoDB returns them, plus edge cases (huge, exponent, not a number). */
const numberText = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.bigInt({ min: -(10n ** 38n), max: 10n ** 38n }).map(String),
  fc.constantFrom('1e20', '-1e400', '1E+2', '0.000001', '-0', '', 'abc', '9007199254740993'),
);

// `__proto__` keys: both implementations assign them the same way (they replace the
// object's prototype), but such objects cannot be compared by value; left out here.
const attributeName = fc.string().filter((k) => k !== '__proto__');

const { value: attributeValue } = fc.letrec<{ value: AttributeValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.record({ S: fc.string() }),
    fc.record({ N: numberText }),
    fc.record({ BOOL: fc.boolean() }),
    fc.constant({ NULL: true }),
    fc.record({ B: fc.uint8Array({ maxLength: 8 }) }),
    fc.record({ SS: fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 5 }) }),
    fc.record({ NS: fc.uniqueArray(numberText, { minLength: 1, maxLength: 5 }) }),
    fc.record({ BS: fc.array(fc.uint8Array({ maxLength: 4 }), { minLength: 1, maxLength: 3 }) }),
    fc.record({ L: fc.array(tie('value'), { maxLength: 5 }) }),
    fc.record({ M: fc.dictionary(attributeName, tie('value'), { maxKeys: 5 }) }),
  ) as fc.Arbitrary<AttributeValue>,
}));

/** Runs `fn`, capturing a thrown error's message so results and failures compare alike. */
function outcome(fn: () => unknown): { ok: unknown } | { error: string } {
  try {
    return { ok: fn() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('hand-written unmarshall', () => {
  it('equals util-dynamodb unmarshall (as unmarshallItem configures it) for any item (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(attributeName, attributeValue, { maxKeys: 8 }), (item) => {
        expect(outcome(() => mapToNative(item))).toEqual(outcome(() => unmarshall(item)));
      }),
      { numRuns: 500 },
    );
  });

  it('equals util-dynamodb for single values, including BigInt and failures (property)', () => {
    fc.assert(
      fc.property(attributeValue, (value) => {
        expect(outcome(() => toNative(value))).toEqual(outcome(() => unmarshall({ v: value }).v));
      }),
      { numRuns: 500 },
    );
  });

  it('rejects empty and unknown AttributeValues with util-dynamodb’s messages; big integers as bigint', () => {
    expect(() => toNative({} as AttributeValue)).toThrow('No value defined: {}');
    expect(() => toNative({ X: 1 } as unknown as AttributeValue)).toThrow('Unsupported type passed: X');
    expect(toNative({ N: '12345678901234567890' })).toBe(12345678901234567890n);
    expect(toNative({ N: '1e20' })).toBe(1e20); // exponent text never throws (unlike util-dynamodb's default)
  });
});
