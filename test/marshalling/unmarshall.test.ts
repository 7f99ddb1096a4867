import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall as sdkUnmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TablewrightError, ValidationError } from '../../src/index.js';
import { readNumber, unmarshallItem } from '../../src/marshalling/marshall.js';
import { toNative } from '../../src/marshalling/unmarshall.js';

/** The reference: util-dynamodb configured as tablewright reads numbers. */
const unmarshall = (item: Record<string, AttributeValue>) => sdkUnmarshall(item, { wrapNumbers: readNumber });

/** Number strings as DynamoDB returns them, plus edge cases (huge, exponent, not a number). */
const numberText = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.bigInt({ min: -(10n ** 38n), max: 10n ** 38n }).map(String),
  fc.constantFrom('1e20', '-1e400', '1E+2', '0.000001', '-0', '', 'abc', '9007199254740993'),
);

// `__proto__` keys: util-dynamodb replaces the object's prototype with them, ours keeps
// them as own properties (tested below and in test/hostile/); left out of the comparison.
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

/** Runs `fn`; a failure is only compared as "it threw" (ours are TablewrightErrors, the SDK's plain Errors). */
function outcome(fn: () => unknown, ours = false): { ok: unknown } | { error: true } {
  try {
    return { ok: fn() };
  } catch (error) {
    if (ours) expect(error).toBeInstanceOf(TablewrightError);
    return { error: true };
  }
}

describe('hand-written unmarshall', () => {
  it('equals util-dynamodb unmarshall (numbers read as tablewright reads them) for any item (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(attributeName, attributeValue, { maxKeys: 8 }), (item) => {
        expect(outcome(() => unmarshallItem(item), true)).toEqual(outcome(() => unmarshall(item)));
      }),
      { numRuns: 500 },
    );
  });

  it('equals util-dynamodb for single values, including BigInt and failures (property)', () => {
    fc.assert(
      fc.property(attributeValue, (value) => {
        expect(outcome(() => toNative(value), true)).toEqual(outcome(() => unmarshall({ v: value }).v));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps `__proto__` keys as own properties at every depth; the prototype never changes', () => {
    const inner: Record<string, AttributeValue> = { a: { S: 'x' } };
    Object.defineProperty(inner, '__proto__', { value: { M: { polluted: { S: 'yes' } } }, enumerable: true });
    const item: Record<string, AttributeValue> = { m: { M: inner }, l: { L: [{ M: inner }] } };
    Object.defineProperty(item, '__proto__', { value: { S: 'top' }, enumerable: true });
    const out = unmarshallItem(item) as Record<string, Record<string, unknown>> & { l: Record<string, unknown>[] };
    for (const obj of [out, out.m, out.l[0]!]) expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('top');
    expect(Object.getOwnPropertyDescriptor(out.m, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(out.m!.polluted).toBeUndefined();
    // What the SDK path delivers for a top-level `__proto__`: an undefined member, read as absent.
    expect(unmarshallItem({ a: { S: 'x' }, b: undefined as unknown as AttributeValue })).toEqual({ a: 'x' });
  });

  it('malformed AttributeValues give a ValidationError naming the attribute, never a plain Error', () => {
    const error = (() => {
      try {
        unmarshallItem({ ok: { S: 'x' }, bad: { L: [{ X: 1 }] } as unknown as AttributeValue });
      } catch (e) {
        return e;
      }
    })() as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.direction).toBe('read');
    expect(error.issues[0]).toMatchObject({ path: ['bad'], code: 'malformed_attribute_value' });
    for (const bad of [null, 5, 'S', { S: undefined }]) {
      expect(() => unmarshallItem({ bad } as unknown as Record<string, AttributeValue>)).toThrow(ValidationError);
    }
  });

  it('rejects empty and unknown AttributeValues with util-dynamodb’s messages; big integers as bigint', () => {
    expect(() => toNative({} as AttributeValue)).toThrow('No value defined: {}');
    expect(() => toNative({ X: 1 } as unknown as AttributeValue)).toThrow('Unsupported type passed: X');
    expect(toNative({ N: '12345678901234567890' })).toBe(12345678901234567890n);
    expect(toNative({ N: '1e20' })).toBe(1e20); // exponent text never throws (unlike util-dynamodb's default)
  });
});
