import { ConfigurationError } from '../../errors.js';
import type { TableModel } from '../../model/table-definition.js';
import { durationMs, type Duration } from './duration.js';
import { toTtlSeconds, type ExpiryInput } from './ttl-value.js';
import type { z } from 'zod';
import { kindOf } from '../../schema/zod-def.js';

/**
 * How an entity's items expire. The stored value is always epoch seconds in
 * the table's `ttlAttribute`.
 * - `{ after: '30d' }`: a fixed time after each put;
 * - `{ attribute: 'validUntil' }`: from a schema field holding a Date or epoch seconds.
 * Either can be overridden per call with `expiresAt`.
 */
export type TtlConfig<A extends string = string> = { readonly after: Duration } | { readonly attribute: A };

/** Precomputed TTL behaviour of an entity. @internal */
export interface TtlModel {
  /** The table attribute DynamoDB reads. */
  readonly attribute: string;
  readonly afterMs: number | undefined;
  readonly fromField: string | undefined;
}

/** @internal */
export function compileTtl(
  table: TableModel,
  entity: string,
  shape: Readonly<Record<string, z.ZodType>>,
  config: TtlConfig | undefined,
): TtlModel | undefined {
  if (!table.ttlAttribute) {
    if (config) throw new ConfigurationError(`Entity ${entity}: ttl needs a table with ttlAttribute`);
    return undefined;
  }
  let afterMs: number | undefined;
  let fromField: string | undefined;
  if (config && 'after' in config) {
    try {
      afterMs = durationMs(config.after);
    } catch (e) {
      throw new ConfigurationError(`Entity ${entity}: ttl.after: ${(e as Error).message}`);
    }
  } else if (config && 'attribute' in config) {
    const field = shape[config.attribute];
    if (!field) throw new ConfigurationError(`Entity ${entity}: ttl.attribute "${config.attribute}" is not in the schema`);
    const kind = kindOf(field);
    if (kind !== 'date' && kind !== 'number') {
      throw new ConfigurationError(`Entity ${entity}: ttl.attribute "${config.attribute}" must be a z.date() or z.number() (epoch seconds), not ${kind}`);
    }
    fromField = config.attribute;
  }
  return { attribute: table.ttlAttribute, afterMs, fromField };
}

/**
 * The TTL value (epoch seconds) for an item being written, or `undefined` for
 * "never expires". A per-call `expiresAt` wins; `null` removes the expiry.
 * @internal
 */
export function ttlForWrite(
  ttl: TtlModel,
  parsed: Readonly<Record<string, unknown>>,
  nowMs: number,
  entity: string,
  expiresAt?: ExpiryInput | null,
): number | undefined {
  if (expiresAt === null) return undefined;
  if (expiresAt !== undefined) return toTtlSeconds(expiresAt, nowMs, { entity, attribute: ttl.attribute });
  if (ttl.afterMs !== undefined) return toTtlSeconds({ after: ttl.afterMs }, nowMs, { entity, attribute: ttl.attribute });
  if (ttl.fromField !== undefined) {
    const value = parsed[ttl.fromField];
    if (value === undefined || value === null) return undefined;
    return toTtlSeconds(value as Date | number, nowMs, { entity, attribute: ttl.fromField });
  }
  return undefined;
}
