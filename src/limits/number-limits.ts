import { parseDecimal } from './decimal.js';

/** DynamoDB numbers keep at most 38 significant digits. */
export const MAX_NUMBER_DIGITS = 38;
/** Largest decimal exponent of a DynamoDB number (9.99…E+125). */
export const MAX_NUMBER_EXPONENT = 125;
/** Smallest decimal exponent of a non-zero DynamoDB number (1E-130). */
export const MIN_NUMBER_EXPONENT = -130;

/**
 * Why a number cannot be stored. The codes appear as `ValidationIssue.code`
 * in the {@link ValidationError} a write throws, with the attribute path.
 */
export type NumberIssueCode =
  | 'number_not_finite'
  | 'number_precision'
  | 'number_overflow'
  | 'number_underflow'
  | 'number_invalid';

/** A number DynamoDB (or the SDK's marshaller) would refuse. */
export interface NumberIssue {
  readonly code: NumberIssueCode;
  readonly message: string;
}

/** The SDK's `NumberValue` (from `@aws-sdk/lib-dynamodb` / `util-dynamodb`): number text in an object. */
export interface NumberValueLike {
  readonly value: string;
  toString(): string;
}

/**
 * True for the SDK's `NumberValue`. Checked by shape, like the SDK does,
 * because lib-dynamodb and util-dynamodb may each bring their own class.
 * @internal
 */
export function isNumberValue(value: unknown): value is NumberValueLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { constructor?: { name?: string } }).constructor?.name === 'NumberValue' &&
    typeof (value as { value?: unknown }).value === 'string'
  );
}

/**
 * Checks a number against DynamoDB's limits: 38 significant digits, magnitude
 * between 1E-130 and 9.99…E+125 (or zero). JS numbers must also be finite.
 * JS numbers beyond ±2^53 are accepted: they are stored as their shortest
 * round-trip text (`String(n)`, as JSON does), which reads back as the same
 * double, so nothing the program holds is lost (use a bigint for exact large
 * integers). Returns `undefined` when fine.
 */
export function numberIssue(value: number | bigint | string | NumberValueLike): NumberIssue | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { code: 'number_not_finite', message: `${value} cannot be stored (DynamoDB numbers are finite)` };
    if (Number.isSafeInteger(value)) return undefined;
    // String(n) has at most 17 significant digits, and the range test on the double
    // agrees with the text's exponent (rounding is monotonic): no parse for the valid ones.
    const magnitude = Math.abs(value);
    if (magnitude === 0 || (magnitude >= 1e-130 && magnitude < 1e126)) return undefined;
    text = String(value);
  } else {
    text = typeof value === 'bigint' ? value.toString() : String(value);
  }
  return numberTextIssue(text);
}

/** {@link numberIssue} for number text (plain or exponent notation). @internal */
export function numberTextIssue(text: string): NumberIssue | undefined {
  const parsed = parseDecimal(text);
  if (parsed === 'zero') return undefined;
  if (parsed === undefined) return { code: 'number_invalid', message: `"${text}" is not a number` };
  if (parsed.digits.length > MAX_NUMBER_DIGITS) {
    return {
      code: 'number_precision',
      message: `${parsed.digits.length} significant digits; DynamoDB keeps at most ${MAX_NUMBER_DIGITS}`,
    };
  }
  // value = 0.DIGITS × 10^exponent, so its decimal exponent is exponent - 1.
  const magnitude = parsed.exponent - 1;
  if (magnitude > MAX_NUMBER_EXPONENT) {
    return { code: 'number_overflow', message: `${text} is larger than DynamoDB's maximum magnitude 9.99…E+125` };
  }
  if (magnitude < MIN_NUMBER_EXPONENT) {
    return { code: 'number_underflow', message: `${text} is smaller than DynamoDB's minimum magnitude 1E-130` };
  }
  return undefined;
}
