import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { convertToAttr, marshall, unmarshall, type marshallOptions } from '@aws-sdk/util-dynamodb';

/**
 * The one place that decides how JS values become AttributeValues.
 * `undefined` is dropped (optional fields), class instances are refused
 * (Dates are converted by the storage codec before we get here). JS numbers
 * beyond 2^53 are allowed: `String(n)` round-trips to the same double, so
 * nothing the caller holds is lost.
 * @internal
 */
export const MARSHALL_OPTIONS: marshallOptions = {
  removeUndefinedValues: true,
  convertClassInstanceToMap: false,
  allowImpreciseNumbers: true,
};

/** @internal */
export function marshallItem(item: Record<string, unknown>): Record<string, AttributeValue> {
  return marshall(item, MARSHALL_OPTIONS) as Record<string, AttributeValue>;
}

/** @internal */
export function marshallValue(value: unknown): AttributeValue {
  return convertToAttr(value instanceof Date ? value.toISOString() : value, MARSHALL_OPTIONS);
}

/**
 * Numbers come back as JS numbers, except integers beyond 2^53, which come
 * back as `bigint` so that nothing is lost; the storage codec turns them into
 * whatever the schema asks for (`z.number()` → number, `z.bigint()` → bigint).
 * Unlike the SDK default, exponent forms never throw.
 * @internal
 */
export function readNumber(text: string): number | bigint {
  const n = Number(text);
  if (!Number.isInteger(n) || Number.isSafeInteger(n)) return n;
  try {
    return BigInt(text);
  } catch {
    return n;
  }
}

const UNMARSHALL_OPTIONS = { wrapNumbers: readNumber };

/** @internal */
export function unmarshallItem(item: Record<string, AttributeValue>): Record<string, unknown> {
  return unmarshall(item, UNMARSHALL_OPTIONS);
}
