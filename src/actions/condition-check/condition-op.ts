import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { compileCondition } from '../../expressions/compile-condition.js';
import { resolveCondition, type ConditionInput } from '../../expressions/condition-builder.js';
import { ExpressionContext } from '../../expressions/expression-context.js';
import { NO_GUARD } from '../../model/apply-extensions.js';
import type { EntityModel } from '../../model/entity-model.js';
import { keyValues, primaryKey } from '../../model/item-codec.js';
import { entityWriteOperation } from '../../request/entity-write-operation.js';
import type { WriteOperation } from '../../request/write-operation.js';

/** A ConditionCheck for `transactWrite`: the transaction fails unless it holds. Pure: no I/O. @internal */
export function conditionOperation<T>(model: EntityModel, key: Readonly<Record<string, unknown>>, condition: ConditionInput<T>): WriteOperation<T> {
  const ctx = new ExpressionContext();
  const Key: Record<string, AttributeValue> = primaryKey(model, key);
  const expression = compileCondition(resolveCondition(condition as ConditionInput<unknown>, model), ctx);
  return entityWriteOperation<T>({
    model,
    kind: 'condition',
    key: keyValues(model, key),
    request: {
      ConditionCheck: { TableName: model.table.name, Key, ConditionExpression: expression, ...ctx.toRequest(), ReturnValuesOnConditionCheckFailure: 'ALL_OLD' },
    },
    stored: Key,
    guard: NO_GUARD,
  });
}
