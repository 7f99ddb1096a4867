import { optionsObject } from '../../errors/hostile-input.js';
import type { CapacityOption } from '../../observability/request-event.js';
import type { TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { DynamoDBError, TransactionCanceledError, WriteUnconfirmedError } from '../../errors.js';
import { send } from '../../request/send.js';
import { checkTransactionLimits, transactWriteActionSize } from '../../limits/request-limits.js';
import { resolveRetryPolicy, WRITE_RETRY, type RetryPolicy } from '../../request/retry-policy.js';
import { mayHaveApplied } from '../../request/send-chunks.js';
import { isTransientError } from '../../request/transient-error.js';
import type { TransactionParticipant } from '../../request/transaction-participant.js';
import { transactionTable } from '../../request/transaction-table.js';
import { mapTransactionError } from '../../request/cancellation-reasons.js';

/** Options of {@link transactWrite}. */
export interface TransactWriteOptions extends CapacityOption {
  /**
   * `ClientRequestToken` (1–36 characters): repeating the same call with the
   * same token within 10 minutes is a no-op; with other parameters it throws
   * `IdempotencyError`. Without it (and without `retry`), tablewright sends
   * none (the SDK then generates one per call, shared by its own retries). To
   * retry a call yourself, resend the same operation objects: timestamps are
   * taken when an operation is built, so rebuilt operations are "other parameters".
   */
  readonly token?: string | undefined;
  /**
   * Resends by tablewright of a transaction cancelled by `TransactionConflict`
   * or throttling (nothing was applied), and of one whose sends the SDK gave
   * up on with transient errors (safe with the same token: DynamoDB applies
   * it at most once). On by default when a `token` is given: 4 sends within
   * 10 s, backoff 25 ms–1 s. Given without a token, tablewright generates one
   * for the call (as the SDK does) so its resends stay safe. `false`: off.
   */
  readonly retry?: RetryPolicy | false | undefined;
  /** Report sends, retries and elapsed time in the result's `stats`. */
  readonly stats?: boolean | undefined;
  readonly abortSignal?: AbortSignal | undefined;
}

/** What a transaction call did (with `stats: true`). */
export interface TransactWriteStats {
  /** `TransactWriteItems` requests sent by tablewright (the SDK's own retries not counted). */
  readonly sends: number;
  /** Of those, resends. */
  readonly retries: number;
  /** Operations sent more than once (all of them when the transaction was resent). */
  readonly itemsRetried: number;
  /** Wall-clock time of the call. */
  readonly elapsedMs: number;
}

/** Result of {@link transactWrite}. */
export interface TransactWriteResult {
  /** The `ClientRequestToken` sent (yours, or the one tablewright generated for `retry`); `undefined` when the SDK chose it. */
  readonly token: string | undefined;
  /** With `stats: true`: what the call did. */
  readonly stats?: TransactWriteStats | undefined;
}

/**
 * Writes up to 100 operations atomically (`putOp`, `updateOp`, `deleteOp`,
 * `conditionOp`, or any other {@link TransactionParticipant}), across
 * entities and tables of one client. Checked before sending: 1–100
 * operations, at most 4 MB, no two operations on one item. On cancellation
 * each participant reads its own reason.
 *
 * @throws TransactionCanceledError - one reason per operation, in input order
 * @throws IdempotencyError - the token was used with other parameters
 * @throws WriteUnconfirmedError - with a token: every send failed transiently and one may have been applied (it carries the token)
 * @throws RequestLimitError - a limit above was broken (nothing was sent)
 *
 * @example
 * ```ts
 * await transactWrite([
 *   Account.updateOp({ id: from }, { add: { balance: -amount } }, { condition: (c) => c.ge('balance', amount) }),
 *   Account.updateOp({ id: to }, { add: { balance: amount } }),
 *   Ledger.putOp({ id: transferId, from, to, amount }),
 * ], { token: transferId });
 * ```
 */
export async function transactWrite(ops: readonly TransactionParticipant[], options: TransactWriteOptions = {}): Promise<TransactWriteResult> {
  options = optionsObject('transactWrite', options); // untyped callers: a snapshot of an object, or ConfigurationError
  const table = transactionTable('TransactWriteItems', ops);
  checkTransactionLimits('TransactWriteItems', ops, requestSize, participantIdentity);
  const retrying = options.retry !== false && (options.retry !== undefined || options.token !== undefined);
  const token = options.token ?? (retrying ? globalThis.crypto.randomUUID() : undefined);
  const transactItems: TransactWriteItemsCommandInput['TransactItems'] = new Array(ops.length);
  for (let i = 0; i < ops.length; i++) transactItems[i] = ops[i]!.request;
  const input: TransactWriteItemsCommandInput = { TransactItems: transactItems };
  if (token !== undefined) input.ClientRequestToken = token;
  if (retrying || options.stats) return sendTransaction(table, ops, input, token, options, retrying);
  // One send, no resends, no stats (the common call): no retry policy to build, a small frame to suspend.
  try {
    await send(table, 'TransactWriteItems', input, { abortSignal: options.abortSignal, capacity: options.returnConsumedCapacity });
  } catch (error) {
    throw unsentOrUnconfirmed(error, ops, token, options.abortSignal);
  }
  return { token };
}

const requestSize = (op: TransactionParticipant) => transactWriteActionSize(op.request);
const participantIdentity = (op: TransactionParticipant) => op;

/**
 * The error of a transaction sent once: mapped, or (a transient failure that
 * may have been applied) {@link WriteUnconfirmedError}; what
 * {@link sendTransaction} throws when its policy allows one send.
 */
function unsentOrUnconfirmed(error: unknown, ops: readonly TransactionParticipant[], token: string | undefined, abortSignal: AbortSignal | undefined): unknown {
  const mapped = mapTransactionError(error, ops, token);
  if (mapped instanceof TransactionCanceledError || !isTransientError(mapped) || abortSignal?.aborted) return mapped;
  return lastError(mapped, mayHaveApplied(mapped), token, 1);
}

/** The error a transaction ends with when no send is left: {@link WriteUnconfirmedError} if a send may have been applied. */
function lastError(mapped: unknown, maybeApplied: boolean, token: string | undefined, attempts: number): unknown {
  if (mapped instanceof TransactionCanceledError || !maybeApplied || !(mapped instanceof DynamoDBError)) return mapped;
  return new WriteUnconfirmedError({ operation: 'transactWrite', token, attempts, last: mapped });
}

/** Sends with resends (`retry`) or stats: the policy's deadline and clock start here. */
async function sendTransaction(
  table: ReturnType<typeof transactionTable>,
  ops: readonly TransactionParticipant[],
  input: TransactWriteItemsCommandInput,
  token: string | undefined,
  options: TransactWriteOptions,
  retrying: boolean,
): Promise<TransactWriteResult> {
  const policy = resolveRetryPolicy(retrying ? (options.retry as RetryPolicy | undefined) : { maxAttempts: 1 }, WRITE_RETRY);
  let maybeApplied = false;
  for (let n = 1; ; n++) {
    try {
      await send(table, 'TransactWriteItems', input, { abortSignal: options.abortSignal, capacity: options.returnConsumedCapacity });
      if (!options.stats) return { token };
      return { token, stats: { sends: n, retries: n - 1, itemsRetried: n > 1 ? ops.length : 0, elapsedMs: policy.elapsed() } };
    } catch (error) {
      const mapped = mapTransactionError(error, ops, token);
      const cancelled = mapped instanceof TransactionCanceledError;
      if (!(cancelled ? mapped.retryable : isTransientError(mapped)) || options.abortSignal?.aborted) throw mapped;
      if (!cancelled) maybeApplied ||= mayHaveApplied(mapped);
      if (!policy.mayRetry(n + 1)) throw lastError(mapped, maybeApplied, token, n);
      await policy.backoff(n);
    }
  }
}
