/**
 * Parsing of DynamoDB number text into significant digits and a decimal
 * exponent, shared by the size rule and the range/precision checks.
 * @internal
 */

/** A parsed, non-zero decimal: `value = ±0.DIGITS × 10^exponent`. @internal */
export interface ParsedDecimal {
  readonly negative: boolean;
  /** Significant digits: no leading or trailing zeros, never empty. */
  readonly digits: string;
  /** Position of the decimal point relative to the first significant digit. */
  readonly exponent: number;
}

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses plain (`-12.50`) or exponent (`6.26E-8`, `1e+21`) notation.
 * Returns `'zero'` for any spelling of zero and `undefined` for text that is
 * not a number. @internal
 */
export function parseDecimal(text: string): ParsedDecimal | 'zero' | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int.length === 0 && frac.length === 0) return undefined;
  const all = int + frac;
  let start = 0;
  while (start < all.length && all.charCodeAt(start) === 48) start++;
  if (start === all.length) return 'zero';
  let end = all.length;
  while (all.charCodeAt(end - 1) === 48) end--;
  return {
    negative: m[1] === '-',
    digits: all.slice(start, end),
    exponent: int.length - start + (m[4] ? Number(m[4]) : 0),
  };
}
