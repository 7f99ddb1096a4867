import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors.js';
import type { EntityModel } from './entity-model.js';
import { copyOwn } from '../marshalling/own-property.js';
import { assertWritable } from '../marshalling/writable-input.js';

/**
 * Conversions between an entity's typed values and stored items. Pure
 * functions over the precomputed {@link EntityModel}.
 * @internal
 */

/** Validates write input with the schema; returns the parsed output. */
export function parseInput(model: EntityModel, input: unknown): Record<string, unknown> {
  assertWritable(input, { entity: model.name });
  const result = model.schema.safeParse(input);
  if (!result.success) {
    throw new ValidationError({
      entity: model.name,
      key: safeKeyValues(model, input),
      issues: toIssues(result.error),
      direction: 'write',
      cause: result.error,
    });
  }
  return result.data as Record<string, unknown>;
}

/**
 * Turns parsed values into the item to store: storage conversions, every key
 * and the entity type. Extensions add their attributes after (see `storeItem`).
 */
export function toStoredItem(model: EntityModel, parsed: Record<string, unknown>): Record<string, unknown> {
  const stored = (model.toStorage ? model.toStorage(parsed) : copyOwn(parsed)) as Record<string, unknown>; // keys are added next
  const { primary, table } = model;
  stored[primary.partitionKeyAttribute] = primary.pk.build(parsed);
  if (primary.sk) stored[primary.sortKeyAttribute!] = primary.sk.build(parsed);
  for (const keys of model.indexes.values()) {
    // Sparse indexes: an item joins an index only when every attribute its keys need is present.
    const local = keys.definition?.type === 'local';
    const pk = local ? undefined : keys.pk.tryBuild(parsed);
    if (!local && pk === undefined) continue;
    const sk = keys.sk ? keys.sk.tryBuild(parsed) : undefined;
    if (keys.sk && sk === undefined) continue;
    if (pk !== undefined) stored[keys.partitionKeyAttribute] = pk;
    if (sk !== undefined) stored[keys.sortKeyAttribute!] = sk;
  }
  stored[table.entityTypeAttribute] = model.name;
  return stored;
}

/** The marshalled primary key for the given key values. */
export function primaryKey(model: EntityModel, values: Readonly<Record<string, unknown>>): Record<string, AttributeValue> {
  const { primary } = model;
  const key: Record<string, AttributeValue> = { [primary.partitionKeyAttribute]: { S: primary.pk.build(values) } };
  if (primary.sk) key[primary.sortKeyAttribute!] = { S: primary.sk.build(values) };
  return key;
}

/** Only the primary-key attributes of `values` (for error messages). */
export function keyValues(model: EntityModel, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const attribute of model.primaryAttributes) out[attribute] = values[attribute];
  return out;
}

function safeKeyValues(model: EntityModel, input: unknown): Record<string, unknown> | undefined {
  return input && typeof input === 'object' ? keyValues(model, input as Record<string, unknown>) : undefined;
}

/**
 * Parses a stored (unmarshalled) item into the entity's type: checks the
 * entity type, drops generated attributes, converts stored forms, validates.
 * `schema` may be a projection of the entity's schema.
 */
export function fromStoredItem(
  model: EntityModel,
  raw: Record<string, unknown>,
  schema: z.ZodType = model.schema,
): Record<string, unknown> {
  const type = raw[model.table.entityTypeAttribute];
  if (type !== undefined && type !== model.name) {
    throw new ValidationError({
      entity: model.name,
      key: keyValues(model, raw),
      issues: [{ path: [model.table.entityTypeAttribute], message: `item belongs to entity "${String(type)}"` }],
      direction: 'read',
    });
  }
  const input: Record<string, unknown> = {};
  for (const name in raw) {
    if (!model.generatedAttributes.has(name)) input[name] = raw[name];
  }
  const versions = model.versions;
  if (versions !== undefined) {
    // Older items are migrated to the current schema; newer ones are refused, never downgraded.
    const key = keyValues(model, raw);
    const from = versions.storedVersion(raw[versions.attribute], model.name, key);
    if (from !== versions.current) {
      return validateRead(model, versions.migrate(input, from, model.name, key), schema);
    }
  }
  const converted = model.fromStorage ? model.fromStorage(input) : input;
  return validateRead(model, converted, schema);
}

/** Validates a converted stored item with `schema` (the read side's zod step). @internal */
export function validateRead(model: EntityModel, converted: unknown, schema: z.ZodType): Record<string, unknown> {
  const result = schema.safeParse(converted);
  if (!result.success) {
    throw new ValidationError({
      entity: model.name,
      key: keyValues(model, converted as Record<string, unknown>),
      issues: toIssues(result.error),
      direction: 'read',
      cause: result.error,
    });
  }
  return result.data as Record<string, unknown>;
}

/** @internal */
export function toIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((i) => ({ path: i.path, message: i.message, code: i.code }));
}
