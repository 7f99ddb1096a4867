import type { PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { EntityModel } from '../entity/entity-model.js';
import { fromStoredItem, keyValues, parseInput, toStoredItem, type WriteExtras } from '../entity/item-codec.js';
import { compileCondition } from '../expressions/compile-condition.js';
import { resolveCondition, type ConditionInput } from '../expressions/condition-builder.js';
import type { ConditionNode } from '../expressions/condition-node.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { guardPut, interpretConditionFailure, type WriteGuard } from '../locking/write-guard.js';
import { WRITE_TOKEN_ATTRIBUTE } from '../locking/write-token.js';
import { ConditionFailedError } from '../errors.js';
import { marshallItem, unmarshallItem } from '../marshalling/marshall.js';
import type { ExpiryInput } from '../ttl/ttl-value.js';
import { assertStoredItemFits } from '../limits/stored-item-size.js';
import { mapAwsError } from './map-error.js';

/** Options of `Entity.put`. */
export interface PutOptions<T> {
  /** Write only if this holds for the item currently stored under the key. */
  readonly condition?: ConditionInput<T> | undefined;
  /** `'ALL_OLD'` returns the item that was replaced. */
  readonly returnValues?: 'NONE' | 'ALL_OLD' | undefined;
  /** When this item expires (overrides the entity's `ttl` rule); `null` for never. */
  readonly expiresAt?: ExpiryInput | null | undefined;
  readonly abortSignal?: AbortSignal | undefined;
}

/** The request a put sends, built without sending (transactions and batches reuse it). @internal */
export interface PreparedPut {
  readonly input: PutItemCommandInput;
  readonly parsed: Record<string, unknown>;
  readonly key: Record<string, unknown>;
  /** Version/timestamp/write-token bookkeeping of this put. */
  readonly guard: WriteGuard;
}

/** How a put is prepared. @internal */
export interface PutFlags extends WriteExtras {
  /** The caller requires that the item does not exist (`extra` carries that condition). */
  readonly create?: boolean | undefined;
  /**
   * Store a per-call write token for creates and version-locked puts (default
   * true). Transactions turn it off: their ClientRequestToken already makes
   * resends safe, and a fresh token per call would break that idempotency.
   */
  readonly writeToken?: boolean | undefined;
}

/** Validates, builds keys and compiles the condition. No I/O. @internal */
export function preparePut(
  model: EntityModel,
  item: unknown,
  condition: ConditionNode | undefined,
  extra?: ConditionNode,
  flags: PutFlags = {},
): PreparedPut {
  const parsed = parseInput(model, item);
  const guard = guardPut(model, parsed, flags.create === true, flags.writeToken !== false);
  const stored = toStoredItem(model, parsed, flags);
  if (guard.token !== undefined) stored[WRITE_TOKEN_ATTRIBUTE] = guard.token;
  // Size and value limits (ItemTooLargeError / ValidationError) before anything is sent.
  assertStoredItemFits(model.table, model.name, stored, keyValues(model, parsed));
  const input: PutItemCommandInput = { TableName: model.table.name, Item: marshallItem(stored) };
  const all = [condition, extra, guard.condition].filter((c): c is ConditionNode => c !== undefined);
  if (all.length > 0) {
    const ctx = new ExpressionContext();
    input.ConditionExpression = compileCondition(all.length === 1 ? all[0]! : { kind: 'and', conditions: all }, ctx);
    Object.assign(input, ctx.toRequest());
    // Free of charge, and lets ConditionFailedError carry the current item.
    input.ReturnValuesOnConditionCheckFailure = 'ALL_OLD';
  }
  return { input, parsed, key: keyValues(model, parsed), guard };
}

/** @internal */
export async function putItem(model: EntityModel, item: unknown, options: PutOptions<unknown> = {}, extra?: ConditionNode, create = false) {
  const prepared = preparePut(model, item, options.condition && resolveCondition(options.condition, model), extra, {
    create,
    expiresAt: options.expiresAt,
  });
  if (options.returnValues === 'ALL_OLD') prepared.input.ReturnValues = 'ALL_OLD';
  let output;
  try {
    output = await model.table.transport.send('PutItem', prepared.input, options.abortSignal && { abortSignal: options.abortSignal });
  } catch (error) {
    const mapped = mapAwsError(error, { entity: model.name, table: model.table.name, key: prepared.key });
    if (!(mapped instanceof ConditionFailedError)) throw mapped;
    const outcome = interpretConditionFailure(model, prepared.guard, mapped, 'put');
    if (outcome !== 'applied') throw outcome;
    return { item: prepared.parsed, previous: undefined };
  }
  const previous = output.Attributes ? fromStoredItem(model, unmarshallItem(output.Attributes)) : undefined;
  return { item: prepared.parsed, previous };
}

/** `attribute_not_exists(<partition key>)`: the item must not exist yet. @internal */
export function notExistsCondition(model: EntityModel): ConditionNode {
  return { kind: 'exists', path: [model.primary.partitionKeyAttribute], negated: true };
}

/** `attribute_exists(<partition key>)`: the item must exist. @internal */
export function existsCondition(model: EntityModel): ConditionNode {
  return { kind: 'exists', path: [model.primary.partitionKeyAttribute], negated: false };
}
