import type { DeleteItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { EntityModel } from '../entity/entity-model.js';
import { fromStoredItem, keyValues, primaryKey } from '../entity/item-codec.js';
import { compileCondition } from '../expressions/compile-condition.js';
import { resolveCondition, type ConditionInput } from '../expressions/condition-builder.js';
import type { ConditionNode } from '../expressions/condition-node.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { ConditionFailedError } from '../errors.js';
import { guardDelete, interpretConditionFailure } from '../locking/write-guard.js';
import { unmarshallItem } from '../marshalling/marshall.js';
import { mapAwsError } from './map-error.js';

/** Options of `Entity.delete`. */
export interface DeleteOptions<T> {
  /** Delete only if this holds for the stored item. */
  readonly condition?: ConditionInput<T> | undefined;
  /** `'ALL_OLD'` returns the deleted item. */
  readonly returnValues?: 'NONE' | 'ALL_OLD' | undefined;
  readonly abortSignal?: AbortSignal | undefined;
  /**
   * Version-locked entities: the version the caller read. The delete fails
   * with `VersionConflictError` if another version is stored. `'any'` skips the check.
   */
  readonly expectedVersion?: number | 'any' | undefined;
}

/** Builds a DeleteItem request. No I/O. @internal */
export function prepareDelete(
  model: EntityModel,
  key: Readonly<Record<string, unknown>>,
  condition: ConditionNode | undefined,
  guardCondition?: ConditionNode,
): DeleteItemCommandInput {
  const input: DeleteItemCommandInput = { TableName: model.table.name, Key: primaryKey(model, key) };
  const all = [condition, guardCondition].filter((c): c is ConditionNode => c !== undefined);
  if (all.length > 0) {
    const ctx = new ExpressionContext();
    input.ConditionExpression = compileCondition(all.length === 1 ? all[0]! : { kind: 'and', conditions: all }, ctx);
    Object.assign(input, ctx.toRequest());
    input.ReturnValuesOnConditionCheckFailure = 'ALL_OLD';
  }
  return input;
}

/** @internal */
export async function deleteItem(model: EntityModel, key: Readonly<Record<string, unknown>>, options: DeleteOptions<unknown> = {}) {
  const guard = guardDelete(model, options.expectedVersion);
  const input = prepareDelete(model, key, options.condition && resolveCondition(options.condition, model), guard.condition);
  if (options.returnValues === 'ALL_OLD') input.ReturnValues = 'ALL_OLD';
  let output;
  try {
    output = await model.table.transport.send('DeleteItem', input, options.abortSignal && { abortSignal: options.abortSignal });
  } catch (error) {
    const mapped = mapAwsError(error, { entity: model.name, table: model.table.name, key: keyValues(model, key) });
    if (!(mapped instanceof ConditionFailedError)) throw mapped;
    const outcome = interpretConditionFailure(model, guard, mapped, 'delete');
    if (outcome !== 'applied') throw outcome;
    return undefined;
  }
  return output.Attributes ? fromStoredItem(model, unmarshallItem(output.Attributes)) : undefined;
}
