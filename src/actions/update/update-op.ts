import type { UpdateInput } from '../../expressions/update-builder.js';
import type { EntityModel } from '../../model/entity-model.js';
import { entityCancellation } from '../../request/entity-cancellation.js';
import { entityItemIdentity } from '../../request/item-identity.js';
import type { WriteOperation } from '../../request/write-operation.js';
import { prepareGuardedUpdate } from './update.js';
import type { UpdateOpOptions } from './update-request.js';

/**
 * An update for `transactWrite` (or `writeIdempotently`): validated, size-
 * checked and built now, with the write extensions as in `Entity.update`; no
 * write token (the transaction's ClientRequestToken makes resends safe).
 * Pure: no I/O.
 * @internal
 */
export function updateOperation<T>(
  model: EntityModel,
  key: Readonly<Record<string, unknown>>,
  changes: UpdateInput<unknown>,
  options: UpdateOpOptions<T> = {},
): WriteOperation<T> {
  const prepared = prepareGuardedUpdate(model, key, changes, options as UpdateOpOptions<unknown>, true);
  const { input } = prepared;
  return {
    kind: 'update',
    entity: model.name,
    key: prepared.key,
    item: undefined,
    request: {
      Update: {
        TableName: input.TableName,
        Key: input.Key,
        UpdateExpression: input.UpdateExpression,
        ConditionExpression: input.ConditionExpression,
        ExpressionAttributeNames: input.ExpressionAttributeNames,
        ExpressionAttributeValues: input.ExpressionAttributeValues,
        ReturnValuesOnConditionCheckFailure: input.ReturnValuesOnConditionCheckFailure,
      },
    },
    model,
    guard: prepared.guard,
    identity: entityItemIdentity(model, input.Key!),
    table: model.table,
    interpretCancellation: entityCancellation,
  };
}
