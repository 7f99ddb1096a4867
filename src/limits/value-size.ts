import type { ValidationIssue } from '../errors.js';
import { isNumberValue, numberIssue, type NumberValueLike } from './number-limits.js';
import { numberSize } from './number-size.js';
import { utf8Length } from './utf8-length.js';
import { describeLoneSurrogate, isWellFormed } from '../keys/well-formed.js';

/** 3 bytes for every map or list, 1 per element (AWS-documented). */
export const CONTAINER_OVERHEAD = 3;
export const ELEMENT_OVERHEAD = 1;
/** Maps and lists nest at most 31 deep: 32 levels counting the item (measured on DynamoDB Local; sets do not count). */
export const MAX_CONTAINER_DEPTH = 31;

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Sizes a plain JS value the way the AWS SDK's `marshall` would store it
 * (with tablewright's options: `undefined` and functions dropped). While
 * walking, collects what DynamoDB or the marshaller would refuse into
 * `issues` (with the path): non-finite or out-of-range numbers,
 * empty sets, empty map keys, unsupported class instances, and strings,
 * map keys and set elements holding a lone UTF-16 surrogate (no UTF-8 form:
 * it would be sent as U+FFFD, so two different strings could be stored as
 * one). Works on a bare value too (`path` `[]`), as for condition operands.
 *
 * Returns -1 for values that are not stored (`undefined`, functions).
 * `path` is a scratch stack, restored on return.
 * @internal
 */
export function valueSize(value: unknown, path: PropertyKey[], issues: ValidationIssue[], depth = 0): number {
  switch (typeof value) {
    case 'string':
      if (!isWellFormed(value)) loneSurrogate(value, path, issues);
      return utf8Length(value);
    case 'number': {
      if (!Number.isSafeInteger(value)) {
        const issue = numberIssue(value);
        if (issue) {
          issues.push({ path: [...path], ...issue });
          return 0;
        }
      }
      return numberSize(value);
    }
    case 'bigint':
      return checkedNumberSize(value, path, issues);
    case 'boolean':
      return 1;
    case 'undefined':
    case 'function':
      return -1;
    case 'object':
      break;
    default:
      issues.push({ path: [...path], code: 'unsupported_value', message: `a ${typeof value} cannot be stored` });
      return 0;
  }
  if (value === null) return 1;
  const container = Array.isArray(value) || value instanceof Map || isPlainObject(value);
  if (container && depth >= MAX_CONTAINER_DEPTH) {
    issues.push({
      path: [...path],
      code: 'nesting_too_deep',
      message: `maps and lists nest at most ${MAX_CONTAINER_DEPTH} deep (32 levels counting the item)`,
    });
    return 0;
  }
  if (Array.isArray(value)) {
    let size = CONTAINER_OVERHEAD;
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      const s = valueSize(value[i], path, issues, depth + 1);
      path.pop();
      if (s >= 0) size += s + ELEMENT_OVERHEAD;
    }
    return size;
  }
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (value instanceof Set) return setSize(value, path, issues);
  if (isNumberValue(value)) return checkedNumberSize(value, path, issues);
  if (value instanceof Date) {
    // an invalid Date has no text form (toISOString throws a RangeError)
    if (Number.isNaN(value.getTime())) {
      issues.push({ path: [...path], code: 'invalid_date', message: 'an invalid Date cannot be stored' });
      return 0;
    }
    return utf8Length(value.toISOString());
  }
  if (value instanceof Map) return mapSize(value.entries(), path, issues, depth);
  if (container) return objectSize(value as Record<string, unknown>, path, issues, depth);
  issues.push({
    path: [...path],
    code: 'unsupported_value',
    message: `instances of ${(value as object).constructor?.name ?? 'a class'} cannot be stored (convert to a plain object)`,
  });
  return 0;
}

function mapSize(entries: Iterable<[unknown, unknown]>, path: PropertyKey[], issues: ValidationIssue[], depth: number): number {
  let size = CONTAINER_OVERHEAD;
  for (const [k, v] of entries) {
    const key = String(k);
    path.push(key);
    const s = valueSize(v, path, issues, depth + 1);
    if (s >= 0) checkMapKey(key, path, issues);
    path.pop();
    if (s >= 0) size += utf8Length(key) + s + ELEMENT_OVERHEAD;
  }
  return size;
}

// Same traversal as the SDK's marshall (for…in), without allocating an entries array.
function objectSize(value: Record<string, unknown>, path: PropertyKey[], issues: ValidationIssue[], depth: number): number {
  let size = CONTAINER_OVERHEAD;
  for (const key in value) {
    path.push(key);
    const s = valueSize(value[key], path, issues, depth + 1);
    if (s >= 0) checkMapKey(key, path, issues);
    path.pop();
    if (s >= 0) size += utf8Length(key) + s + ELEMENT_OVERHEAD;
  }
  return size;
}

function setSize(set: Set<unknown>, path: PropertyKey[], issues: ValidationIssue[]): number {
  let size = 0;
  let count = 0;
  for (const element of set) {
    if (element === undefined) continue;
    count++;
    if (typeof element === 'string') {
      if (!isWellFormed(element)) loneSurrogate(element, path, issues, 'a set element holds ');
      size += utf8Length(element);
    } else if (typeof element === 'number' || typeof element === 'bigint' || isNumberValue(element)) {
      size += checkedNumberSize(element, path, issues);
    } else if (ArrayBuffer.isView(element) || element instanceof ArrayBuffer) size += element.byteLength;
    else {
      issues.push({ path: [...path], code: 'unsupported_value', message: 'sets hold only strings, numbers or binaries' });
    }
  }
  if (count === 0) {
    issues.push({
      path: [...path],
      code: 'empty_set',
      message: 'DynamoDB does not store empty sets (declare the field as z.set(...) so tablewright omits it when empty)',
    });
  }
  return size;
}

function checkMapKey(key: string, path: PropertyKey[], issues: ValidationIssue[]): void {
  if (key.length === 0) issues.push({ path: [...path], code: 'empty_map_key', message: 'map keys cannot be empty strings' });
  else if (!isWellFormed(key)) loneSurrogate(key, path, issues, 'the map key holds ');
}

/** Records a string that has no UTF-8 form. @internal */
export function loneSurrogate(s: string, path: readonly PropertyKey[], issues: ValidationIssue[], what = 'the string holds '): void {
  issues.push({ path: [...path], code: 'lone_surrogate', message: what + describeLoneSurrogate(s) });
}

/** Records an attribute name (or update path segment) that has no UTF-8 form; see {@link valueSize}. @internal */
export function checkName(name: string, path: readonly PropertyKey[], issues: ValidationIssue[]): void {
  if (!isWellFormed(name)) loneSurrogate(name, path, issues, 'the attribute name holds ');
}

function checkedNumberSize(value: number | bigint | NumberValueLike, path: PropertyKey[], issues: ValidationIssue[]): number {
  const issue = numberIssue(value);
  if (issue) {
    issues.push({ path: [...path], ...issue });
    return 0;
  }
  return numberSize(typeof value === 'object' ? value.toString() : value);
}
