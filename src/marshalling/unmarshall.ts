import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { setOwn } from './own-property.js';
import { readNumber } from './read-number.js';
import { UnstorableValue } from './unstorable-value.js';

/**
 * A hand-written replacement for `@aws-sdk/util-dynamodb`'s `unmarshall`
 * (numbers via `readNumber`), used by every read path.
 *
 * Why not the library:
 * - it builds maps by plain assignment, so a stored map key `__proto__`
 *   replaces the decoded object's prototype (and a top-level attribute of
 *   that name makes it throw a `TypeError`); here every key is a plain own
 *   property ({@link setOwn}) and no prototype is ever changed;
 * - it walks every map with `Object.entries(...).reduce(...)`, allocating an
 *   entries array per attribute; on a get that is most of the modeling
 *   layer's cost. This version uses `for…in` and a switch, and lets the item
 *   reader unmarshal, strip and convert in one pass.
 *
 * Same results as util-dynamodb for every well-formed AttributeValue without
 * a `__proto__` key (property-tested in test/marshalling/). A malformed value
 * throws {@link UnstorableValue} (a TablewrightError), never a plain `Error`.
 * An `undefined` member counts as absent: the SDK's own deserializer hands an
 * attribute named `__proto__` over as `undefined` (its value is lost before
 * tablewright sees it; the direct transport keeps it).
 * @internal
 */
export function toNative(value: AttributeValue): unknown {
  const data = value as unknown as Record<string, unknown>;
  if (data === null || typeof data !== 'object') {
    throw new UnstorableValue([], 'malformed_attribute_value', `not an AttributeValue: ${String(data)}`);
  }
  for (const key in data) {
    const v = data[key];
    if (v === undefined) continue;
    switch (key) {
      case 'S':
        return v;
      case 'N':
        return readNumber(v as string);
      case 'BOOL':
        return Boolean(v);
      case 'M':
        return mapToNative(v as Record<string, AttributeValue>);
      case 'L':
        return listToNative(v as AttributeValue[]);
      case 'NULL':
        return null;
      case 'SS':
      case 'BS':
        return new Set(v as unknown[]);
      case 'NS': {
        const list = v as string[];
        const set = new Set<unknown>();
        for (let i = 0; i < list.length; i++) set.add(readNumber(list[i]!));
        return set;
      }
      case 'B':
        return v;
      default:
        throw new UnstorableValue([], 'malformed_attribute_value', `Unsupported type passed: ${key}`);
    }
  }
  throw new UnstorableValue([], 'malformed_attribute_value', `No value defined: ${JSON.stringify(data)}`);
}

/** `unmarshall(item)`: a top-level map of attributes (`undefined` members skipped). @internal */
export function mapToNative(map: Record<string, AttributeValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in map) {
    const value = map[key];
    if (value !== undefined) setOwn(out, key, toNative(value));
  }
  return out;
}

function listToNative(list: AttributeValue[]): unknown[] {
  const out = new Array<unknown>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = toNative(list[i]!);
  return out;
}
