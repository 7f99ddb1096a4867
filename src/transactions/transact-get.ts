import { fromStoredItem } from '../entity/item-codec.js';
import { unmarshallItem } from '../marshalling/marshall.js';
import { marshalledItemSize } from '../limits/attribute-value-size.js';
import type { GetOperation, GetResults } from '../operations/get-operation.js';
import { isExpired } from '../ttl/ttl-model.js';
import { checkTransaction } from './transaction-checks.js';
import { mapTransactionError } from './transact-write.js';

/** Options of {@link transactGet}. */
export interface TransactGetOptions {
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
  const table = checkTransaction(
    'TransactGetItems',
    ops,
    ops.map((op) => marshalledItemSize(op.request.Key)),
  );
  let output;
  try {
    output = await table.transport.send(
      'TransactGetItems',
      { TransactItems: ops.map((op) => ({ Get: { TableName: op.request.TableName, Key: op.request.Key } })) },
      options.abortSignal && { abortSignal: options.abortSignal },
    );
  } catch (error) {
    throw mapTransactionError(error, ops, undefined);
  }
  return ops.map((op, i) => {
    const item = output.Responses?.[i]?.Item;
    if (!item) return undefined;
    const raw = unmarshallItem(item);
    // expired but not yet deleted by DynamoDB: reads as missing
    if (!options.includeExpired && isExpired(op.model.ttl, raw, op.model.table.clock())) return undefined;
    return fromStoredItem(op.model, raw);
  }) as GetResults<Ops>;
}
