import { ConditionFailedError } from '../../errors.js';
import type { ConditionNode } from '../../expressions/condition-node.js';
import type { UpdateInput } from '../../expressions/update-builder.js';
import { interpretConditionFailure } from '../../model/apply-extensions.js';
import type { EntityModel } from '../../model/entity-model.js';
import { isExpiredItem } from '../../model/expiry.js';
import { readNativeItem, readPartialItem, readReturnedItem } from '../../model/item-reader.js';
import { send, type SendContext } from '../../request/send.js';
import { sendWrite } from '../../request/send-write.js';
import { returnsItemOnConditionFailure } from '../../transport/transport.js';
import { prepareUpdate, type PreparedUpdate, type UpdateOpOptions, type UpdateOptions } from './update-request.js';

/**
 * Builds the UpdateItem request of one call, the write extensions folded in
 * (versioning, timestamps, the write token, TTL). `transactional`: no
 * per-call write token (the transaction's ClientRequestToken covers resends).
 * Pure: no I/O.
 * @internal
 */
export function prepareGuardedUpdate(
  model: EntityModel,
  key: Readonly<Record<string, unknown>>,
  changes: UpdateInput<unknown>,
  options: UpdateOpOptions<unknown>,
  transactional: boolean,
  condition?: ConditionNode,
): PreparedUpdate {
  return prepareUpdate(model, key, changes, {
    condition,
    userCondition: options.condition,
    upsert: options.upsert,
    expectedVersion: options.expectedVersion,
    expiresAt: options.expiresAt,
    includeExpired: options.includeExpired,
    transactional,
  });
}

/** @internal */
export async function updateItem(
  model: EntityModel,
  key: Readonly<Record<string, unknown>>,
  changes: UpdateInput<unknown>,
  options: UpdateOptions<unknown> = {},
  retriedExpired = false,
  condition?: ConditionNode,
): Promise<unknown> {
  const prepared = prepareGuardedUpdate(model, key, changes, options, false, condition);
  const returnValues = options.returnValues ?? 'NONE';
  if (returnValues !== 'NONE') prepared.input.ReturnValues = returnValues;
  const context = { entity: model.name, key: prepared.key, abortSignal: options.abortSignal, route: options.route, capacity: options.returnConsumedCapacity };
  const token = prepared.guard.token;
  const sent = await sendWrite(model.table, 'UpdateItem', prepared.input, context, { kind: 'update', resendable: token !== undefined, token, retry: options.retry });
  if (!sent.ok) return updateFailed(model, key, changes, options, retriedExpired, condition, prepared, context, sent);
  const output = sent.output;
  if (!output.Attributes) return undefined;
  if (returnValues === 'ALL_NEW' || returnValues === 'ALL_OLD') return readReturnedItem(model, output.Attributes);
  return readPartialItem(model, output.Attributes);
}

/**
 * A failed condition of {@link updateItem}: an earlier send applied, an
 * expired leftover replaced, a missing item, or the error. Its own function
 * so the common path's suspended frame stays small.
 */
async function updateFailed(
  model: EntityModel,
  key: Readonly<Record<string, unknown>>,
  changes: UpdateInput<unknown>,
  options: UpdateOptions<unknown>,
  retriedExpired: boolean,
  condition: ConditionNode | undefined,
  prepared: PreparedUpdate,
  context: SendContext,
  sent: { readonly error: ConditionFailedError; readonly attempts: number | undefined },
): Promise<unknown> {
  const returnValues = options.returnValues ?? 'NONE';
  const mapped = sent.error;
  const current = mapped.item;
  const first = interpretConditionFailure(model, prepared.guard, mapped, 'update', sent.attempts);
  // An SDK resend of this very call, applied the first time.
  if (first === 'applied') return returnValues === 'ALL_NEW' && current ? readNativeItem(model, current) : undefined;
  const expired = current !== undefined && !options.includeExpired && isExpiredItem(model.table.ttlAttribute, current, prepared.now);
  if (expired && options.upsert && !prepared.guard.versioned && !retriedExpired && current[model.table.entityTypeAttribute] === model.name) {
    // Expired but not yet deleted: remove the leftover as TTL would (only if unchanged) and create afresh.
    if (await deleteExpiredLeftover(model, prepared, current, context)) return updateItem(model, key, changes, options, true, condition);
  }
  // An expired item counts as missing, like on reads.
  const seen = expired ? new ConditionFailedError({ entity: model.name, key: prepared.key, cause: mapped.cause }) : mapped;
  const outcome = seen === mapped ? first : interpretConditionFailure(model, prepared.guard, seen, 'update', sent.attempts);
  if (outcome === 'applied') return undefined;
  if (outcome === seen && seen.item === undefined && !options.upsert && returnsItemOnConditionFailure(model.table.transport)) {
    throw new ConditionFailedError({
      entity: model.name,
      key: prepared.key,
      message: `${model.name} ${JSON.stringify(prepared.key)}: no such item to update${expired ? ' (it has expired)' : ''} (pass upsert: true to create it)`,
      cause: mapped.cause,
    });
  }
  throw outcome;
}

/** Deletes an expired item if its TTL value is still the one seen; false when it changed meanwhile. */
async function deleteExpiredLeftover(
  model: EntityModel,
  prepared: PreparedUpdate,
  current: Record<string, unknown>,
  context: SendContext,
): Promise<boolean> {
  const ttl = model.table.ttlAttribute!;
  try {
    await send(
      model.table,
      'DeleteItem',
      {
        TableName: model.table.name,
        Key: prepared.input.Key,
        ConditionExpression: '#t = :t',
        ExpressionAttributeNames: { '#t': ttl },
        ExpressionAttributeValues: { ':t': { N: String(current[ttl]) } },
      },
      context,
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}
