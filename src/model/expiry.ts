import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * The read side of TTL, which every reader needs (the core entry too):
 * DynamoDB deletes expired items only eventually, so until then reads hide
 * them. Writing expiries is the TTL write extension's business.
 */

/** A duration: milliseconds, or a number with a unit (`'30d'`, `'12h'`, `'15m'`, `'45s'`, `'500ms'`, `'2w'`). */
export type Duration = number | `${number}${'ms' | 's' | 'm' | 'h' | 'd' | 'w'}`;

/** When an item expires: a Date, epoch seconds, or `{ after: duration }` from now. */
export type ExpiryInput = Date | number | { readonly after: Duration };

/** True when a stored TTL value (epoch seconds) says the item has expired at `nowMs`. @internal */
export function isExpiredValue(ttl: unknown, nowMs: number): boolean {
  const value = typeof ttl === 'bigint' ? Number(ttl) : ttl;
  return typeof value === 'number' && value <= Math.floor(nowMs / 1000);
}

/** {@link isExpiredValue} on an unmarshalled item; `attribute` is the table's TTL attribute. @internal */
export function isExpiredItem(attribute: string | undefined, raw: Readonly<Record<string, unknown>>, nowMs: number): boolean {
  return attribute !== undefined && isExpiredValue(raw[attribute], nowMs);
}

/**
 * {@link isExpiredValue} on a marshalled item, deciding before unmarshalling
 * and asking the clock only when the item has a TTL value.
 * @internal
 */
export function isExpiredAttribute(
  attribute: string | undefined,
  item: Readonly<Record<string, AttributeValue>>,
  clock: () => number,
): boolean {
  if (attribute === undefined) return false;
  const value = item[attribute]?.N;
  return value !== undefined && isExpiredValue(Number(value), clock());
}
