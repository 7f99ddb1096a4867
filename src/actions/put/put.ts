import type { CapacityOption } from '../../observability/request-event.js';
import { resolveCondition, type ConditionInput } from '../../expressions/condition-builder.js';
import type { ConditionNode } from '../../expressions/condition-node.js';
import { interpretConditionFailure } from '../../model/apply-extensions.js';
import type { EntityModel } from '../../model/entity-model.js';
import type { ExpiryInput } from '../../model/expiry.js';
import { readReturnedItem } from '../../model/item-reader.js';
import type { RouteOption } from '../../request/route-option.js';
import type { RetryPolicy } from '../../request/retry-policy.js';
import { sendWrite } from '../../request/send-write.js';
import { preparePut } from './put-request.js';

/** Options of `Entity.put`. */
export interface PutOptions<T> extends RouteOption, CapacityOption {
  /** Write only if this holds for the item currently stored under the key. */
  readonly condition?: ConditionInput<T> | undefined;
  /** `'ALL_OLD'` returns the item that was replaced. */
  readonly returnValues?: 'NONE' | 'ALL_OLD' | undefined;
  /** When this item expires (overrides the entity's `ttl` rule); `null` for never. */
  readonly expiresAt?: ExpiryInput | null | undefined;
  readonly abortSignal?: AbortSignal | undefined;
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

/** Sends a put; a failed condition is read back by the write extensions. @internal */
export async function putItem(model: EntityModel, item: unknown, options: PutOptions<unknown> = {}, extra?: ConditionNode, create = false) {
  const prepared = preparePut(model, item, options.condition && resolveCondition(options.condition, model), extra, {
    create,
    expiresAt: options.expiresAt,
  });
  if (options.returnValues === 'ALL_OLD') prepared.input.ReturnValues = 'ALL_OLD';
  const token = prepared.guard.token;
  const sent = await sendWrite(
    model.table,
    'PutItem',
    prepared.input,
    { entity: model.name, key: prepared.key, abortSignal: options.abortSignal, route: options.route, capacity: options.returnConsumedCapacity },
    { kind: 'put', resendable: token !== undefined || !prepared.input.ConditionExpression, token, retry: options.retry },
  );
  if (!sent.ok) {
    const outcome = interpretConditionFailure(model, prepared.guard, sent.error, 'put', sent.attempts);
    if (outcome !== 'applied') throw outcome;
    return { item: prepared.parsed, previous: undefined };
  }
  const output = sent.output;
  const previous = output.Attributes ? readReturnedItem(model, output.Attributes) : undefined;
  return { item: prepared.parsed, previous };
}
