import { marshall as sdkMarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/index.js';
import { marshallItem, marshallValue } from '../../src/marshalling/marshall.js';

/** Plain values both marshallers accept (no undefined in lists, no functions, no `__proto__`). */
const { value: plain } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.bigInt(),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 4 }),
    fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 3 }).map((a) => new Set(a)),
    fc.uniqueArray(fc.integer(), { minLength: 1, maxLength: 3 }).map((a) => new Set(a)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string().filter((k) => k !== '__proto__'), tie('value'), { maxKeys: 4 }),
  ),
}));

const options = { removeUndefinedValues: true, convertClassInstanceToMap: false, allowImpreciseNumbers: true };

function refusal(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a refusal');
}

describe('hand-written marshall', () => {
  it('equals util-dynamodb marshall for every value both accept (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string().filter((k) => k !== '__proto__'), plain, { maxKeys: 6 }), (item) => {
        expect(marshallItem(item)).toEqual(sdkMarshall(item, options));
      }),
      { numRuns: 400 },
    );
  });

  it('writes fields named constructor / prototype / __proto__ as own attributes', () => {
    const item = { constructor: 'c', prototype: 1, nested: { constructor: { name: 'Set' } } };
    expect(marshallItem(item)).toEqual({ constructor: { S: 'c' }, prototype: { N: '1' }, nested: { M: { constructor: { M: { name: { S: 'Set' } } } } } });
    const hostile = Object.defineProperty({}, '__proto__', { value: { x: 1 }, enumerable: true });
    const out = marshallItem({ m: hostile });
    expect(Object.getPrototypeOf(out.m!.M)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out.m!.M, '__proto__')?.value).toEqual({ M: { x: { N: '1' } } });
  });

  it('refuses what it cannot store faithfully, with the path, instead of dropping it', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const cases: [unknown, string, readonly PropertyKey[]][] = [
      [{ a: () => 1 }, 'unsupported_value', ['a']],
      [{ a: [1, undefined] }, 'undefined_in_list', ['a', 1]],
      [{ a: Symbol('s') }, 'unsupported_value', ['a']],
      [{ a: { b: new (class Foo {})() } }, 'unsupported_value', ['a', 'b']],
      [{ a: new Set() }, 'empty_set', ['a']],
      [{ a: new Set([1, 'x']) }, 'mixed_set', ['a']],
      [{ a: new Set([1, 1n]) }, 'duplicate_set_element', ['a']],
      [{ a: NaN }, 'number_not_finite', ['a']],
      [{ a: new Date(NaN) }, 'invalid_date', ['a']],
      [{ a: new Map([[1, 'x']]) }, 'unsupported_value', ['a']],
      [cyclic, 'nesting_too_deep', ['self']],
      [{ get a() { throw new RangeError('boom'); } }, 'unreadable_value', ['a']],
    ];
    for (const [item, code, path] of cases) {
      const error = refusal(() => marshallItem(item as Record<string, unknown>, { entity: 'E' }));
      expect(error.issues[0]!.code).toBe(code);
      expect(error.issues[0]!.path.slice(0, path.length)).toEqual(path);
      expect(error.entity).toBe('E');
    }
    expect(refusal(() => marshallValue(undefined)).issues[0]!.code).toBe('undefined_value');
  });

  it('converts dates to ISO text and every binary view to a Uint8Array', () => {
    const at = new Date('2026-01-02T03:04:05.006Z');
    expect(marshallValue(at)).toEqual({ S: '2026-01-02T03:04:05.006Z' });
    const bytes = new Uint16Array([1, 258]);
    expect(marshallValue(bytes)).toEqual({ B: new Uint8Array(bytes.buffer) });
    expect(marshallValue(new Uint8Array([1, 2]).buffer)).toEqual({ B: new Uint8Array([1, 2]) });
    expect(marshallValue(new Set([new Uint8Array([1])]))).toEqual({ BS: [new Uint8Array([1])] });
    expect(marshallValue(new Map([['k', 1]]))).toEqual({ M: { k: { N: '1' } } });
  });
});
