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
