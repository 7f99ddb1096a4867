import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { z } from 'zod';
import { unmarshallItem } from '../marshalling/marshall.js';
import { toNative } from '../marshalling/unmarshall.js';
import { applyFields } from '../schema/storage-codec.js';
import type { EntityModel } from './entity-model.js';
import { isExpiredAttribute } from './expiry.js';
import { fromStoredItem, validateRead } from './item-codec.js';
import type { CompiledSchemaVersions } from './schema-versions.js';

/**
 * The one reader of stored items: every item that comes back (get, query,
 * scan, collections, transactGet, batchGet, the returned values of writes,
 * cancellation-reason items; later stream images and export lines) goes
 * through {@link readItem}. TTL hiding, bookkeeping stripping, the one-pass
 * decode and validation live here and nowhere else.
 * @internal
 */

/** How {@link readItem} reads. @internal */
export interface ReadItemOptions {
  /** Validate with this schema instead of the entity's (a projection). */
  readonly schema?: z.ZodType | undefined;
  /**
   * Return items whose TTL has passed too. Paged reads pass `true`: their
   * request filters expired items on the server, so the client does not
   * judge again by a later clock.
   */
  readonly includeExpired?: boolean | undefined;
  /** Epoch milliseconds to judge expiry by; default the table clock, read only when the item has a TTL value. */
  readonly now?: number | undefined;
  /** Return the item unmarshalled as stored (keys and bookkeeping included), unvalidated. */
  readonly raw?: boolean | undefined;
}

const NO_OPTIONS: ReadItemOptions = Object.freeze({});

/**
 * Reads one marshalled item for an entity: `undefined` when it has expired
 * (unless `includeExpired`), else the typed item.
 * @internal
 */
export function readItem(
  model: EntityModel,
  item: Record<string, AttributeValue>,
  options: ReadItemOptions = NO_OPTIONS,
): Record<string, unknown> | undefined {
  if (!options.includeExpired) {
    const now = options.now;
    if (isExpiredAttribute(model.table.ttlAttribute, item, now === undefined ? model.table.clock : () => now)) return undefined;
  }
  if (options.raw) return unmarshallItem(item);
  return readStoredItem(model, item, options.schema ?? model.schema);
}

/** {@link readItem} for an item that cannot be hidden (returned values of writes): always the typed item. @internal */
export function readReturnedItem(model: EntityModel, item: Record<string, AttributeValue>): Record<string, unknown> {
  return readStoredItem(model, item, model.schema);
}

/**
 * An item already unmarshalled (the current item of a failed condition):
 * parsed by the entity. `lenient`: stored data that no longer parses is
 * returned as stored rather than thrown (cancellation reasons still show it).
 * @internal
 */
export function readNativeItem(model: EntityModel, raw: Record<string, unknown>, lenient = false): Record<string, unknown> {
  if (!lenient) return fromStoredItem(model, raw);
  try {
    return fromStoredItem(model, raw);
  } catch {
    return raw;
  }
}

/**
 * UPDATED_NEW / UPDATED_OLD: only the attributes DynamoDB returned, converted
 * from their stored forms (dates…) but not schema-checked (the item is partial).
 * @internal
 */
export function readPartialItem(model: EntityModel, item: Record<string, AttributeValue>): Record<string, unknown> {
  const raw = unmarshallItem(item);
  const input: Record<string, unknown> = {};
  for (const name in raw) if (!model.generatedAttributes.has(name)) input[name] = raw[name];
  const converted = (model.fromStorage ? model.fromStorage(input) : input) as Record<string, unknown>;
  // The read converter fills absent sets with empty ones: keep only what DynamoDB returned.
  const out: Record<string, unknown> = {};
  for (const name in input) out[name] = converted[name];
  return out;
}

/**
 * Reads a stored item straight from its AttributeValues in one pass:
 * unmarshal, drop generated attributes, apply the precomputed storage
 * conversions, then validate with zod. Same result and same errors as
 * `fromStoredItem(model, unmarshallItem(item), schema)`, which it falls back to
 * for anything unusual (an item of another entity, an attribute named
 * `__proto__`, a malformed value), so error reporting lives in one place.
 * @internal
 */
export function readStoredItem(
  model: EntityModel,
  item: Record<string, AttributeValue>,
  schema: z.ZodType = model.schema,
): Record<string, unknown> {
  const input = readInput(model, item);
  if (input === undefined) return fromStoredItem(model, unmarshallItem(item), schema);
  return validateRead(model, input, schema);
}

function isCurrentVersion(versions: CompiledSchemaVersions, stored: AttributeValue | undefined): boolean {
  return stored === undefined ? versions.current === 1 : stored.N === String(versions.current);
}

function readInput(model: EntityModel, item: Record<string, AttributeValue>): Record<string, unknown> | undefined {
  if (model.readFields === undefined) return undefined; // compressed attributes: the general path decompresses
  try {
    const type = item[model.table.entityTypeAttribute];
    if (type !== undefined && toNative(type) !== model.name) return undefined;
    // An item not at the current schema version takes the general path, which migrates or refuses it.
    if (model.versions !== undefined && !isCurrentVersion(model.versions, item[model.versions.attribute])) return undefined;
    const generated = model.generatedAttributes;
    const input: Record<string, unknown> = {};
    for (const name in item) {
      if (name === '__proto__') return undefined;
      // Generated attributes are still unmarshalled: a malformed one must fail as before.
      const value = toNative(item[name]!);
      if (!generated.has(name)) input[name] = value;
    }
    return model.readFields.length === 0 ? input : applyFields(input, model.readFields);
  } catch {
    return undefined;
  }
}
