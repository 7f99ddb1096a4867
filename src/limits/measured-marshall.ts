import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { setOwn } from '../marshalling/own-property.js';
import { isWellFormed } from '../keys/well-formed.js';
import { numberIssue } from './number-limits.js';
import { numberSize } from './number-size.js';
import { utf8Length } from './utf8-length.js';
import { CONTAINER_OVERHEAD, ELEMENT_OVERHEAD, MAX_CONTAINER_DEPTH } from './value-size.js';

/** A stored item marshalled and measured in one walk. @internal */
export interface MeasuredItem {
  /** What `marshallItem` returns for the item. */
  readonly item: Record<string, AttributeValue>;
  /** What `measureItem` returns for it (toward the 400 KB limit). */
  readonly size: number;
  /**
   * An upper bound of `wireItemSize(item)`, the item's bytes in a request
   * body: each UTF-16 unit of a string or name counted as 6 bytes (its
   * longest JSON form), every structural byte counted. Lets a batch skip
   * the exact wire size when even the bound fits in 16 MB.
   */
  readonly wireBound: number;
}

/**
 * What {@link marshallMeasured} measured, by the marshalled item object: a
 * request that swaps the item for another object finds nothing and is
 * measured exactly.
 */
const MEASURED = new WeakMap<object, MeasuredItem>();

/** The wire bound {@link marshallMeasured} recorded for this marshalled item, if it made it. @internal */
export function wireBoundOf(item: object): number | undefined {
  return MEASURED.get(item)?.wireBound;
}

/** The stored size {@link marshallMeasured} measured for this marshalled item (= `marshalledItemSize(item)`), if it made it. @internal */
export function storedSizeOf(item: object): number | undefined {
  return MEASURED.get(item)?.size;
}

/** Thrown inside the walk when a value needs the exact two-pass path; never escapes. */
const BAIL: unique symbol = Symbol('bail');

/**
 * The put hot path: marshals a stored item and measures its size in one
 * walk, instead of `measureItem` and `marshallItem` walking it twice. It
 * handles the values both passes treat alike (well-formed strings, finite
 * numbers DynamoDB accepts, booleans, null, plain maps, lists, string and
 * number sets, `Uint8Array`s) and returns `undefined` for anything else:
 * an issue the size check would report, a value the marshaller refuses, or a
 * kind it converts (dates, bigints, `NumberValue`, `Map`, other views). The
 * caller then runs the two exact passes, which produce the same errors as
 * always. Attributes are enumerated as the marshaller does (own keys).
 * @internal
 */
export function marshallMeasured(stored: Readonly<Record<string, unknown>>): MeasuredItem | undefined {
  const acc = { size: 0, wire: 0 };
  try {
    const item = mapOf(stored, 0, acc, true);
    const measured: MeasuredItem = { item, size: acc.size, wireBound: acc.wire };
    MEASURED.set(item, measured);
    return measured;
  } catch (error) {
    if (error === BAIL) return undefined;
    throw error;
  }
}

interface Accumulator {
  /** Stored bytes of the value just walked. */
  size: number;
  /** Upper bound of its wire bytes. */
  wire: number;
}

/** A map (or the item itself, `top`): no container overhead and no element byte at the top. */
function mapOf(value: object, depth: number, acc: Accumulator, top: boolean): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  const keys = Object.keys(value);
  let size = top ? 0 : CONTAINER_OVERHEAD;
  let wire = top ? 2 : 8; // {} or {"M":{}}
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const av = valueOf((value as Record<string, unknown>)[key], depth, acc);
    if (av === undefined) continue; // absent (optional field): neither stored nor sent
    // Empty and ill-formed keys are issues; `__proto__` needs setOwn: all three take the exact path.
    if (key.length === 0 || key === '__proto__' || !isWellFormed(key)) throw BAIL;
    setOwn(out, key, av);
    size += utf8Length(key) + acc.size + (top ? 0 : ELEMENT_OVERHEAD);
    wire += 6 * key.length + 4 + acc.wire; // "key": value ,
  }
  acc.size = size;
  acc.wire = wire;
  return out;
}

function valueOf(value: unknown, depth: number, acc: Accumulator): AttributeValue | undefined {
  switch (typeof value) {
    case 'string':
      if (!isWellFormed(value)) throw BAIL;
      acc.size = utf8Length(value);
      acc.wire = 8 + 6 * value.length; // {"S":"…"}
      return { S: value };
    case 'number': {
      if (!Number.isSafeInteger(value) && numberIssue(value) !== undefined) throw BAIL;
      const text = String(value);
      acc.size = numberSize(value);
      acc.wire = 8 + text.length; // {"N":"…"}
      return { N: text };
    }
    case 'boolean':
      acc.size = 1;
      acc.wire = 14; // {"BOOL":false}
      return { BOOL: value };
    case 'undefined':
      return undefined;
    case 'object':
      break;
    default:
      throw BAIL; // bigint, function, symbol
  }
  if (value === null) {
    acc.size = 1;
    acc.wire = 13; // {"NULL":true}
    return { NULL: true };
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto === Object.prototype || proto === null) {
    if (depth >= MAX_CONTAINER_DEPTH) throw BAIL;
    return { M: mapOf(value, depth + 1, acc, false) };
  }
  if (Array.isArray(value)) {
    if (depth >= MAX_CONTAINER_DEPTH) throw BAIL;
    return { L: listOf(value, depth + 1, acc) };
  }
  if (value instanceof Uint8Array) {
    acc.size = value.byteLength;
    acc.wire = 8 + Math.ceil(value.byteLength / 3) * 4; // {"B":"base64"}
    return { B: value };
  }
  if (value instanceof Set) return setOf(value, acc);
  throw BAIL;
}

function listOf(list: readonly unknown[], depth: number, acc: Accumulator): AttributeValue[] {
  const out = new Array<AttributeValue>(list.length);
  let size = CONTAINER_OVERHEAD;
  let wire = 8; // {"L":[]}
  for (let i = 0; i < list.length; i++) {
    const av = valueOf(list[i], depth, acc);
    if (av === undefined) throw BAIL; // the marshaller refuses undefined in a list
    out[i] = av;
    size += acc.size + ELEMENT_OVERHEAD;
    wire += acc.wire + 1;
  }
  acc.size = size;
  acc.wire = wire;
  return out;
}

/** Non-empty sets of strings only or of numbers only; everything else takes the exact path. */
function setOf(set: Set<unknown>, acc: Accumulator): AttributeValue {
  if (set.size === 0) throw BAIL;
  const out: string[] = [];
  let size = 0;
  let wire = 9; // {"SS":[]}
  let strings: boolean | undefined;
  for (const element of set) {
    if (typeof element === 'string') {
      if (strings === false || !isWellFormed(element)) throw BAIL;
      strings = true;
      size += utf8Length(element);
      wire += 6 * element.length + 3; // "…",
      out.push(element);
    } else if (typeof element === 'number') {
      if (strings === true || numberIssue(element) !== undefined) throw BAIL;
      strings = false;
      const text = String(element);
      size += numberSize(element);
      wire += text.length + 3; // "…",
      out.push(text);
    } else {
      throw BAIL;
    }
  }
  acc.size = size;
  acc.wire = wire;
  return strings ? { SS: out } : { NS: out };
}
