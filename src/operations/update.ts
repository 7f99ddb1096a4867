import type { UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { EntityModel } from '../entity/entity-model.js';
import { keyValues, primaryKey } from '../entity/item-codec.js';
import { ConfigurationError, ValidationError, type ValidationIssue } from '../errors.js';
import { compileCondition } from '../expressions/compile-condition.js';
import { compileUpdate, overlappingPaths } from '../expressions/compile-update.js';
import type { ConditionInput } from '../expressions/condition-builder.js';
import type { ConditionNode } from '../expressions/condition-node.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { resolveUpdate, type UpdateInput } from '../expressions/update-builder.js';
import { ifNotExistsOperand, removeAction, setAction, valueOperand, type UpdateAction, type UpdateOperand } from '../expressions/update-node.js';
import { checkEntityUpdate } from '../limits/update-size.js';
import { compressAttributeValue } from '../schema/compression.js';
import { compileToStorage } from '../schema/storage-codec.js';
import { isOptional, kindOf } from '../schema/zod-def.js';
import { notExpiredNode } from '../ttl/ttl-condition.js';
import { toTtlSeconds, type ExpiryInput } from '../ttl/ttl-value.js';
import { planUpdate, REMOVED, UNKNOWN, type UpdatePlan } from './update-plan.js';
import { notExistsCondition } from './put.js';

/** What an update returns. */
export type UpdateReturnValues = 'NONE' | 'ALL_NEW' | 'ALL_OLD' | 'UPDATED_NEW' | 'UPDATED_OLD';

/** Options of `Entity.updateOp` (a transactional update): everything but what only a direct call can do. */
export interface UpdateOpOptions<T> {
  /** Update only if this holds for the stored item. */
  readonly condition?: ConditionInput<T> | undefined;
  /**
   * By default an update requires the item to exist, to belong to this
   * entity and not to have expired (otherwise it fails like a missing item),
   * so it never creates a half item. With `upsert: true` a missing item is
   * created: the update must then set every required attribute (defaults are
   * filled with `if_not_exists`; an entity `ttl: { after }` rule gives a
   * created item its expiry). An expired item that DynamoDB has not deleted
   * yet counts as missing: `Entity.update` deletes that leftover (as TTL
   * would) and creates the item afresh; inside a transaction, where that
   * takes two writes, the upsert fails instead.
   */
  readonly upsert?: boolean | undefined;
  /**
   * Version-locked entities (required there, as for deletes): the version the
   * caller read. The update requires it and stores version + 1; another
   * stored version (or no item) fails with `VersionConflictError`. `'any'`
   * skips the check but still increments the stored version (creating it at
   * 1 on upsert), so other holders of the old version still conflict.
   * The version, `createdAt` and `updatedAt` attributes cannot be changed by
   * hand: updates keep `createdAt` (`if_not_exists`) and set `updatedAt`.
   */
  readonly expectedVersion?: number | 'any' | undefined;
  /**
   * Sets the item's expiry (the table's TTL attribute): a Date, epoch
   * seconds or `{ after: '30d' }`; `null` removes it (never expires). Without
   * it, an update keeps the expiry, except for entities whose `ttl` follows a
   * schema attribute: changing that attribute recomputes it.
   */
  readonly expiresAt?: ExpiryInput | null | undefined;
  /** Also update an item whose TTL has passed but that DynamoDB has not deleted yet. Default `false`. */
  readonly includeExpired?: boolean | undefined;
}

/** Options of `Entity.update`. */
export interface UpdateOptions<T> extends UpdateOpOptions<T> {
  /**
   * `'ALL_NEW'` returns the whole item after the update (parsed by the schema),
   * `'ALL_OLD'` the item before it, `'UPDATED_NEW'` / `'UPDATED_OLD'` only the
   * changed attributes (a `Partial`). Default `'NONE'`. When a lost response
   * was resent and recognised by its write token, `'ALL_NEW'` is the item
   * DynamoDB returned with the failed resend; the other modes return `undefined`.
   */
  readonly returnValues?: UpdateReturnValues | undefined;
  readonly abortSignal?: AbortSignal | undefined;
}

/** A built UpdateItem request. @internal */
export interface PreparedUpdate {
  readonly input: UpdateItemCommandInput;
  readonly key: Record<string, unknown>;
  /** Every value the update writes, as stored, with its path (for size checks). */
  readonly assignments: readonly { readonly path: readonly (string | number)[]; readonly value: unknown }[];
}

/** What other features add to an update (versioning, timestamps, write tokens). @internal */
export interface UpdateExtras {
  readonly condition?: ConditionNode | undefined;
  readonly upsert?: boolean | undefined;
  /** `SET name = value` for top-level attributes, values in schema form (Dates…). */
  readonly set?: Readonly<Record<string, unknown>> | undefined;
  /** `SET name = if_not_exists(name, value)`, values in schema form. */
  readonly setIfNotExists?: Readonly<Record<string, unknown>> | undefined;
  /** Further actions (already in stored form), e.g. the version increment of `expectedVersion: 'any'`. */
  readonly actions?: readonly UpdateAction[] | undefined;
  /** See {@link UpdateOpOptions.expiresAt}. */
  readonly expiresAt?: ExpiryInput | null | undefined;
  /** See {@link UpdateOpOptions.includeExpired}. */
  readonly includeExpired?: boolean | undefined;
  /** The table clock's reading for this call (default: read it). */
  readonly now?: number | undefined;
}

/** Validates, derives index keys and compiles the request. No I/O. @internal */
export function prepareUpdate(
  model: EntityModel,
  key: Readonly<Record<string, unknown>>,
  changes: UpdateInput<unknown>,
  options: UpdateExtras = {},
): PreparedUpdate {
  const Key = primaryKey(model, key);
  const keyVals = keyValues(model, key);
  const plan = planUpdate(model, keyVals, resolveUpdate(changes));
  const now = options.now ?? model.table.clock();
  const actions = [...plan.actions, ...extraActions(model, options), ...(options.actions ?? []), ...ttlActions(model, keyVals, plan, options, now)];
  const ctx = new ExpressionContext();
  const et = model.table.entityTypeAttribute;
  const ours: ConditionNode = { kind: 'compare', op: '=', left: { kind: 'path', path: [et] }, right: { kind: 'value', value: model.name } };
  // Expired items count as gone (reads hide them); includeExpired opts out.
  const live: ConditionNode = model.ttl && !options.includeExpired ? { kind: 'and', conditions: [ours, notExpiredNode(model.ttl, now)] } : ours;
  let guard: ConditionNode;
  if (options.upsert) {
    actions.push(...upsertActions(model, keyVals, plan.assigned));
    guard = { kind: 'or', conditions: [notExistsCondition(model), live] };
  } else {
    // Equality on the entity type implies the item exists, and refuses another entity's item under the same key.
    guard = live;
  }
  const overlap = overlappingPaths(actions);
  if (overlap) {
    throw new ValidationError({
      entity: model.name,
      key: keyVals,
      issues: [{ path: [], message: `the update and the attributes tablewright manages both write ${overlap[1]}` }],
      direction: 'write',
    });
  }
  if (actions.length === 0) {
    throw new ValidationError({ entity: model.name, key: keyVals, issues: [{ path: [], message: 'the update changes nothing' }], direction: 'write' });
  }
  const written = assignments(actions);
  // Values too large or numbers DynamoDB refuses: ItemTooLargeError / ValidationError before sending.
  checkEntityUpdate(model, keyVals, written);
  const input: UpdateItemCommandInput = {
    TableName: model.table.name,
    Key,
    UpdateExpression: compileUpdate(actions, ctx),
    ConditionExpression: compileCondition(options.condition ? { kind: 'and', conditions: [guard, options.condition] } : guard, ctx),
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
  Object.assign(input, ctx.toRequest());
  return { input, key: keyVals, assignments: written };
}

/**
 * The TTL attribute: `expiresAt` sets or removes it; for entities whose
 * expiry follows a schema attribute, changing that attribute recomputes it;
 * an upsert gives a created item the `ttl.after` expiry.
 */
function ttlActions(model: EntityModel, key: Record<string, unknown>, plan: UpdatePlan, options: UpdateExtras, now: number): UpdateAction[] {
  const ttl = model.ttl;
  if (options.expiresAt !== undefined) {
    if (!ttl) throw new ConfigurationError(`${model.name}: expiresAt needs a table with a ttlAttribute`);
    if (options.expiresAt === null) return [removeAction([ttl.attribute])];
    return [set([ttl.attribute], toTtlSeconds(options.expiresAt, now, { entity: model.name, attribute: ttl.attribute }))];
  }
  if (!ttl) return [];
  if (ttl.fromField !== undefined && plan.assigned.has(ttl.fromField)) {
    const value = plan.assigned.get(ttl.fromField);
    if (value === UNKNOWN) {
      throw new ValidationError({
        entity: model.name,
        key,
        issues: [{ path: [ttl.fromField], message: 'the expiry follows this attribute: set its new value explicitly so the TTL can be recomputed' }],
        direction: 'write',
      });
    }
    if (value === REMOVED || value === null || value === undefined) return [removeAction([ttl.attribute])];
    return [set([ttl.attribute], toTtlSeconds(value as Date | number, now, { entity: model.name, attribute: ttl.fromField }))];
  }
  if (options.upsert && ttl.afterMs !== undefined) {
    const seconds = toTtlSeconds({ after: ttl.afterMs }, now, { entity: model.name, attribute: ttl.attribute });
    return [setAction([ttl.attribute], ifNotExistsOperand([ttl.attribute], valueOperand(seconds)))];
  }
  return [];
}

/** Bookkeeping attributes set by other features; they are not user changes, so not validated as such. */
function extraActions(model: EntityModel, extras: UpdateExtras): UpdateAction[] {
  const out: UpdateAction[] = [];
  const stored = (name: string, value: unknown) => {
    const schema = model.shape[name];
    const convert = schema && compileToStorage(schema);
    return convert ? convert(value) : value instanceof Date ? value.toISOString() : value;
  };
  for (const [name, value] of Object.entries(extras.set ?? {})) out.push(setAction([name], valueOperand(stored(name, value))));
  for (const [name, value] of Object.entries(extras.setIfNotExists ?? {})) {
    out.push(setAction([name], ifNotExistsOperand([name], valueOperand(stored(name, value)))));
  }
  return out;
}

function assignments(actions: readonly UpdateAction[]): PreparedUpdate['assignments'] {
  const out: { path: readonly (string | number)[]; value: unknown }[] = [];
  const values = (o: UpdateOperand, path: readonly (string | number)[]): void => {
    if (o.kind === 'value') out.push({ path, value: o.value });
    else if (o.kind === 'ifNotExists') values(o.fallback, path);
    else if (o.kind === 'listAppend' || o.kind === 'arithmetic') {
      values(o.left, path);
      values(o.right, path);
    }
  };
  for (const action of actions) {
    if (action.kind === 'set') values(action.operand, action.path);
    else if (action.kind === 'add' || action.kind === 'delete') out.push({ path: action.path, value: action.value });
  }
  return out;
}

/** For upsert: the entity type, the key attributes and defaults, written so a created item is whole. */
function upsertActions(model: EntityModel, key: Record<string, unknown>, assigned: ReadonlyMap<string, unknown>): UpdateAction[] {
  const out: UpdateAction[] = [set([model.table.entityTypeAttribute], model.name)];
  const issues: ValidationIssue[] = [];
  for (const attribute of model.primaryAttributes) {
    const schema = model.shape[attribute]!;
    const convert = compileToStorage(schema);
    out.push(set([attribute], convert ? convert(key[attribute]) : key[attribute]));
  }
  for (const [attribute, schema] of Object.entries(model.shape)) {
    if (model.primaryAttributes.has(attribute) || assigned.has(attribute)) continue;
    if (isOptional(schema)) continue;
    const absent = schema.safeParse(undefined);
    if (absent.success) {
      // Defaulted (or a set, read back as empty): fill the default only when the item has no value yet.
      if (absent.data === undefined || (absent.data instanceof Set && absent.data.size === 0)) continue;
      const convert = compileToStorage(schema);
      const algorithm = model.compressed.get(attribute);
      let value = convert ? convert(absent.data) : absent.data;
      // Stored exactly as a put would store the default (compressed attributes as Binary).
      if (algorithm) value = compressAttributeValue(schema, algorithm, value);
      if (value !== undefined) {
        out.push(setAction([attribute], ifNotExistsOperand([attribute], valueOperand(value))));
      }
      continue;
    }
    if (kindOf(schema) === 'set') continue;
    issues.push({ path: [attribute], message: 'upsert: a required attribute must be set (the item may not exist yet)' });
  }
  if (issues.length > 0) throw new ValidationError({ entity: model.name, key, issues, direction: 'write' });
  return out;
}

const set = (path: [string], value: unknown): UpdateAction => setAction(path, valueOperand(value));

