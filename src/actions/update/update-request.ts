import type { CapacityOption } from '../../observability/request-event.js';
import type { UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { EntityModel } from '../../model/entity-model.js';
import { keyValues, primaryKey } from '../../model/item-codec.js';
import { ValidationError, type ValidationIssue } from '../../errors.js';
import { compileCondition } from '../../expressions/compile-condition.js';
import { compileUpdate, overlappingPaths } from '../../expressions/compile-update.js';
import { resolveCondition, type ConditionInput } from '../../expressions/condition-builder.js';
import type { ConditionNode } from '../../expressions/condition-node.js';
import { ExpressionContext } from '../../expressions/expression-context.js';
import { resolveUpdate, type UpdateInput } from '../../expressions/update-builder.js';
import { allConditions, bothConditions, eitherCondition, entityTypeIs, itemNotExists } from '../../expressions/item-conditions.js';
import { ifNotExistsOperand, setAction, valueOperand, type UpdateAction, type UpdateOperand } from '../../expressions/update-node.js';
import { checkEntityUpdate } from '../../limits/update-size.js';
import { compressAttributeValue } from '../../schema/compression.js';
import { isOptional, kindOf } from '../../schema/zod-def.js';
import { newGuard, NO_GUARD, prepareUpdateExtensions } from '../../model/apply-extensions.js';
import type { ExpiryInput } from '../../model/expiry.js';
import type { UpdateCall, WriteCallOptions, WriteGuard } from '../../model/write-extension.js';
import type { RetryPolicy } from '../../request/retry-policy.js';
import { planUpdate, toStorage } from './update-plan.js';
import type { RouteOption } from '../../request/route-option.js';

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
export interface UpdateOptions<T> extends UpdateOpOptions<T>, RouteOption, CapacityOption {
  /**
   * Resends by tablewright itself when the SDK gives up on a transient error
   * (lost connection, timeout, 5xx, throttling; its retries or its retry
   * quota spent), for writes a resend cannot harm: those carrying a write
   * token (creates, version-locked writes, conditional updates), version-locked
   * deletes, unconditional puts and deletes. Default 4 sends within 10 s,
   * backoff 25 ms–1 s; `{ maxAttempts: 1 }` turns it off. The same options batches take.
   */
  readonly retry?: RetryPolicy | undefined;
  /**
   * `'ALL_NEW'` returns the whole item after the update (parsed by the schema),
   * `'ALL_OLD'` the item before it, `'UPDATED_NEW'` / `'UPDATED_OLD'` only the
   * changed attributes (a `Partial`). Default `'NONE'`. When a lost response
   * was resent and recognised by its write token, `'ALL_NEW'` is the item
   * DynamoDB returned with the failed resend; the other modes return `undefined`.
   */
  readonly returnValues?: UpdateReturnValues | undefined;
  /**
   * When the update changes part of an index key (say `status` of a GSI key
   * built from `status` and `placedAt`) without the other attributes of that
   * key, read them first (a consistent read of just those attributes, one
   * more request) instead of failing with `KeyError`. The write sets them
   * to the values read and requires that they still hold them; if another
   * writer changed one meanwhile, the read and the write are repeated, at
   * most 3 times in all, then `ConditionFailedError` says so. Attributes the
   * update changes itself (add, increment) cannot be read: still `KeyError`.
   * Not for `updateOp` (a transaction cannot read first). Default `false`.
   */
  readonly readMissingKeyAttributes?: boolean | undefined;
  readonly abortSignal?: AbortSignal | undefined;
}

/** A built UpdateItem request. @internal */
export interface PreparedUpdate {
  readonly input: UpdateItemCommandInput;
  readonly key: Record<string, unknown>;
  /** Every value the update writes, as stored, with its path (for size checks). */
  readonly assignments: readonly { readonly path: readonly (string | number)[]; readonly value: unknown }[];
  /** What the write extensions recorded, to read a condition failure with. */
  readonly guard: WriteGuard;
  /** The table clock's reading the request was built with. */
  readonly now: number;
}

/** What the caller and the write extensions add to an update. @internal */
export interface UpdateExtras extends WriteCallOptions {
  /** A condition already resolved to a node. */
  readonly condition?: ConditionNode | undefined;
  /** The caller's condition, resolved after the extensions ran. */
  readonly userCondition?: ConditionInput<unknown> | undefined;
  /** `SET name = value` for top-level attributes, values in schema form (Dates…). */
  readonly set?: Readonly<Record<string, unknown>> | undefined;
  /** `SET name = if_not_exists(name, value)`, values in schema form. */
  readonly setIfNotExists?: Readonly<Record<string, unknown>> | undefined;
  /** Further actions (already in stored form). */
  readonly actions?: readonly UpdateAction[] | undefined;
  /** Inside a transaction (no per-call write token). */
  readonly transactional?: boolean | undefined;
  /** The table clock's reading for this call (default: read it). */
  readonly now?: number | undefined;
}

/**
 * Folds the write extensions in, validates the changes, derives index keys
 * and compiles the request. Pure: no I/O.
 * @internal
 */
export function prepareUpdate(
  model: EntityModel,
  key: Readonly<Record<string, unknown>>,
  changes: UpdateInput<unknown>,
  options: UpdateExtras = {},
): PreparedUpdate {
  const Key = primaryKey(model, key);
  const keyVals = keyValues(model, key);
  const now = options.now ?? model.table.clock();
  const guard = model.extensions.length === 0 ? NO_GUARD : newGuard();
  const call: UpdateCall = {
    model,
    key: keyVals,
    transactional: options.transactional === true,
    options,
    conditional: options.userCondition !== undefined || options.condition !== undefined,
    now,
    guard,
    conditions: [],
    live: [],
    set: options.set ? { ...options.set } : {},
    setIfNotExists: options.setIfNotExists ? { ...options.setIfNotExists } : {},
    actions: options.actions ? [...options.actions] : [],
  };
  const extensions = model.extensions;
  if (extensions.length > 0) prepareUpdateExtensions(call);
  const userCondition = options.userCondition && resolveCondition(options.userCondition, model);
  const plan = planUpdate(model, keyVals, resolveUpdate(changes));
  const planned: UpdateAction[] = [];
  for (const e of extensions) {
    const more = e.plannedUpdate?.(call, plan.assigned);
    if (more) for (const action of more) planned.push(action);
  }
  // The plan's own array, extended in place (it is this call's): plan, bookkeeping, extension actions, planned.
  const actions = plan.actions;
  extraActions(model, call, actions);
  for (const action of call.actions) actions.push(action);
  for (const action of planned) actions.push(action);
  const ctx = new ExpressionContext();
  // Equality on the entity type implies the item exists, and refuses another entity's item under the same key.
  const live = call.live.length === 0 ? entityTypeCondition(model) : allConditions([entityTypeCondition(model), ...call.live])!;
  let guardCondition: ConditionNode;
  if (options.upsert) {
    actions.push(...upsertActions(model, keyVals, plan.assigned));
    guardCondition = eitherCondition(itemNotExists(model.primary.partitionKeyAttribute), live);
  } else {
    guardCondition = live;
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
  checkEntityUpdate(model, keyVals, written, Key);
  const extra =
    call.conditions.length === 0 && options.condition === undefined ? userCondition : allConditions([...call.conditions, userCondition, options.condition]);
  const input: UpdateItemCommandInput = {
    TableName: model.table.name,
    Key,
    UpdateExpression: compileUpdate(actions, ctx),
    ConditionExpression: compileCondition(extra ? bothConditions(guardCondition, extra) : guardCondition, ctx),
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
  ctx.addTo(input);
  return { input, key: keyVals, assignments: written, guard, now };
}

/** The entity-type condition of a model's updates (the same node every call; compiled per request). */
const entityTypeConditions = new WeakMap<EntityModel, ConditionNode>();
function entityTypeCondition(model: EntityModel): ConditionNode {
  let node = entityTypeConditions.get(model);
  if (node === undefined) entityTypeConditions.set(model, (node = entityTypeIs(model.table.entityTypeAttribute, [model.name])));
  return node;
}

/** Bookkeeping attributes set by other features, appended to `out`; they are not user changes, so not validated as such. */
function extraActions(model: EntityModel, extras: Pick<UpdateCall, 'set' | 'setIfNotExists'>, out: UpdateAction[]): void {
  for (const name of Object.keys(extras.set)) out.push(setAction([name], valueOperand(bookkeepingValue(model, name, extras.set[name]))));
  for (const name of Object.keys(extras.setIfNotExists)) {
    out.push(setAction([name], ifNotExistsOperand([name], valueOperand(bookkeepingValue(model, name, extras.setIfNotExists[name])))));
  }
}

/** A bookkeeping value in stored form: by its schema attribute's converter (cached per schema), else a Date as ISO text. */
function bookkeepingValue(model: EntityModel, name: string, value: unknown): unknown {
  const schema = model.shape[name];
  return schema ? toStorage(schema, value) : value instanceof Date ? value.toISOString() : value;
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
  for (const attribute of model.primaryAttributes) out.push(set([attribute], toStorage(model.shape[attribute]!, key[attribute])));
  for (const [attribute, schema] of Object.entries(model.shape)) {
    if (model.primaryAttributes.has(attribute) || assigned.has(attribute)) continue;
    if (isOptional(schema)) continue;
    const absent = schema.safeParse(undefined);
    if (absent.success) {
      // Defaulted (or a set, read back as empty): fill the default only when the item has no value yet.
      if (absent.data === undefined || (absent.data instanceof Set && absent.data.size === 0)) continue;
      const algorithm = model.compressed.get(attribute);
      let value = toStorage(schema, absent.data);
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

