import type { DeleteItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { EntityModel } from '../entity/entity-model.js';
import { fromStoredItem, keyValues, primaryKey } from '../entity/item-codec.js';
import { compileCondition } from '../expressions/compile-condition.js';
import { resolveCondition, type ConditionInput } from '../expressions/condition-builder.js';
import type { ConditionNode } from '../expressions/condition-node.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { unmarshallItem } from '../marshalling/marshall.js';
import { mapAwsError } from './map-error.js';

/** Options of `Entity.delete`. */
export interface DeleteOptions<T> {
  /** Delete only if this holds for the stored item. */
  readonly condition?: ConditionInput<T>;
  /** `'ALL_OLD'` returns the deleted item. */
  readonly returnValues?: 'NONE' | 'ALL_OLD';
  readonly abortSignal?: AbortSignal;
}

/** Builds a DeleteItem request. No I/O. @internal */
export function prepareDelete(
  model: EntityModel,
  key: Readonly<Record<string, unknown>>,
  condition: ConditionNode | undefined,
): DeleteItemCommandInput {
  const input: DeleteItemCommandInput = { TableName: model.table.name, Key: primaryKey(model, key) };
  if (condition) {
    const ctx = new ExpressionContext();
    input.ConditionExpression = compileCondition(condition, ctx);
    Object.assign(input, ctx.toRequest());
    input.ReturnValuesOnConditionCheckFailure = 'ALL_OLD';
  }
  return input;
}

/** @internal */
export async function deleteItem(model: EntityModel, key: Readonly<Record<string, unknown>>, options: DeleteOptions<unknown> = {}) {
  const input = prepareDelete(model, key, options.condition && resolveCondition(options.condition));
  if (options.returnValues === 'ALL_OLD') input.ReturnValues = 'ALL_OLD';
  let output;
  try {
    output = await model.table.transport.send('DeleteItem', input, options.abortSignal && { abortSignal: options.abortSignal });
  } catch (error) {
    throw mapAwsError(error, { entity: model.name, table: model.table.name, key: keyValues(model, key) });
  }
  return output.Attributes ? fromStoredItem(model, unmarshallItem(output.Attributes)) : undefined;
}
