import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { compileCondition } from '../../expressions/compile-condition.js';
import { resolveCondition, type ConditionInput } from '../../expressions/condition-builder.js';
import { ExpressionContext } from '../../expressions/expression-context.js';
import { NO_GUARD } from '../../model/apply-extensions.js';
import type { EntityModel } from '../../model/entity-model.js';
import { keyValues, primaryKey } from '../../model/item-codec.js';
import { entityCancellation } from '../../request/entity-cancellation.js';
import { entityItemIdentity } from '../../request/item-identity.js';
import type { WriteOperation } from '../../request/write-operation.js';

/** A ConditionCheck for `transactWrite`: the transaction fails unless it holds. Pure: no I/O. @internal */
export function conditionOperation<T>(model: EntityModel, key: Readonly<Record<string, unknown>>, condition: ConditionInput<T>): WriteOperation<T> {
  const ctx = new ExpressionContext();
  const Key: Record<string, AttributeValue> = primaryKey(model, key);
  const expression = compileCondition(resolveCondition(condition as ConditionInput<unknown>, model), ctx);
  return {
    kind: 'condition',
    entity: model.name,
    key: keyValues(model, key),
    item: undefined,
    request: {
      ConditionCheck: {
        TableName: model.table.name,
        Key,
        ConditionExpression: expression,
        ...ctx.toRequest(),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    model,
    guard: NO_GUARD,
    identity: entityItemIdentity(model, Key),
    table: model.table,
    interpretCancellation: entityCancellation,
  };
}
