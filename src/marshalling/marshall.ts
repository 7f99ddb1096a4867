import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { toAttributeMap, toAttributeValue } from './to-attribute-value.js';
import { mapToNative } from './unmarshall.js';
import { marshallFailure, UnstorableValue, type MarshallContext } from './unstorable-value.js';

export { readNumber } from './read-number.js';
export type { MarshallContext } from './unstorable-value.js';

/**
 * The marshalling entry points every operation uses. They never call
 * `@aws-sdk/util-dynamodb` (see to-attribute-value.ts and unmarshall.ts for
 * why) and throw only {@link ValidationError}s, with the path at fault.
 * @module
 * @internal
 */

/** Marshals an item to store (`undefined` attributes are skipped). @internal */
export function marshallItem(item: Record<string, unknown>, context?: MarshallContext): Record<string, AttributeValue> {
  const path: PropertyKey[] = [];
  try {
    return toAttributeMap(item, path, 0);
  } catch (error) {
    throw marshallFailure(error, path, 'write', context);
  }
}

/** Marshals one value (an expression operand): `undefined` and everything unstorable are refused. @internal */
export function marshallValue(value: unknown, context?: MarshallContext): AttributeValue {
  const path: PropertyKey[] = [];
  try {
    const av = toAttributeValue(value, path, 0);
    if (av !== undefined) return av;
  } catch (error) {
    throw marshallFailure(error, path, 'write', context);
  }
  throw marshallFailure(new UnstorableValue([], 'undefined_value', 'undefined is not a value (use null)'), [], 'write', context);
}

/** Unmarshals a stored item; a malformed AttributeValue gives a {@link ValidationError} (`direction: 'read'`). @internal */
export function unmarshallItem(item: Record<string, AttributeValue>, context?: MarshallContext): Record<string, unknown> {
  try {
    return mapToNative(item);
  } catch (error) {
    throw marshallFailure(error, [attributeAtFault(item)], 'read', context);
  }
}

/** The first attribute that does not unmarshal (only computed on failure). */
function attributeAtFault(item: Record<string, AttributeValue>): string {
  for (const key in item) {
    try {
      if (item[key] !== undefined) mapToNative({ [key]: item[key]! });
    } catch {
      return key;
    }
  }
  return '(item)';
}
