/**
 * Dates inside keys are written as ISO-8601 UTC with milliseconds
 * (`2024-05-01T12:00:00.000Z`). That form is fixed-width for years 0–9999,
 * so string order equals time order, and it stays readable in the console.
 * Years outside 0–9999 would switch to the expanded `±YYYYYY` form and break
 * ordering, so they are refused.
 */

const MIN_TIME = (() => {
  const d = new Date(0);
  d.setUTCFullYear(0, 0, 1);
  d.setUTCHours(0, 0, 0, 0);
  return d.getTime();
})();
const MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Encodes a valid Date (year 0–9999). Throws a `RangeError` otherwise. */
export function encodeDate(value: Date): string {
  const t = value.getTime();
  if (!Number.isFinite(t)) throw new RangeError('Cannot encode an invalid Date in a key');
  if (t < MIN_TIME || t > MAX) throw new RangeError(`Cannot encode ${value.toISOString()} in a key: years 0000–9999 only`);
  return value.toISOString();
}

/** Inverse of {@link encodeDate}. */
export function decodeDate(encoded: string): Date {
  const d = new Date(encoded);
  if (!Number.isFinite(d.getTime())) throw new RangeError(`Not an encoded date: ${JSON.stringify(encoded)}`);
  return d;
}

