import { optionsObject } from '../../errors/hostile-input.js';
import type { CapacityOption } from '../../observability/request-event.js';
import { readItem } from '../../model/item-reader.js';
import { marshalledItemSize } from '../../limits/attribute-value-size.js';
import type { GetOperation, GetResults } from '../../request/get-operation.js';
import { send } from '../../request/send.js';
import { checkTransactionLimits } from '../../limits/request-limits.js';
import { transactionTable } from '../../request/transaction-table.js';
import { mapTransactionError } from '../../request/cancellation-reasons.js';

/** Options of {@link transactGet}. */
export interface TransactGetOptions extends CapacityOption {
  /** Also return items whose TTL has passed but that DynamoDB has not deleted yet. */
  readonly includeExpired?: boolean | undefined;
  readonly abortSignal?: AbortSignal | undefined;
}

/**
 * Reads up to 100 items as one serializable snapshot, across entities and
 * tables of one client. Returns a tuple in input order, each parsed by its
 * entity; `undefined` for missing items.
 *
 * @example
 * ```ts
 * const [user, order] = await transactGet([User.getOp(k1), Order.getOp(k2)] as const);
 * ```
 */
export async function transactGet<const Ops extends readonly GetOperation[]>(ops: Ops, options: TransactGetOptions = {}): Promise<GetResults<Ops>> {
  options = optionsObject('transactGet', options); // untyped callers: a snapshot of an object, or ConfigurationError
  const table = transactionTable('TransactGetItems', ops);
  checkTransactionLimits('TransactGetItems', ops, (op) => marshalledItemSize(op.request.Key), (op) => op);
  let output;
  try {
    output = await send(
      table,
      'TransactGetItems',
      { TransactItems: ops.map((op) => ({ Get: { TableName: op.request.TableName, Key: op.request.Key } })) },
      { abortSignal: options.abortSignal, capacity: options.returnConsumedCapacity },
    );
  } catch (error) {
    throw mapTransactionError(error, ops, undefined);
  }
  return ops.map((op, i) => {
    const item = output.Responses?.[i]?.Item;
    if (!item) return undefined;
    // expired but not yet deleted by DynamoDB: reads as missing
    return readItem(op.model, item, options);
  }) as GetResults<Ops>;
}
