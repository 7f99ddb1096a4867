import type { DeleteItemCommandInput } from '@aws-sdk/client-dynamodb';
import { compileCondition } from '../../expressions/compile-condition.js';
import { resolveCondition, type ConditionInput } from '../../expressions/condition-builder.js';
import type { ConditionNode } from '../../expressions/condition-node.js';
import { ExpressionContext } from '../../expressions/expression-context.js';
import { allConditions } from '../../expressions/item-conditions.js';
import { newGuard, NO_GUARD, prepareDeleteExtensions } from '../../model/apply-extensions.js';
import type { EntityModel } from '../../model/entity-model.js';
import { keyValues, primaryKey } from '../../model/item-codec.js';
import type { WriteCallOptions, WriteGuard } from '../../model/write-extension.js';

/** A built DeleteItem request and what its extensions recorded. @internal */
export interface PreparedDelete {
  readonly input: DeleteItemCommandInput;
  readonly key: Record<string, unknown>;
  readonly guard: WriteGuard;
}

/** Folds the write extensions in and builds a DeleteItem request. Pure: no I/O. @internal */
export function prepareDelete(
  model: EntityModel,
  key: Readonly<Record<string, unknown>>,
  condition: ConditionInput<unknown> | undefined,
  options: WriteCallOptions = {},
): PreparedDelete {
  let guard = NO_GUARD;
  let added: readonly ConditionNode[] = [];
  if (model.extensions.length > 0) {
    guard = newGuard();
    const call = { model, options, guard, conditions: [] };
    prepareDeleteExtensions(call);
    added = call.conditions;
  }
  const input: DeleteItemCommandInput = { TableName: model.table.name, Key: primaryKey(model, key) };
  // Resolved after the extensions, so a missing expectedVersion is reported first.
  const resolved = condition && resolveCondition(condition, model);
  const all = added.length === 0 ? resolved || undefined : allConditions([resolved, ...added]);
  if (all) {
    const ctx = new ExpressionContext();
    input.ConditionExpression = compileCondition(all, ctx);
    ctx.addTo(input);
    input.ReturnValuesOnConditionCheckFailure = 'ALL_OLD';
  }
  return { input, key: keyValues(model, key), guard };
}
