import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { convertToAttr, marshall, unmarshall, type marshallOptions } from '@aws-sdk/util-dynamodb';

/**
 * The one place that decides how JS values become AttributeValues.
 * `undefined` is dropped (optional fields), class instances are refused
 * (Dates are converted by the storage codec before we get here).
 * @internal
 */
export const MARSHALL_OPTIONS: marshallOptions = {
  removeUndefinedValues: true,
  convertClassInstanceToMap: false,
};

/** @internal */
export function marshallItem(item: Record<string, unknown>): Record<string, AttributeValue> {
  return marshall(item, MARSHALL_OPTIONS) as Record<string, AttributeValue>;
}

/** @internal */
export function marshallValue(value: unknown): AttributeValue {
  return convertToAttr(value instanceof Date ? value.toISOString() : value, MARSHALL_OPTIONS);
}

/** @internal */
export function unmarshallItem(item: Record<string, AttributeValue>): Record<string, unknown> {
  return unmarshall(item);
}
