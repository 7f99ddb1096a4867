import type { EntityModel } from '../entity/entity-model.js';
import { fromStoredItem } from '../entity/item-codec.js';
import { ConditionFailedError } from '../errors.js';
import { resolveCondition } from '../expressions/condition-builder.js';
import type { ConditionNode } from '../expressions/condition-node.js';
import type { UpdateInput } from '../expressions/update-builder.js';
import { setAction, valueOperand, type UpdateAction } from '../expressions/update-node.js';
import { guardUpdate, interpretConditionFailure, type WriteGuard } from '../locking/write-guard.js';
import { carriesWriteToken, newWriteToken, WRITE_TOKEN_ATTRIBUTE } from '../locking/write-token.js';
import { unmarshallItem } from '../marshalling/marshall.js';
import { isExpired } from '../ttl/ttl-model.js';
import { mapAwsError } from './map-error.js';
import { prepareUpdate, type PreparedUpdate, type UpdateOpOptions, type UpdateOptions } from './update.js';

/**
 * `Entity.update` / `Entity.updateOp` with everything the other features add:
 * optimistic locking, timestamps, the write token, TTL. The request building
 * itself is {@link prepareUpdate}.
 * @internal
 */

/** A prepared update and the guard that interprets its condition failures. @internal */
export interface GuardedUpdate extends PreparedUpdate {
  readonly guard: WriteGuard;
  /** The table clock's reading the request was built with. */
  readonly now: number;
}

/**
 * Builds the UpdateItem request of one call. `writeToken`: store a per-call
 * token (version-locked and conditional updates) so that an SDK resend of an
 * applied update is recognised; transactions pass `false` (their
 * ClientRequestToken covers resends).
 * @internal
 */
export function prepareGuardedUpdate(
  model: EntityModel,
  key: Readonly<Record<string, unknown>>,
  changes: UpdateInput<unknown>,
  options: UpdateOpOptions<unknown>,
  writeToken: boolean,
): GuardedUpdate {
  const now = model.table.clock();
  const locking = guardUpdate(model, { expectedVersion: options.expectedVersion, writeToken });
  let guard = locking.guard;
  const set: Record<string, unknown> = { ...locking.set };
  const condition = options.condition && resolveCondition(options.condition, model);
  if (writeToken && guard.token === undefined && condition) {
    // A resend of an applied conditional update may fail its own condition (e.g. status 'open' → 'closed').
    const token = newWriteToken();
    set[WRITE_TOKEN_ATTRIBUTE] = token;
    guard = { ...guard, token };
  }
  const actions: UpdateAction[] = [];
  if (model.version && options.expectedVersion === 'any') actions.push(versionIncrement(model.version.attribute));
  const conditions = [guard.condition, condition].filter((c): c is ConditionNode => c !== undefined);
  const prepared = prepareUpdate(model, key, changes, {
    condition: conditions.length === 0 ? undefined : conditions.length === 1 ? conditions[0] : { kind: 'and', conditions },
    upsert: options.upsert,
    set,
    setIfNotExists: locking.setIfNotExists,
    actions,
    expiresAt: options.expiresAt,
    includeExpired: options.includeExpired,
    now,
  });
  return { ...prepared, guard, now };
}

/** `SET version = if_not_exists(version, 0) + 1`: unchecked, but still invalidates what others read. */
function versionIncrement(attribute: string): UpdateAction {
  return setAction([attribute], {
    kind: 'arithmetic',
    op: '+',
    left: { kind: 'ifNotExists', path: [attribute], fallback: valueOperand(0) },
    right: valueOperand(1),
  });
}

/** @internal */
export async function updateItem(
  model: EntityModel,
  key: Readonly<Record<string, unknown>>,
  changes: UpdateInput<unknown>,
  options: UpdateOptions<unknown> = {},
  retriedExpired = false,
): Promise<unknown> {
  const prepared = prepareGuardedUpdate(model, key, changes, options, true);
  const returnValues = options.returnValues ?? 'NONE';
  if (returnValues !== 'NONE') prepared.input.ReturnValues = returnValues;
  const send = options.abortSignal && { abortSignal: options.abortSignal };
  let output;
  try {
    output = await model.table.transport.send('UpdateItem', prepared.input, send);
  } catch (error) {
    const mapped = mapAwsError(error, { entity: model.name, table: model.table.name, key: prepared.key });
    if (!(mapped instanceof ConditionFailedError)) throw mapped;
    const current = mapped.item;
    // An SDK resend of this very call, applied the first time.
    if (carriesWriteToken(current, prepared.guard.token)) {
      return returnValues === 'ALL_NEW' && current ? fromStoredItem(model, current) : undefined;
    }
    const expired = current !== undefined && !options.includeExpired && isExpired(model.ttl, current, prepared.now);
    if (expired && options.upsert && !prepared.guard.versioned && !retriedExpired && current[model.table.entityTypeAttribute] === model.name) {
      // Expired but not yet deleted: remove the leftover as TTL would (only if unchanged) and create afresh.
      if (await deleteExpiredLeftover(model, prepared, current, send)) return updateItem(model, key, changes, options, true);
    }
    // An expired item counts as missing, like on reads.
    const seen = expired ? new ConditionFailedError({ entity: model.name, key: prepared.key, cause: error }) : mapped;
    const outcome = interpretConditionFailure(model, prepared.guard, seen, 'update');
    if (outcome === 'applied') return undefined;
    if (outcome === seen && seen.item === undefined && !options.upsert) {
      throw new ConditionFailedError({
        entity: model.name,
        key: prepared.key,
        message: `${model.name} ${JSON.stringify(prepared.key)}: no such item to update${expired ? ' (it has expired)' : ''} (pass upsert: true to create it)`,
        cause: error,
      });
    }
    throw outcome;
  }
  if (!output.Attributes) return undefined;
  const raw = unmarshallItem(output.Attributes);
  if (returnValues === 'ALL_NEW' || returnValues === 'ALL_OLD') return fromStoredItem(model, raw);
  return partialFromStorage(model, raw);
}

/** Deletes an expired item if its TTL value is still the one seen; false when it changed meanwhile. */
async function deleteExpiredLeftover(
  model: EntityModel,
  prepared: GuardedUpdate,
  current: Record<string, unknown>,
  send: { abortSignal: AbortSignal } | undefined,
): Promise<boolean> {
  const ttl = model.ttl!.attribute;
  try {
    await model.table.transport.send(
      'DeleteItem',
      {
        TableName: model.table.name,
        Key: prepared.input.Key,
        ConditionExpression: '#t = :t',
        ExpressionAttributeNames: { '#t': ttl },
        ExpressionAttributeValues: { ':t': { N: String(current[ttl]) } },
      },
      send,
    );
    return true;
  } catch (error) {
    const mapped = mapAwsError(error, { entity: model.name, table: model.table.name, key: prepared.key });
    if (mapped instanceof ConditionFailedError) return false;
    throw mapped;
  }
}

/** UPDATED_NEW / UPDATED_OLD: only the changed attributes, converted (dates) but not schema-checked. */
function partialFromStorage(model: EntityModel, raw: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name in raw) if (!model.generatedAttributes.has(name)) input[name] = raw[name];
  const converted = (model.fromStorage ? model.fromStorage(input) : input) as Record<string, unknown>;
  // The read converter fills absent sets with empty ones: keep only what DynamoDB returned.
  const out: Record<string, unknown> = {};
  for (const name in input) out[name] = converted[name];
  return out;
}
