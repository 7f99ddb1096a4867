import fc from 'fast-check';

/**
 * Values a caller can hand to the public API from untyped JS, or by mistake:
 * wrong types, non-finite and out-of-range numbers, bigints, lone surrogates,
 * empty and mixed sets, symbols, functions, class instances, cycles, getters
 * and proxies that throw, deep nesting, hostile key names.
 */

class Account {
  constructor(readonly id = 'a') {}
}

function cyclic(): Record<string, unknown> {
  const o: Record<string, unknown> = { a: 1 };
  o.self = o;
  return o;
}

function throwingGetter(): Record<string, unknown> {
  return Object.defineProperty({ id: 'x' }, 'boom', {
    enumerable: true,
    get() {
      throw new RangeError('getter exploded');
    },
  });
}

function throwingProxy(): object {
  const fail = () => {
    throw new TypeError('proxy trap exploded');
  };
  return new Proxy({}, { ownKeys: fail, get: fail, has: fail, getOwnPropertyDescriptor: fail, getPrototypeOf: fail });
}

function deep(levels: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { v };
  return v;
}

function ownKey(key: string, value: unknown): Record<string, unknown> {
  return Object.defineProperty({}, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Attribute names and map keys that break naive object handling. */
export const hostileName = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'a.b',
  'a#b',
  'a:b',
  ' ',
  '',
  '[0]',
  'x[',
  'é😀',
  '#n0',
  ':v0',
);

/**
 * One hostile value, as a thunk that builds it fresh per call: some are
 * mutable or cyclic, and a throwing proxy must not reach fast-check itself
 * (it inspects generated values).
 */
const primitives = fc.constantFrom<() => unknown>(
  () => NaN,
  () => Infinity,
  () => -Infinity,
  () => -0,
  () => 1e-131,
  () => 1e126,
  () => 5e-324,
  () => Number.MAX_VALUE,
  () => 2 ** 53 + 2,
  () => 0n,
  () => 2n ** 200n,
  () => -(10n ** 39n),
  () => '',
  () => 'a\ud800',
  () => '\udc00',
  () => 'x'.repeat(3000),
  () => true,
  () => null,
  () => undefined,
  () => Symbol('s'),
  () => () => 1,
);

const objects = fc.constantFrom<() => unknown>(
  () => new Account(),
  () => new Date(NaN),
  () => new Date(8.64e15),
  () => new Map([[1, 2]]),
  () => new Map([['k', new Set()]]),
  () => new Set(),
  () => new Set([1, 'a']),
  () => new Set([{}]),
  () => new Set([NaN]),
  () => new WeakMap(),
  () => Promise.resolve(1),
  () => /re/,
  () => new Error('x'),
  () => Object.create(null),
  () => Object.assign(Object.create(null), { a: 1 }),
  () => [1, , 3],
  () => [undefined],
  () => Buffer.from('hi'),
  () => new ArrayBuffer(2),
  () => new Float64Array([NaN]),
  () => ownKey('__proto__', 1),
  () => ({ constructor: 'c', prototype: 1, toString: 2 }),
  () => ({ kind: 'path', path: ['x'] }),
  () => new String('boxed'),
  () => new Number(NaN),
);

/** Values whose mere inspection fails or never ends: cycles, throwing getters and proxies, deep nesting. */
const traps = fc.constantFrom<() => unknown>(
  () => cyclic(),
  () => [cyclic()],
  () => throwingGetter(),
  () => throwingProxy(),
  () => deep(40),
);

const generated = fc.oneof(
  fc
    .anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withBoxedValues: true, maxDepth: 3 })
    .map((v) => () => v),
  fc.string({ unit: 'binary', maxLength: 4 }).map((v) => () => v),
  fc.double().map((v) => () => v),
);

/** Classes of hostile values, so a test can leave out one class (saying why). */
export type HostileClass = 'primitive' | 'object' | 'trap' | 'generated';

/**
 * Hostile values of the given classes, as thunks that build them fresh per
 * call: some are mutable or cyclic, and a throwing proxy must not reach
 * fast-check itself (it inspects generated values).
 */
export function hostileValues(classes: readonly HostileClass[] = ['primitive', 'object', 'trap', 'generated']): fc.Arbitrary<() => unknown> {
  const all = { primitive: primitives, object: objects, trap: traps, generated };
  return fc.oneof(...classes.map((c) => all[c]));
}

/** A value that names where it came from, for failure reports. */
export function describeValue(v: unknown): string {
  try {
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'symbol' || typeof v === 'function') return String(v);
    if (v instanceof Set) return `Set(${[...v].map(describeValue).join(',')})`;
    if (v instanceof Map) return `Map(${v.size})`;
    const text = JSON.stringify(v);
    return text === undefined ? String(v) : text.slice(0, 120);
  } catch {
    try {
      return Object.prototype.toString.call(v);
    } catch {
      return '(a value that throws when inspected)';
    }
  }
}
