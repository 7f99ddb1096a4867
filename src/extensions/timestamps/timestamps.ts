import type { z } from 'zod';
import { kindOf } from '../../schema/zod-def.js';

/** How managed timestamps are stored: ISO-8601 string, epoch milliseconds or epoch seconds. */
export type TimestampFormat = 'iso' | 'epoch-ms' | 'epoch-s';

/**
 * Entity option `timestamps`: `true` manages `createdAt` and `updatedAt` as
 * ISO strings. Set an attribute name to `false` to manage only the other one.
 */
export type TimestampsConfig =
  | boolean
  | {
      readonly createdAt?: string | false | undefined;
      readonly updatedAt?: string | false | undefined;
      /** Default `'iso'`. */
      readonly format?: TimestampFormat | undefined;
    };

/** Resolved timestamp settings of an entity. @internal */
export interface TimestampModel {
  readonly createdAt: string | undefined;
  readonly updatedAt: string | undefined;
  readonly format: TimestampFormat;
  /** Turns the clock's epoch milliseconds into the schema's value for each attribute. */
  readonly valueOf: (attribute: string, now: number) => unknown;
}

/**
 * Validates the `timestamps` option. Both attributes must be declared in the
 * schema as optional fields: `z.date()` or `z.string()` for `'iso'`,
 * `z.number()` for the epoch formats. Reads then return them typed.
 * @internal
 */
export function resolveTimestamps(
  shape: Readonly<Record<string, z.ZodType>>,
  config: TimestampsConfig | undefined,
  fail: (message: string) => never,
): TimestampModel | undefined {
  if (!config) return undefined;
  const c = config === true ? {} : config;
  const format = c.format ?? 'iso';
  const createdAt = c.createdAt === false ? undefined : (c.createdAt ?? 'createdAt');
  const updatedAt = c.updatedAt === false ? undefined : (c.updatedAt ?? 'updatedAt');
  const kinds = new Map<string, string>();
  for (const attribute of [createdAt, updatedAt]) {
    if (attribute === undefined) continue;
    const field = shape[attribute];
    const hint = format === 'iso' ? 'z.date().optional()' : 'z.number().optional()';
    if (!field) fail(`timestamp attribute "${attribute}" must be declared in the schema, e.g. ${attribute}: ${hint}`);
    const kind = kindOf(field!);
    const ok = format === 'iso' ? kind === 'date' || kind === 'string' : kind === 'number';
    if (!ok) fail(`timestamp attribute "${attribute}" is ${kind} in the schema; format "${format}" needs ${hint}`);
    if (!field!.safeParse(undefined).success) fail(`timestamp attribute "${attribute}" must be optional (tablewright fills it in)`);
    kinds.set(attribute, kind);
  }
  const valueOf = (attribute: string, now: number): unknown => {
    if (format === 'epoch-ms') return now;
    if (format === 'epoch-s') return Math.floor(now / 1000);
    return kinds.get(attribute) === 'date' ? new Date(now) : new Date(now).toISOString();
  };
  return { createdAt, updatedAt, format, valueOf };
}

/**
 * Fills the timestamps of an item about to be put (mutates the parsed item).
 * A put replaces the whole item and cannot use `if_not_exists`, so
 * `createdAt` is kept when the input carries it (e.g. an item read earlier)
 * and set to now otherwise; `updatedAt` is always now.
 * @internal
 */
export function stampPut(timestamps: TimestampModel, parsed: Record<string, unknown>, now: number): void {
  const { createdAt, updatedAt } = timestamps;
  if (createdAt !== undefined && parsed[createdAt] === undefined) parsed[createdAt] = timestamps.valueOf(createdAt, now);
  if (updatedAt !== undefined) parsed[updatedAt] = timestamps.valueOf(updatedAt, now);
}

/**
 * What an update must add: `SET <updatedAt> = value` (createdAt is left
 * alone; use `if_not_exists(createdAt, value)` only for upserts). Values are
 * in schema form (a `Date` for date fields), ready for the storage codec.
 * @internal
 */
export function timestampUpdate(
  timestamps: TimestampModel,
  now: number,
): { readonly set: Readonly<Record<string, unknown>>; readonly setIfNotExists: Readonly<Record<string, unknown>> } {
  const set: Record<string, unknown> = {};
  const setIfNotExists: Record<string, unknown> = {};
  if (timestamps.updatedAt !== undefined) set[timestamps.updatedAt] = timestamps.valueOf(timestamps.updatedAt, now);
  if (timestamps.createdAt !== undefined) setIfNotExists[timestamps.createdAt] = timestamps.valueOf(timestamps.createdAt, now);
  return { set, setIfNotExists };
}
