import { parseDecimal, type ParsedDecimal } from '../limits/decimal.js';
import { isNumberValue } from '../limits/number-limits.js';
import type { OperandKind } from './operand-kind.js';

/** Orders strings as DynamoDB does (UTF-8 bytes, i.e. code points), not by UTF-16 units. @internal */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

const bytes = (v: ArrayBufferView | ArrayBuffer): Uint8Array =>
  v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);

/** Orders binaries as DynamoDB does: unsigned bytes, then length. */
function compareBytes(a: ArrayBufferView | ArrayBuffer, b: ArrayBufferView | ArrayBuffer): number {
  const x = bytes(a);
  const y = bytes(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

const signOf = (d: ParsedDecimal | 'zero'): number => (d === 'zero' ? 0 : d.negative ? -1 : 1);

/** Orders numbers exactly (numbers, bigints and NumberValue strings alike, beyond double precision). */
function compareNumbers(a: unknown, b: unknown): number | undefined {
  const x = parseDecimal(isNumberValue(a) ? a.value : String(a));
  const y = parseDecimal(isNumberValue(b) ? b.value : String(b));
  if (!x || !y) return undefined;
  if (signOf(x) !== signOf(y) || x === 'zero' || y === 'zero') return signOf(x) - signOf(y);
  const magnitude = x.exponent !== y.exponent ? x.exponent - y.exponent : x.digits < y.digits ? -1 : x.digits > y.digits ? 1 : 0;
  return signOf(x) * magnitude;
}

/**
 * How two operand values of one kind order in DynamoDB (negative, zero,
 * positive), or `undefined` when they do not order (other kinds, or a value
 * the checks elsewhere refuse).
 * @internal
 */
export function compareValues(kind: OperandKind, a: unknown, b: unknown): number | undefined {
  switch (kind) {
    case 'string':
      return compareCodePoints(a as string, b as string);
    case 'number':
      return compareNumbers(a, b);
    case 'date': {
      const d = (a as Date).getTime() - (b as Date).getTime();
      return Number.isNaN(d) ? undefined : d;
    }
    case 'binary':
      return compareBytes(a as ArrayBufferView, b as ArrayBufferView);
    default:
      return undefined;
  }
}
