import { readingInput, thrownMessage } from '../errors/hostile-input.js';
import { checkOperationList } from './transaction-table.js';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ConfigurationError } from '../errors.js';
import { itemIdentity } from './item-identity.js';
import { mapAwsError } from './map-error.js';
import { runBounded, type ResolvedRetryPolicy } from './retry-policy.js';
import { isTransientError } from './transient-error.js';
import type { TableModel } from '../model/table-definition.js';

/**
 * The retry loop both batch operations share: each chunk is sent until
 * nothing is left, leftovers (UnprocessedItems/Keys) and transient errors are
 * retried with the policy's backoff, and the first non-retryable error stops
 * every chunk. `send` returns the entries DynamoDB did not process.
 * @internal
 */
export async function sendChunks<E>(args: {
  readonly chunks: readonly (readonly E[])[];
  readonly concurrency: number;
  readonly policy: ResolvedRetryPolicy;
  readonly table: TableModel;
  readonly abortSignal: AbortSignal | undefined;
  readonly send: (pending: readonly E[]) => Promise<readonly E[]>;
  readonly onDone: (entry: E) => void;
}): Promise<{ failure: unknown }> {
  let failure: unknown;
  await runBounded(
    args.chunks.length,
    args.concurrency,
    async (c) => {
      let pending = args.chunks[c]!;
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (failure !== undefined) break;
        if (attempt > 1) {
          if (attempt > args.policy.maxAttempts) break;
          await args.policy.backoff(attempt - 1);
        }
        try {
          const left = new Set(await args.send(pending));
          for (const e of pending) if (!left.has(e)) args.onDone(e);
          pending = [...left];
        } catch (error) {
          const mapped = mapAwsError(error, { table: args.table.name });
          if (!isTransientError(mapped) || args.abortSignal?.aborted) {
            failure ??= mapped;
            break;
          }
        }
      }
    },
    () => failure !== undefined,
  );
  return { failure };
}

/**
 * The entries of `pending` that DynamoDB handed back, matched by item identity
 * (table + key). `keysByTable` is `UnprocessedKeys`/`UnprocessedItems` reduced to keys.
 * @internal
 */
export function leftovers<E>(
  pending: readonly E[],
  entryOf: (e: E) => { readonly identity: string; readonly model: { readonly table: { readonly name: string }; readonly primary: { readonly partitionKeyAttribute: string; readonly sortKeyAttribute: string | undefined } } },
  keysByTable: Iterable<readonly [string, readonly Record<string, AttributeValue>[]]>,
): E[] {
  const retry = new Set<string>();
  for (const [tableName, keys] of keysByTable) {
    const model = pending.map(entryOf).find((o) => o.model.table.name === tableName)?.model;
    if (!model) continue;
    for (const key of keys) retry.add(itemIdentity(tableName, model.primary.partitionKeyAttribute, model.primary.sortKeyAttribute, key));
  }
  return pending.filter((e) => retry.has(entryOf(e).identity));
}

/**
 * Checks a batch's operation list before anything reads it: an array of
 * operations built by the op builders (untyped callers may pass anything,
 * proxies included). Returns it.
 * @internal
 */
export function batchOperations<O extends { model: { table: TableModel } }>(operation: 'BatchWriteItem' | 'BatchGetItem', ops: readonly O[]): readonly O[] {
  return readingInput(
    () => {
      checkOperationList<{ model?: { table?: unknown } }>(operation, ops, (op) => (op.model !== null && typeof op.model === 'object' ? op.model.table : undefined));
      return ops;
    },
    (cause) => new ConfigurationError(`${operation}: the operation list could not be read (${thrownMessage(cause)})`),
  );
}

/** The table whose transport sends; every operation must use the same client. @internal */
export function sharedTable(ops: readonly { model: { table: TableModel } }[]): TableModel {
  const table = ops[0]!.model.table;
  ops.forEach((op, index) => {
    if (op.model.table.client !== table.client) {
      throw new ConfigurationError(`batch: operation #${index} uses another DynamoDBClient than operation #0`);
    }
  });
  return table;
}
