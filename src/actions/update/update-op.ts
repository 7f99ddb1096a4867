import type { CancellationReason as SdkReason } from '@aws-sdk/client-dynamodb';
import type { UpdateInput } from '../../expressions/update-builder.js';
import type { EntityModel } from '../../model/entity-model.js';
import { entityCancellation } from '../../request/entity-cancellation.js';
import { entityWriteOperation, withGuardedFields } from '../../request/entity-write-operation.js';
import type { ParticipantReason } from '../../request/transaction-participant.js';
import type { WriteOperation } from '../../request/write-operation.js';
import { returnsItemOnConditionFailure } from '../../transport/transport.js';
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
  return entityWriteOperation<T>({
    model,
    kind: 'update',
    key: prepared.key,
    request: { Update: withGuardedFields({ TableName: input.TableName, Key: input.Key, UpdateExpression: input.UpdateExpression }, input) },
    stored: input.Key!,
    guard: prepared.guard,
    interpretCancellation: options.upsert ? entityCancellation : missingItemCancellation,
  });
}

/**
 * An update without upsert fails on a missing item (it never creates a half
 * item); the reason says so, since DynamoDB's only says the condition failed.
 */
function missingItemCancellation(this: ThisParameterType<typeof entityCancellation>, reason: SdkReason): ParticipantReason {
  const read = entityCancellation.call(this, reason);
  if (reason.Code !== 'ConditionalCheckFailed' || reason.Item !== undefined || !returnsItemOnConditionFailure(this.model.table.transport)) return read;
  return { ...read, hint: 'no such item to update (pass upsert: true to create it)' };
}
