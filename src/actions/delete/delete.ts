import type { CapacityOption } from '../../observability/request-event.js';
import type { ConditionInput } from '../../expressions/condition-builder.js';
import { interpretConditionFailure } from '../../model/apply-extensions.js';
import type { EntityModel } from '../../model/entity-model.js';
import { readReturnedItem } from '../../model/item-reader.js';
import type { RouteOption } from '../../request/route-option.js';
import type { RetryPolicy } from '../../request/retry-policy.js';
import { sendWrite } from '../../request/send-write.js';
import { prepareDelete } from './delete-request.js';

/** Options of `Entity.delete`. */
export interface DeleteOptions<T> extends RouteOption, CapacityOption {
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
  /**
   * Resends by tablewright itself when the SDK gives up on a transient error
   * (lost connection, timeout, 5xx, throttling; its retries or its retry
   * quota spent), for writes a resend cannot harm: those carrying a write
   * token (creates, version-locked writes, conditional updates), version-locked
   * deletes, unconditional puts and deletes. Default 4 sends within 10 s,
   * backoff 25 ms–1 s; `{ maxAttempts: 1 }` turns it off. The same options batches take.
   */
  readonly retry?: RetryPolicy | undefined;
}

/** Sends a delete; a failed condition is read back by the write extensions. @internal */
export async function deleteItem(model: EntityModel, key: Readonly<Record<string, unknown>>, options: DeleteOptions<unknown> = {}) {
  const prepared = prepareDelete(model, key, options.condition, options);
  const { input, guard } = prepared;
  if (options.returnValues === 'ALL_OLD') input.ReturnValues = 'ALL_OLD';
  const sent = await sendWrite(
    model.table,
    'DeleteItem',
    input,
    { entity: model.name, key: prepared.key, abortSignal: options.abortSignal, route: options.route, capacity: options.returnConsumedCapacity },
    { kind: 'delete', resendable: guard.versioned || !input.ConditionExpression, token: guard.token, retry: options.retry },
  );
  if (!sent.ok) {
    const outcome = interpretConditionFailure(model, guard, sent.error, 'delete', sent.attempts);
    if (outcome !== 'applied') throw outcome;
    return undefined;
  }
  const output = sent.output;
  return output.Attributes ? readReturnedItem(model, output.Attributes) : undefined;
}
