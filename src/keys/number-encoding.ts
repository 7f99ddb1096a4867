/**
 * Order-preserving string encoding of JS numbers for use inside keys.
 *
 * The IEEE-754 bits of the double are turned into 16 lowercase hex digits:
 * for non-negative numbers the sign bit is set, for negative numbers every bit
 * is flipped. Unsigned comparison of the result then equals numeric order for
 * every finite double (negatives, zero, subnormals, fractions, huge values),
 * and a fixed width means no encoding is a prefix of another. `-0` is stored
 * as `0`. Hex digits (`0-9a-f`) sort in ASCII order, so string order in
 * DynamoDB (UTF-8 bytes) equals numeric order.
 */

const view = new DataView(new ArrayBuffer(8));
const HEX = '0123456789abcdef';

/** Length of every encoded number. */
export const ENCODED_NUMBER_LENGTH = 16;

/** Encodes a finite number. Throws a `RangeError` on NaN or ±Infinity. */
export function encodeNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot encode ${value} in a key: only finite numbers sort`);
  view.setFloat64(0, value === 0 ? 0 : value);
  let hi = view.getUint32(0);
  let lo = view.getUint32(4);
  if (hi & 0x80000000) {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
  } else {
    hi = (hi | 0x80000000) >>> 0;
  }
  return hex8(hi) + hex8(lo);
}

/** Inverse of {@link encodeNumber}. */
export function decodeNumber(encoded: string): number {
  if (!/^[0-9a-f]{16}$/.test(encoded)) throw new RangeError(`Not an encoded number: ${JSON.stringify(encoded)}`);
  let hi = Number.parseInt(encoded.slice(0, 8), 16);
  let lo = Number.parseInt(encoded.slice(8), 16);
  if (hi & 0x80000000) {
    hi = (hi & 0x7fffffff) >>> 0;
  } else {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
  }
  view.setUint32(0, hi);
  view.setUint32(4, lo);
  return view.getFloat64(0);
}

function hex8(n: number): string {
  let s = '';
  for (let shift = 28; shift >= 0; shift -= 4) s += HEX[(n >>> shift) & 0xf];
  return s;
}
