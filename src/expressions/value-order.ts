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

/** A decimal as sign, significant digits and the power of ten of its first digit; `undefined` if not a decimal. */
function decimal(text: string): { sign: number; digits: string; exponent: number } | undefined {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const all = `${m[2]}${m[3] ?? ''}`;
  const lead = all.search(/[1-9]/);
  if (lead < 0) return { sign: 0, digits: '', exponent: 0 };
  const digits = all.slice(lead).replace(/0+$/, '');
  return { sign: m[1] === '-' ? -1 : 1, digits, exponent: m[2]!.length - lead + Number(m[4] ?? 0) };
}

/** Orders numbers exactly (numbers, bigints and NumberValue strings alike, beyond double precision). */
function compareNumbers(a: unknown, b: unknown): number | undefined {
  const x = decimal(isNumberValue(a) ? a.value : String(a));
  const y = decimal(isNumberValue(b) ? b.value : String(b));
  if (!x || !y) return undefined;
  if (x.sign !== y.sign) return x.sign - y.sign;
  if (x.sign === 0) return 0;
  const magnitude = x.exponent !== y.exponent ? x.exponent - y.exponent : x.digits < y.digits ? -1 : x.digits > y.digits ? 1 : 0;
  return x.sign * magnitude;
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
