import { ConditionFailedError, DynamoDBError, WriteUnconfirmedError } from '../errors.js';
import type { OperationMap } from '../transport/transport.js';
import { resolveRetryPolicy, WRITE_RETRY, type RetryPolicy } from './retry-policy.js';
import { mayHaveApplied } from './send-chunks.js';
import { send, type SendContext } from './send.js';
import { isTransientError } from './transient-error.js';

type WriteOperationName = 'PutItem' | 'UpdateItem' | 'DeleteItem';

/** How one single-item write is sent. @internal */
export interface WriteSendPlan {
  readonly kind: 'put' | 'update' | 'delete';
  /**
   * Whether a resend is safe: the write carries a write token (an earlier
   * success is recognised), is a version-locked delete (its goal state is
   * recognised), or is an unconditional put or delete (the same end state).
   */
  readonly resendable: boolean;
  /** The write token, for errors of unknown outcome. */
  readonly token: string | undefined;
  readonly retry: RetryPolicy | undefined;
}

/** A single-item write's answer: the output, or its failed condition; `attempts` counts sends that reached the network. @internal */
export type WriteSendResult<O extends WriteOperationName> =
  | { readonly ok: true; readonly output: OperationMap[O][1]; readonly attempts: number | undefined }
  | { readonly ok: false; readonly error: ConditionFailedError; readonly attempts: number | undefined };

/**
 * Sends one put, update or delete. When the SDK gives up on a transient
 * error (its retries or its client-wide retry quota spent) and a resend is
 * safe, tablewright resends the very same request within `retry` (default
 * 10 s / 4 sends, backoff 25 ms–1 s). When every send failed and one may have
 * been applied, the error is {@link WriteUnconfirmedError} carrying the token.
 * @internal
 */
export async function sendWrite<O extends WriteOperationName>(
  table: Parameters<typeof send>[0],
  operation: O,
  input: OperationMap[O][0],
  context: SendContext,
  plan: WriteSendPlan,
): Promise<WriteSendResult<O>> {
  // The first send in a small frame (this is the hot path); failures and resends in resendWrite.
  let output: OperationMap[O][1];
  try {
    output = await send(table, operation, input, context);
  } catch (error) {
    return resendWrite(table, operation, input, context, plan, error);
  }
  const reported = reportedAttempts(output);
  return { ok: true, output, attempts: typeof reported === 'number' ? reported : undefined };
}

/** {@link sendWrite} after its first send failed with `first`. */
async function resendWrite<O extends WriteOperationName>(
  table: Parameters<typeof send>[0],
  operation: O,
  input: OperationMap[O][0],
  context: SendContext,
  plan: WriteSendPlan,
  first: unknown,
): Promise<WriteSendResult<O>> {
  let attempts = 0;
  let known = true; // every send reported its attempts (no per-call closure for this)
  let maybeApplied = false;
  let policy: ReturnType<typeof resolveRetryPolicy> | undefined;
  let failure: unknown = first;
  for (let n = 1; ; n++) {
    const reported = reportedAttempts(failure);
    if (typeof reported === 'number') attempts += reported;
    else (attempts += 1), (known = false);
    if (failure instanceof ConditionFailedError) return { ok: false, error: failure, attempts: known || n > 1 ? attempts : undefined };
    if (!plan.resendable || !isTransientError(failure) || context.abortSignal?.aborted) throw failure;
    maybeApplied ||= mayHaveApplied(failure);
    policy ??= resolveRetryPolicy(plan.retry, WRITE_RETRY);
    if (!policy.mayRetry(n + 1)) {
      if (!maybeApplied || !(failure instanceof DynamoDBError)) throw failure;
      throw new WriteUnconfirmedError({ operation: plan.kind, entity: context.entity, key: context.key, token: plan.token, attempts, last: failure });
    }
    await policy.backoff(n);
    try {
      const output = await send(table, operation, input, context);
      const sent = reportedAttempts(output);
      return { ok: true, output, attempts: attempts + (typeof sent === 'number' ? sent : 1) };
    } catch (error) {
      failure = error;
    }
  }
}

/** The attempts the SDK reports on an output or an error (or the error's cause). */
function reportedAttempts(value: unknown): unknown {
  const e = value as { $metadata?: { attempts?: unknown }; cause?: { $metadata?: { attempts?: unknown } } } | undefined;
  return e?.$metadata?.attempts ?? e?.cause?.$metadata?.attempts;
}
