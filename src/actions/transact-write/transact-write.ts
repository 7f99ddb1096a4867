import { optionsObject } from '../../errors/hostile-input.js';
import type { TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { send } from '../../request/send.js';
import { checkTransactionLimits, transactWriteActionSize } from '../../limits/request-limits.js';
import type { TransactionParticipant } from '../../request/transaction-participant.js';
import { transactionTable } from '../../request/transaction-table.js';
import { mapTransactionError } from '../../request/cancellation-reasons.js';

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
  readonly token?: string | undefined;
  readonly abortSignal?: AbortSignal | undefined;
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
export async function transactWrite(ops: readonly TransactionParticipant[], options: TransactWriteOptions = {}): Promise<void> {
  options = optionsObject('transactWrite', options); // untyped callers: a snapshot of an object, or ConfigurationError
  const table = transactionTable('TransactWriteItems', ops);
  checkTransactionLimits('TransactWriteItems', ops, (op) => transactWriteActionSize(op.request), (op) => op);
  const input: TransactWriteItemsCommandInput = { TransactItems: ops.map((op) => op.request) };
  if (options.token !== undefined) input.ClientRequestToken = options.token;
  try {
    await send(table, 'TransactWriteItems', input, { abortSignal: options.abortSignal });
  } catch (error) {
    throw mapTransactionError(error, ops, options.token);
  }
}
