import type { z } from 'zod';
import { copyOwn } from '../marshalling/own-property.js';
import { defOf, isOptional, unwrap } from './zod-def.js';

/**
 * Converts between an entity's parsed values and what DynamoDB can store.
 *
 * - `Date` is stored as an ISO-8601 string and turned back into a `Date`
 *   before zod parses a read.
 * - Empty sets are not allowed by DynamoDB: they are omitted on write and a
 *   required set that is absent on read comes back as an empty `Set`.
 * - Integers beyond 2^53 are read as `bigint`; `z.number()` fields get a
 *   number back, `z.bigint()` fields a bigint.
 *
 * Converters are compiled once per entity; `undefined` means "identity", so
 * schemas without dates or sets pay nothing on the hot path.
 * @internal
 */
export type Converter = (value: unknown) => unknown;

/** Compiles the write-side converter for a schema, or `undefined` when none is needed. @internal */
export function compileToStorage(schema: z.ZodType, depth = 0): Converter | undefined {
  if (depth > 32) return undefined;
  const inner = unwrap(schema);
  const def = defOf(inner);
  switch (def.type) {
    case 'date':
      return (v) => (v instanceof Date ? v.toISOString() : v);
    case 'set':
      return (v) => (v instanceof Set && v.size === 0 ? undefined : v);
    case 'object':
      return compileObject(def.shape ?? {}, (s) => compileToStorage(s, depth + 1), false);
    case 'array': {
      const el = def.element && compileToStorage(def.element, depth + 1);
      return el && ((v) => (Array.isArray(v) ? v.map(el) : v));
    }
    case 'record': {
      const val = def.valueType && compileToStorage(def.valueType, depth + 1);
      return val && ((v) => mapRecord(v, val));
    }
    case 'union':
    case 'intersection':
    case 'pipe':
      // Shapes we cannot route statically: convert any Date found at run time.
      return deepDatesToIso;
    default:
      return undefined;
  }
}

/** Compiles the read-side converter (stored → input of `schema.parse`). @internal */
export function compileFromStorage(schema: z.ZodType, depth = 0): Converter | undefined {
  if (depth > 32) return undefined;
  const inner = unwrap(schema);
  const def = defOf(inner);
  switch (def.type) {
    case 'date':
      return (v) => (typeof v === 'string' ? new Date(v) : v);
    case 'number':
      // integers beyond 2^53 are read as bigint (see readNumber)
      return (v) => (typeof v === 'bigint' ? Number(v) : v);
    case 'bigint':
      return (v) => (typeof v === 'number' ? BigInt(v) : v);
    case 'object':
      return compileObject(def.shape ?? {}, (s) => compileFromStorage(s, depth + 1), true);
    case 'array': {
      const el = def.element && compileFromStorage(def.element, depth + 1);
      return el && ((v) => (Array.isArray(v) ? v.map(el) : v));
    }
    case 'record': {
      const val = def.valueType && compileFromStorage(def.valueType, depth + 1);
      return val && ((v) => mapRecord(v, val));
    }
    default:
      return undefined;
  }
}

/** A top-level field's converter: `[attribute, convert]`. @internal */
export type FieldConverter = readonly [string, Converter];

function objectFields(
  shape: Record<string, z.ZodType>,
  compile: (s: z.ZodType) => Converter | undefined,
  reading: boolean,
): FieldConverter[] {
  const fields: FieldConverter[] = [];
  for (const [key, field] of Object.entries(shape)) {
    const convert = compile(field);
    const emptySet = reading && defOf(unwrap(field)).type === 'set' && !isOptional(field);
    if (emptySet) {
      fields.push([key, convert ? (v) => (v === undefined ? new Set() : convert(v)) : (v) => (v === undefined ? new Set() : v)]);
    } else if (convert) {
      fields.push([key, convert]);
    }
  }
  return fields;
}

/** Applies field converters to `out` in place (an absent result removes the attribute). @internal */
export function applyFields(out: Record<string, unknown>, fields: readonly FieldConverter[]): Record<string, unknown> {
  for (let i = 0; i < fields.length; i++) {
    const [key, convert] = fields[i]!;
    const converted = convert(out[key]);
    if (converted === undefined) delete out[key];
    else out[key] = converted;
  }
  return out;
}

/**
 * The read-side field converters of an object schema's top level: what
 * {@link compileFromStorage} applies, exposed so the item reader can convert
 * while it unmarshals instead of copying the item once more. @internal
 */
export function compileReadFields(schema: z.ZodType): readonly FieldConverter[] {
  const def = defOf(unwrap(schema));
  if (def.type !== 'object') return [];
  return objectFields(def.shape ?? {}, (s) => compileFromStorage(s, 1), true);
}

function compileObject(
  shape: Record<string, z.ZodType>,
  compile: (s: z.ZodType) => Converter | undefined,
  reading: boolean,
): Converter | undefined {
  const fields = objectFields(shape, compile, reading);
  if (fields.length === 0) return undefined;
  return (value) => {
    if (value === null || typeof value !== 'object') return value;
    return applyFields(copyOwn(value), fields); // not a spread: callers add keys to the copy
  };
}

function mapRecord(value: unknown, convert: Converter): unknown {
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = convert(v);
  return out;
}

function deepDatesToIso(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(deepDatesToIso);
  if (value && typeof value === 'object' && !(value instanceof Set) && !ArrayBuffer.isView(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = deepDatesToIso(v);
    return out;
  }
  return value;
}
