import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { isNumberValue, MAX_CONTAINER_DEPTH } from './number-value.js';
import { setOwn } from './own-property.js';
import { UnstorableValue } from './unstorable-value.js';

/**
 * The one place that decides how JS values become AttributeValues; a
 * hand-written replacement for `@aws-sdk/util-dynamodb`'s `convertToAttr`.
 *
 * Same encoding as the SDK for every value both accept, with three
 * differences, all because the SDK loses data or fails with a plain `Error`:
 * - a map is any object whose prototype is `Object.prototype` or `null`,
 *   decided by the prototype, not by `value.constructor.name` (so a field
 *   named `constructor` is an ordinary attribute), and a `__proto__` own key
 *   is written as an own key, never through the prototype setter;
 * - what cannot be stored is refused ({@link UnstorableValue}, with its path)
 *   instead of being dropped: functions, `undefined` inside a list or set,
 *   symbols, class instances, empty or mixed sets, non-finite numbers,
 *   invalid dates, nesting deeper than DynamoDB's 32 levels (which also stops cycles);
 * - `Date` becomes its ISO-8601 text and every binary view becomes a `Uint8Array`
 *   (both transports send that; the direct transport knows no other view).
 *
 * `undefined` in a map means "absent" and is skipped (optional fields).
 * `path` is a scratch stack: on a throw it holds the path of the culprit.
 * @internal
 */
export function toAttributeValue(value: unknown, path: PropertyKey[], depth: number): AttributeValue | undefined {
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'number':
      return { N: finiteText(value, path) };
    case 'bigint':
      return { N: value.toString() };
    case 'boolean':
      return { BOOL: value };
    case 'undefined':
      return undefined;
    case 'object':
      return value === null ? { NULL: true } : objectToAttributeValue(value, path, depth);
    default:
      throw new UnstorableValue(path, 'unsupported_value', `a ${typeof value} cannot be stored`);
  }
}

/** A top-level item: its attributes, `undefined` ones skipped. @internal */
export function toAttributeMap(item: object, path: PropertyKey[], depth: number): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  const keys = Object.keys(item);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    path.push(key);
    const av = toAttributeValue((item as Record<string, unknown>)[key], path, depth);
    path.pop();
    if (av !== undefined) setOwn(out, key, av);
  }
  return out;
}

function objectToAttributeValue(value: object, path: PropertyKey[], depth: number): AttributeValue {
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto === Object.prototype || proto === null) return { M: toAttributeMap(value, path, nested(path, depth)) };
  if (Array.isArray(value)) return { L: toList(value, path, nested(path, depth)) };
  if (value instanceof Uint8Array) return { B: value };
  if (ArrayBuffer.isView(value)) return { B: new Uint8Array(value.buffer, value.byteOffset, value.byteLength) };
  if (value instanceof ArrayBuffer) return { B: new Uint8Array(value) };
  if (value instanceof Set) return toSet(value, path);
  if (value instanceof Map) return { M: fromMap(value, path, nested(path, depth)) };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new UnstorableValue(path, 'invalid_date', 'an invalid Date cannot be stored');
    return { S: value.toISOString() };
  }
  if (isNumberValue(value)) return { N: value.toString() };
  if (value instanceof String) return { S: value.valueOf() };
  if (value instanceof Number) return { N: finiteText(value.valueOf(), path) };
  if (value instanceof Boolean) return { BOOL: value.valueOf() };
  const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
  throw new UnstorableValue(
    path,
    'unsupported_value',
    `instances of ${typeof name === 'string' && name ? name : 'a class'} cannot be stored (convert to a plain object)`,
  );
}

function nested(path: PropertyKey[], depth: number): number {
  if (depth >= MAX_CONTAINER_DEPTH) {
    throw new UnstorableValue(
      path,
      'nesting_too_deep',
      `maps and lists nest at most ${MAX_CONTAINER_DEPTH} deep (32 levels counting the item); a cyclic value never ends`,
    );
  }
  return depth + 1;
}

function toList(list: readonly unknown[], path: PropertyKey[], depth: number): AttributeValue[] {
  const out = new Array<AttributeValue>(list.length);
  for (let i = 0; i < list.length; i++) {
    path.push(i);
    const av = toAttributeValue(list[i], path, depth);
    if (av === undefined) throw new UnstorableValue(path, 'undefined_in_list', 'a list cannot hold undefined (use null)');
    path.pop();
    out[i] = av;
  }
  return out;
}

function fromMap(map: Map<unknown, unknown>, path: PropertyKey[], depth: number): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [key, value] of map) {
    if (typeof key !== 'string') {
      throw new UnstorableValue(path, 'unsupported_value', `a Map key must be a string, not a ${typeof key}`);
    }
    path.push(key);
    const av = toAttributeValue(value, path, depth);
    path.pop();
    if (av !== undefined) setOwn(out, key, av);
  }
  return out;
}

function toSet(set: Set<unknown>, path: PropertyKey[]): AttributeValue {
  if (set.size === 0) {
    throw new UnstorableValue(
      path,
      'empty_set',
      'DynamoDB does not store empty sets (declare the field as z.set(...) so tablewright omits it when empty)',
    );
  }
  let kind: 'SS' | 'NS' | 'BS' | undefined;
  const out: unknown[] = [];
  for (const element of set) {
    let k: 'SS' | 'NS' | 'BS';
    let v: unknown;
    if (typeof element === 'string') (k = 'SS'), (v = element);
    else if (typeof element === 'number') (k = 'NS'), (v = finiteText(element, path));
    else if (typeof element === 'bigint') (k = 'NS'), (v = element.toString());
    else if (isNumberValue(element)) (k = 'NS'), (v = element.toString());
    else if (element instanceof Uint8Array) (k = 'BS'), (v = element);
    else if (ArrayBuffer.isView(element)) (k = 'BS'), (v = new Uint8Array(element.buffer, element.byteOffset, element.byteLength));
    else if (element instanceof ArrayBuffer) (k = 'BS'), (v = new Uint8Array(element));
    else throw new UnstorableValue(path, 'unsupported_value', 'sets hold only strings, numbers or binaries (no undefined)');
    if (kind !== undefined && k !== kind) {
      throw new UnstorableValue(path, 'mixed_set', 'a set holds one kind only: all strings, all numbers or all binaries');
    }
    kind = k;
    out.push(v);
  }
  if (kind === 'NS' && new Set(out).size !== out.length) {
    throw new UnstorableValue(path, 'duplicate_set_element', 'a number set holds the same number twice (e.g. 1 and 1n)');
  }
  return { [kind!]: out } as unknown as AttributeValue;
}

function finiteText(n: number, path: PropertyKey[]): string {
  if (!Number.isFinite(n)) throw new UnstorableValue(path, 'number_not_finite', `${n} cannot be stored (DynamoDB numbers are finite)`);
  return String(n);
}
