import type { TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { IdempotencyError, TransactionCanceledError } from '../errors.js';
import { mapAwsError } from '../operations/map-error.js';
import type { WriteOperation } from '../operations/write-operation.js';
import { toCancellationReasons } from './cancellation-reasons.js';
import { checkTransaction, transactWriteItemBytes } from './transaction-checks.js';

/** Options of {@link transactWrite}. */
export interface TransactWriteOptions {
  /**
   * `ClientRequestToken` (1–36 characters): repeating the same call with the
   * same token within 10 minutes is a no-op; with other parameters it throws
   * `IdempotencyError`. Without it, tablewright sends none (the SDK then
   * generates one per call, shared by its own retries). To retry a call
   * yourself, resend the same operation objects: timestamps are taken when
   * an operation is built, so rebuilt operations are "other parameters".
   */
  readonly token?: string;
  readonly abortSignal?: AbortSignal;
}

/**
 * Writes up to 100 operations atomically (`putOp`, `updateOp`, `deleteOp`,
 * `conditionOp`), across entities and tables of one
 * client. Checked before sending: 1–100 operations, at most 4 MB (estimated),
 * no two operations on one item.
 *
 * @throws TransactionCanceledError - one reason per operation, in input order
 * @throws IdempotencyError - the token was used with other parameters
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
export async function transactWrite(ops: readonly WriteOperation[], options: TransactWriteOptions = {}): Promise<void> {
  const table = checkTransaction(
    'TransactWriteItems',
    ops,
    ops.map((op) => transactWriteItemBytes(op.request)),
  );
  const input: TransactWriteItemsCommandInput = { TransactItems: ops.map((op) => op.request) };
  if (options.token !== undefined) input.ClientRequestToken = options.token;
  try {
    await table.transport.send('TransactWriteItems', input, options.abortSignal && { abortSignal: options.abortSignal });
  } catch (error) {
    throw mapTransactionError(error, ops, options.token);
  }
}

/** Maps a transaction's SDK error to the typed one. @internal */
export function mapTransactionError(
  error: unknown,
  ops: Parameters<typeof toCancellationReasons>[0],
  token: string | undefined,
): Error {
  const e = error as { name?: string; CancellationReasons?: Parameters<typeof toCancellationReasons>[1] };
  if (e?.name === 'TransactionCanceledException') {
    return new TransactionCanceledError(toCancellationReasons(ops, e.CancellationReasons), { cause: error });
  }
  if (e?.name === 'IdempotentParameterMismatchException') return new IdempotencyError(token, { cause: error });
  return mapAwsError(error);
}
