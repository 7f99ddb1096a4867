import { parseDecimal, type ParsedDecimal } from './decimal.js';

/** The most bytes a number can take in an item. */
export const MAX_NUMBER_SIZE = 21;

/**
 * Bytes a DynamoDB number takes toward the item size.
 *
 * The base-100 rule of the community calculators, checked against DynamoDB
 * Local (see docs/limits.md): digits are grouped in pairs aligned on the
 * decimal point, leading and trailing `00` pairs are dropped, each remaining
 * pair costs a byte, plus one exponent byte, plus one for a negative sign;
 * never more than 21. Zero costs 1.
 *
 * Accepts JS numbers, bigints and number text in plain or exponent notation
 * (DynamoDB Local returns tiny set elements as `6.26E-8`). Text that is not a
 * number is sized as the worst case, 21.
 *
 * @example numberSize(1712345678) === 6; numberSize('-19.99') === 4
 */
export function numberSize(value: number | bigint | string): number {
  if (typeof value === 'number') {
    // Fast path: small integers are the common case (counters, epoch seconds).
    if (Number.isSafeInteger(value) && value >= 0 && value < 1e15) return smallIntegerSize(value);
    if (Number.isFinite(value)) return numberTextSize(String(value));
    value = String(value);
  } else if (typeof value === 'bigint') {
    value = value.toString();
  }
  const parsed = parseDecimal(value);
  if (parsed === 'zero') return 1;
  if (parsed === undefined) return MAX_NUMBER_SIZE;
  return parsedNumberSize(parsed);
}

/** Size of an already parsed non-zero number. @internal */
export function parsedNumberSize(parsed: ParsedDecimal): number {
  const top = parsed.exponent - 1; // decimal weight of the first significant digit
  const bottom = parsed.exponent - parsed.digits.length; // … and of the last
  const pairs = Math.floor(top / 2) - Math.floor(bottom / 2) + 1;
  return Math.min(MAX_NUMBER_SIZE, pairs + 1 + (parsed.negative ? 1 : 0));
}

function smallIntegerSize(n: number): number {
  if (n === 0) return 1;
  // Drop trailing 00 pairs, then count the base-100 digits left.
  while (n % 100 === 0) n /= 100;
  let pairs = 0;
  while (n > 0) {
    n = Math.floor(n / 100);
    pairs++;
  }
  return pairs + 1;
}

/**
 * {@link numberSize} of the text `String(n)` gives for a finite JS number
 * (`-12.5`, `0.000123`, `1.5e-7`, `1e+21`), read in one scan without the
 * regular expression: a put sizes every decimal it stores, and the regex
 * parse is most of that cost. Same rule as {@link parsedNumberSize}.
 */
function numberTextSize(text: string): number {
  const negative = text.charCodeAt(0) === 45; // -
  const e = text.indexOf('e');
  const end = e === -1 ? text.length : e;
  let point = -1;
  let first = -1; // index of the first non-zero digit
  let last = -1; // … and of the last
  for (let i = negative ? 1 : 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) point = i; // .
    else if (c !== 48) {
      if (first === -1) first = i;
      last = i;
    }
  }
  if (first === -1) return 1; // zero
  const intEnd = point === -1 ? end : point; // digits before the point: start … intEnd - 1
  const exponent = e === -1 ? 0 : Number(text.slice(e + 1));
  // Decimal weight of the digit at index i: intEnd - 1 - i before the point, intEnd - i after it.
  const top = (first < intEnd ? intEnd - 1 - first : intEnd - first) + exponent;
  const bottom = (last < intEnd ? intEnd - 1 - last : intEnd - last) + exponent;
  const pairs = Math.floor(top / 2) - Math.floor(bottom / 2) + 1;
  return Math.min(MAX_NUMBER_SIZE, pairs + 1 + (negative ? 1 : 0));
}
