import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { readNumber } from './marshall.js';

/**
 * A hand-written equivalent of `@aws-sdk/util-dynamodb`'s `convertToNative`
 * configured like `unmarshallItem` (numbers via `readNumber`), for the read hot path.
 *
 * Why not the library: util-dynamodb walks every map with
 * `Object.entries(...).reduce(...)` and every value with `Object.entries`,
 * allocating an entries array per attribute; on a get that is most of the
 * modeling layer's cost. This version uses `for…in` and a switch, and lets the
 * item reader unmarshal, strip and convert in one pass. Same results for every
 * well-formed AttributeValue (what the SDK deserializer produces): property-
 * tested against util-dynamodb in test/marshalling/unmarshall.test.ts.
 * @internal
 */
export function toNative(value: AttributeValue): unknown {
  const data = value as unknown as Record<string, unknown>;
  for (const key in data) {
    const v = data[key];
    if (v === undefined) continue;
    switch (key) {
      case 'S':
        return v;
      case 'N':
        return toNumber(v as string);
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
        for (let i = 0; i < list.length; i++) set.add(toNumber(list[i]!));
        return set;
      }
      case 'B':
        return v;
      default:
        throw new Error(`Unsupported type passed: ${key}`);
    }
  }
  throw new Error(`No value defined: ${JSON.stringify(data)}`);
}

/** `unmarshall(item)`: a top-level map of attributes. @internal */
export function mapToNative(map: Record<string, AttributeValue>): Record<string, unknown> {
  // Plain assignment on `{}`, as util-dynamodb does (same `__proto__` behaviour).
  const out: Record<string, unknown> = {};
  for (const key in map) out[key] = toNative(map[key]!);
  return out;
}

function listToNative(list: AttributeValue[]): unknown[] {
  const out = new Array<unknown>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = toNative(list[i]!);
  return out;
}

/** Same number rule as every other read path (see readNumber). */
const toNumber = readNumber;
