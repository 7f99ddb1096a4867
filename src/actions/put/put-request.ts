import type { PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import { compileCondition } from '../../expressions/compile-condition.js';
import type { ConditionNode } from '../../expressions/condition-node.js';
import { ExpressionContext } from '../../expressions/expression-context.js';
import { allConditions } from '../../expressions/item-conditions.js';
import { marshallFittingItem } from '../../limits/stored-item-size.js';
import { newGuard, NO_GUARD, preparePutExtensions, storeItemExtensions, storePutExtensions } from '../../model/apply-extensions.js';
import type { EntityModel } from '../../model/entity-model.js';
import { keyValues, parseInput, toStoredItem } from '../../model/item-codec.js';
import type { WriteCallOptions, WriteGuard } from '../../model/write-extension.js';

/** The request a put sends, built without sending (transactions and batches reuse it). @internal */
export interface PreparedPut {
  readonly input: PutItemCommandInput;
  readonly parsed: Record<string, unknown>;
  readonly key: Record<string, unknown>;
  /** What the write extensions recorded, to read a condition failure with. */
  readonly guard: WriteGuard;
}

/** How a put is prepared. @internal */
export interface PutFlags extends WriteCallOptions {
  /** The caller requires that the item does not exist (`extra` carries that condition). */
  readonly create?: boolean | undefined;
  /** Inside a transaction (no per-call write token: the ClientRequestToken makes resends safe). */
  readonly transactional?: boolean | undefined;
}

const NO_FLAGS: PutFlags = Object.freeze({});

/**
 * Validates, folds the write extensions in, builds keys, checks sizes and
 * compiles the condition. Pure: no I/O.
 * @internal
 */
export function preparePut(
  model: EntityModel,
  item: unknown,
  condition: ConditionNode | undefined,
  extra?: ConditionNode,
  flags: PutFlags = NO_FLAGS,
): PreparedPut {
  const parsed = parseInput(model, item);
  let guard = NO_GUARD;
  let stored: Record<string, unknown>;
  let added: readonly ConditionNode[] = [];
  if (model.extensions.length === 0) {
    stored = toStoredItem(model, parsed);
  } else {
    guard = newGuard();
    const call = {
      model,
      parsed,
      create: flags.create === true,
      transactional: flags.transactional === true,
      options: flags,
      now: model.table.clock(),
      guard,
      conditions: [],
    };
    preparePutExtensions(call);
    stored = toStoredItem(model, parsed);
    storeItemExtensions(call, stored);
    storePutExtensions(call, stored);
    added = call.conditions;
  }
  // Size and value limits (ItemTooLargeError / ValidationError) before anything is sent.
  const key = keyValues(model, parsed);
  const input: PutItemCommandInput = { TableName: model.table.name, Item: marshallFittingItem(model.table, model.name, stored, key) };
  const all = extra === undefined && added.length === 0 ? condition : allConditions([condition, extra, ...added]);
  if (all) {
    const ctx = new ExpressionContext();
    input.ConditionExpression = compileCondition(all, ctx);
    ctx.addTo(input);
    // Free of charge, and lets ConditionFailedError carry the current item.
    input.ReturnValuesOnConditionCheckFailure = 'ALL_OLD';
  }
  return { input, parsed, key, guard };
}

/**
 * The item exactly as a put would store it (keys, entity type, derived
 * attributes such as the TTL), without per-call bookkeeping. Pure.
 * @internal
 */
export function storedForm(model: EntityModel, parsed: Record<string, unknown>, options: WriteCallOptions = NO_FLAGS): Record<string, unknown> {
  const stored = toStoredItem(model, parsed);
  if (model.extensions.length > 0) storeItemExtensions({ model, parsed, options, now: model.table.clock() }, stored);
  return stored;
}
