import { optionsObject } from '../../errors/hostile-input.js';
import { transactionTable } from '../../request/transaction-table.js';
import { ConfigurationError } from '../../errors.js';
import type { RetryPolicy } from '../../request/retry-policy.js';
import type { TransactionParticipant } from '../../request/transaction-participant.js';
import { transactWrite } from './transact-write.js';
import { nodeCrypto } from '../../runtime/node-builtins.js';

/** Options of {@link writeIdempotently}. */
export interface IdempotentWriteOptions {
  /**
   * Required: your name for this one logical write, stable across retries,
   * restarts and processes (a request id, a message id, `order-42/charge`).
   * The `ClientRequestToken` is derived from it and the item the operation
   * writes (see {@link idempotencyToken}), so one key may name writes to
   * several items. Any non-empty string up to 1024 characters.
   */
  readonly idempotencyKey: string;
  /** Sends in total when the outcome is unknown (connection lost, timeout, throttling, conflict). Default 3. */
  readonly maxAttempts?: number | undefined;
  /** Backoff between resends (full jitter). Default base 50 ms, cap 1 s; `maxAttempts` above wins. */
  readonly retry?: Omit<RetryPolicy, 'maxAttempts'> | undefined;
  readonly abortSignal?: AbortSignal | undefined;
}

/** What {@link writeIdempotently} did. */
export interface IdempotentWriteResult {
  /** The `ClientRequestToken` sent (derived from the idempotency key and the item), e.g. to log. */
  readonly token: string;
}

const MAX_KEY_LENGTH = 1024;

/**
 * The `ClientRequestToken` {@link writeIdempotently} derives: 36 hex
 * characters of SHA-256 over the item's identity (table and primary key) and
 * the idempotency key. Pure and deterministic, so every process derives the
 * same token for the same key and item.
 */
export function idempotencyToken(op: Pick<TransactionParticipant, 'identity'>, idempotencyKey: string): string {
  if (typeof idempotencyKey !== 'string' || idempotencyKey.length === 0 || idempotencyKey.length > MAX_KEY_LENGTH) {
    throw new ConfigurationError(`writeIdempotently: idempotencyKey must be a non-empty string of at most ${MAX_KEY_LENGTH} characters`);
  }
  return nodeCrypto().createHash('sha256').update('tablewright/idempotent-write/v1\u0000').update(op.identity).update('\u0000').update(idempotencyKey).digest('hex').slice(0, 36);
}

/**
 * Sends a write that is not idempotent by itself (a counter, an append) as a
 * single-item transaction whose `ClientRequestToken` is derived from your
 * `idempotencyKey` and the item. What is guaranteed:
 *
 * - Within this call, an unknown outcome (lost response, timeout,
 *   throttling, transaction conflict) is resent with the same token, up to
 *   `maxAttempts`; DynamoDB applies it at most once.
 * - Across calls, processes and restarts: the same key, the same item and
 *   the same request parameters within 10 minutes of the first completed
 *   call is a no-op that succeeds (DynamoDB's idempotency window). Resend
 *   the same operation object, or rebuild it from the same values.
 * - The same key and item with other parameters within the window (e.g. a
 *   rebuilt operation whose `updatedAt` timestamp moved on, or other
 *   changes) throws `IdempotencyError` and writes nothing: a write under
 *   this key already reached the item.
 * - After the window DynamoDB forgets the token: the same call applies
 *   again. For deduplication beyond 10 minutes, record the key in the item
 *   and guard the write with a condition on it.
 *
 * @throws ConfigurationError - an empty or overlong `idempotencyKey` (nothing sent)
 * @throws IdempotencyError - the key was used on this item with other parameters in the last 10 minutes
 * @throws TransactionCanceledError - the operation's condition failed (its reason says why)
 * @throws WriteUnconfirmedError - every send failed transiently and one may have been applied (it carries the token; resending is safe)
 *
 * @example
 * ```ts
 * const { token } = await writeIdempotently(Counter.updateOp({ id }, { add: { hits: 1 } }, { upsert: true }), {
 *   idempotencyKey: message.id,
 * });
 * ```
 */
export async function writeIdempotently(op: TransactionParticipant, options: IdempotentWriteOptions): Promise<IdempotentWriteResult> {
  transactionTable('TransactWriteItems', [op]); // an operation at all (untyped callers), before its identity is hashed
  options = optionsObject('writeIdempotently', options) ?? ({} as IdempotentWriteOptions);
  const token = idempotencyToken(op, (options as Partial<IdempotentWriteOptions> | undefined)?.idempotencyKey as string);
  const retry = { ...options.retry, maxDelayMs: options.retry?.maxDelayMs ?? 1000, maxAttempts: Math.max(1, options.maxAttempts ?? 3) };
  await transactWrite([op], { token, retry, ...(options.abortSignal && { abortSignal: options.abortSignal }) });
  return { token };
}
