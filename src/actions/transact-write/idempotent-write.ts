import { randomUUID } from 'node:crypto';
import { resolveRetryPolicy, type RetryPolicy } from '../../request/retry-policy.js';
import { isTransientError } from '../../request/transient-error.js';
import type { TransactionParticipant } from '../../request/transaction-participant.js';
import { transactWrite } from './transact-write.js';

/** Options of {@link writeIdempotently}. */
export interface IdempotentWriteOptions {
  /**
   * The `ClientRequestToken`. Default: a fresh UUID for this call, reused by
   * every resend of the call. Pass your own (e.g. a request id) to make a
   * retry of the whole call, even from another process, a no-op.
   */
  readonly token?: string | undefined;
  /** Sends in total when the outcome is unknown (connection lost, timeout, throttling, conflict). Default 3. */
  readonly maxAttempts?: number | undefined;
  /** Backoff between resends (full jitter). Default base 50 ms, cap 1 s; `maxAttempts` above wins. */
  readonly retry?: Omit<RetryPolicy, 'maxAttempts'> | undefined;
  readonly abortSignal?: AbortSignal | undefined;
}

/**
 * Idempotent mode for writes that are not idempotent by themselves
 * (counters, appends): sends the operation as a single-item transaction with
 * a `ClientRequestToken` fixed for this call. When the outcome is unknown
 * (e.g. the response was lost after DynamoDB applied the write), it resends
 * with the same token, and DynamoDB applies it at most once (the token is
 * honoured for 10 minutes).
 */
export async function writeIdempotently(op: TransactionParticipant, options: IdempotentWriteOptions = {}): Promise<void> {
  const token = options.token ?? randomUUID();
  const attempts = Math.max(1, options.maxAttempts ?? 3);
  const policy = resolveRetryPolicy({ ...options.retry, maxDelayMs: options.retry?.maxDelayMs ?? 1000, maxAttempts: attempts });
  for (let attempt = 1; ; attempt++) {
    try {
      await transactWrite([op], { token, ...(options.abortSignal && { abortSignal: options.abortSignal }) });
      return;
    } catch (error) {
      if (attempt >= attempts || !isTransientError(error) || options.abortSignal?.aborted) throw error;
    }
    await policy.backoff(attempt);
  }
}
