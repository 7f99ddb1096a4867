import { resolveCondition, type ConditionInput } from '../../expressions/condition-builder.js';
import { itemNotExists } from '../../expressions/item-conditions.js';
import type { EntityModel } from '../../model/entity-model.js';
import { entityCancellation } from '../../request/entity-cancellation.js';
import { entityItemIdentity } from '../../request/item-identity.js';
import type { WriteOperation } from '../../request/write-operation.js';
import { preparePut } from './put-request.js';

/** Options of `Entity.putOp`. */
export interface PutOpOptions<T> {
  readonly condition?: ConditionInput<T> | undefined;
  /** `true`: the item must not exist yet (like `Entity.create`). */
  readonly create?: boolean | undefined;
}

/** A put for `transactWrite`/`batchWrite`, built now. Pure: no I/O. @internal */
export function putOperation<T>(model: EntityModel, item: unknown, options: PutOpOptions<T> = {}): WriteOperation<T> {
  const condition = options.condition && resolveCondition(options.condition as ConditionInput<unknown>, model);
  const notExists = options.create ? itemNotExists(model.primary.partitionKeyAttribute) : undefined;
  const prepared = preparePut(model, item, condition, notExists, { create: options.create === true, transactional: true });
  const { input } = prepared;
  return {
    kind: 'put',
    entity: model.name,
    key: prepared.key,
    item: prepared.parsed as T,
    request: {
      Put: {
        TableName: input.TableName,
        Item: input.Item,
        ConditionExpression: input.ConditionExpression,
        ExpressionAttributeNames: input.ExpressionAttributeNames,
        ExpressionAttributeValues: input.ExpressionAttributeValues,
        ReturnValuesOnConditionCheckFailure: input.ReturnValuesOnConditionCheckFailure,
      },
    },
    model,
    guard: prepared.guard,
    identity: entityItemIdentity(model, input.Item!),
    table: model.table,
    interpretCancellation: entityCancellation,
  };
}
