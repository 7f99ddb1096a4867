import { describeInput, readingInput, thrownMessage } from '../errors/hostile-input.js';
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
  return readingInput(
    () => {
      checkOperationList<{ readonly table: T }>(operation, ops, (op) => op.table);
      if (ops.length === 0) throw new ConfigurationError(`${operation}: at least one operation is required`);
      const table = ops[0]!.table;
      ops.forEach((op, index) => {
        if (op.table.client !== table.client) {
          throw new ConfigurationError(`${operation}: operation #${index} uses another DynamoDBClient than operation #0 (one account and Region per transaction)`);
        }
      });
      return table;
    },
    (cause) => new ConfigurationError(`${operation}: the operation list could not be read (${thrownMessage(cause)})`),
  );
}

/**
 * Operation lists may come from untyped callers: refuses anything but an
 * array of operations built by the op builders (or participants with a table).
 * @internal
 */
export function checkOperationList<O>(operation: string, ops: unknown, tableOf: (op: O) => unknown): asserts ops is readonly O[] {
  if (!Array.isArray(ops)) throw new ConfigurationError(`${operation}: takes an array of operations (putOp, deleteOp …), got ${describeInput(ops)}`);
  // An index loop, not forEach: a sparse array's holes must be refused too, not skipped.
  for (let index = 0; index < ops.length; index++) {
    const op: unknown = ops[index];
    const table: unknown = op !== null && typeof op === 'object' ? tableOf(op as O) : undefined;
    if (table === null || typeof table !== 'object') {
      throw new ConfigurationError(`${operation}: operation #${index} is not an operation (build it with putOp, deleteOp, updateOp, conditionOp or getOp), got ${describeInput(op)}`);
    }
  }
}
