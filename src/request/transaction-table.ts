import { ConfigurationError } from '../errors.js';
import type { ParticipantTable } from './transaction-participant.js';

/**
 * The table whose transport sends a transaction (the first participant's),
 * after checking there is at least one participant and that all share one
 * client (one account and Region per transaction).
 * @internal
 */
export function transactionTable<T extends ParticipantTable>(
  operation: 'TransactWriteItems' | 'TransactGetItems',
  ops: readonly { readonly table: T }[],
): T {
  if (ops.length === 0) throw new ConfigurationError(`${operation}: at least one operation is required`);
  const table = ops[0]!.table;
  ops.forEach((op, index) => {
    if (op.table.client !== table.client) {
      throw new ConfigurationError(`${operation}: operation #${index} uses another DynamoDBClient than operation #0 (one account and Region per transaction)`);
    }
  });
  return table;
}
