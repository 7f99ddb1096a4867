import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { TRANSACTION_MAX_ACTIONS, TRANSACTION_MAX_BYTES } from '../limits/request-limits.js';
import { ConfigurationError, RequestLimitError } from '../errors.js';
import { transactWriteActionSize } from '../limits/request-limits.js';
import type { TableModel } from '../model/table-definition.js';


type Operation = 'TransactWriteItems' | 'TransactGetItems';

interface Checked {
  readonly entity: string;
  readonly key: Readonly<Record<string, unknown>>;
  readonly identity: string;
  readonly model: { readonly table: TableModel };
}

/**
 * The checks DynamoDB would otherwise fail the whole transaction on, done
 * before sending: 1–100 actions, one client, no two actions on one item,
 * at most 4 MB. Returns the table model whose transport sends the request.
 * @internal
 */
export function checkTransaction(operation: Operation, ops: readonly Checked[], sizes: readonly number[]): TableModel {
  if (ops.length === 0) throw new ConfigurationError(`${operation}: at least one operation is required`);
  if (ops.length > TRANSACTION_MAX_ACTIONS) {
    throw new RequestLimitError({
      operation,
      reason: 'too-many-actions',
      limit: TRANSACTION_MAX_ACTIONS,
      actual: ops.length,
      message: `${operation}: ${ops.length} operations, at most ${TRANSACTION_MAX_ACTIONS} are allowed`,
    });
  }
  const table = ops[0]!.model.table;
  const seen = new Map<string, number>();
  ops.forEach((op, index) => {
    if (op.model.table.client !== table.client) {
      throw new ConfigurationError(`${operation}: operation #${index} uses another DynamoDBClient than operation #0 (one account and Region per transaction)`);
    }
    const first = seen.get(op.identity);
    if (first !== undefined) {
      throw new RequestLimitError({
        operation,
        reason: 'duplicate-item',
        indexes: [first, index],
        message: `${operation}: operations #${first} and #${index} both target ${op.entity} ${JSON.stringify(op.key)} (one operation per item)`,
      });
    }
    seen.set(op.identity, index);
  });
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total > TRANSACTION_MAX_BYTES) {
    let biggest = 0;
    sizes.forEach((s, i) => {
      if (s > sizes[biggest]!) biggest = i;
    });
    throw new RequestLimitError({
      operation,
      reason: 'too-large',
      limit: TRANSACTION_MAX_BYTES,
      actual: total,
      indexes: [biggest],
      message: `${operation}: ${total} bytes, at most ${TRANSACTION_MAX_BYTES} are allowed (largest: operation #${biggest}, ${sizes[biggest]} bytes)`,
    });
  }
  return table;
}

/** Bytes one transact-write item contributes to the 4 MB limit (exact, as DynamoDB counts it). @internal */
export function transactWriteItemBytes(item: TransactWriteItem): number {
  return transactWriteActionSize(item);
}

export { TRANSACTION_MAX_ACTIONS, TRANSACTION_MAX_BYTES };
