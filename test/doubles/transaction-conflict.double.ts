import { TransactionCanceledException, type DynamoDBClient, type TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * TEST DOUBLE (DynamoDB Local serializes transactions and never reports a
 * conflict). An SDK middleware that cancels the next `count`
 * TransactWriteItems calls without applying them, the way AWS does when
 * another transaction or write holds one of the items: a
 * `TransactionCanceledException` whose `CancellationReasons` has one entry
 * per action, `TransactionConflict` for the chosen action and `None` for the
 * others (API_TransactWriteItems, "TransactionCanceledException").
 */
export function injectTransactionConflicts(client: DynamoDBClient, count: number, conflictIndex = 0): { remaining: () => number; remove: () => void } {
  let left = count;
  const name = `transactionConflictDouble${Math.random().toString(36).slice(2)}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand' || left <= 0) return next(args);
      left--;
      const actions = (args.input as TransactWriteItemsCommandInput).TransactItems ?? [];
      const reasons = actions.map((_, i) =>
        i === conflictIndex ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' } : { Code: 'None' },
      );
      throw new TransactionCanceledException({
        message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
        CancellationReasons: reasons,
        $metadata: { httpStatusCode: 400 },
      });
    },
    { step: 'initialize', name },
  );
  return { remaining: () => left, remove: () => client.middlewareStack.remove(name) };
}
