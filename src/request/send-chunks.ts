import { readingInput, thrownMessage } from '../errors/hostile-input.js';
import { checkOperationList } from './transaction-table.js';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ConfigurationError } from '../errors.js';
import { itemIdentity } from './item-identity.js';
import { mapAwsError } from './map-error.js';
import { runBounded, type ResolvedRetryPolicy } from './retry-policy.js';
import { isTransientError } from './transient-error.js';
import type { TableModel } from '../model/table-definition.js';

/** What a batch call did, for results that report it. */
export interface BatchStats {
  /** Requests sent (`BatchWriteItem` / `BatchGetItem`), the SDK's own retries not counted. */
  readonly sends: number;
  /** Of those, resends (of leftovers or after a transient error). */
  readonly retries: number;
  /** Distinct items (or keys) sent more than once. */
  readonly itemsRetried: number;
  /** Wall-clock time of the call. */
  readonly elapsedMs: number;
}

/**
 * The retry loop both batch operations share: each chunk is sent until
 * nothing is left, leftovers (UnprocessedItems/Keys) and transient errors are
 * retried within the policy's bounds (deadline and sends) with its backoff,
 * and the first non-retryable error stops every chunk. `send` returns the
 * entries DynamoDB did not process. `uncertain` holds the entries a failed
 * send may have applied (a lost connection, a timeout, a 5xx) and no later
 * send confirmed; every other entry not done was handed back or never sent.
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
}): Promise<{ failure: unknown; uncertain: ReadonlySet<E>; stats: BatchStats }> {
  let failure: unknown;
  const uncertain = new Set<E>();
  const retried = new Set<E>();
  let sends = 0;
  let retries = 0;
  await runBounded(
    args.chunks.length,
    args.concurrency,
    async (c) => {
      let pending = args.chunks[c]!;
      const since = args.policy.now();
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (failure !== undefined) break;
        if (attempt > 1) {
          if (!args.policy.mayRetry(attempt, since)) break;
          await args.policy.backoff(attempt - 1, since);
          if (failure !== undefined || args.abortSignal?.aborted) break;
          retries++;
          for (const e of pending) retried.add(e);
        }
        sends++;
        try {
          const left = new Set(await args.send(pending));
          for (const e of pending) {
            if (left.has(e)) continue;
            uncertain.delete(e);
            args.onDone(e);
          }
          pending = [...left];
        } catch (error) {
          const mapped = mapAwsError(error, { table: args.table.name });
          if (mayHaveApplied(mapped)) for (const e of pending) uncertain.add(e);
          if (!isTransientError(mapped) || args.abortSignal?.aborted) {
            failure ??= mapped;
            break;
          }
        }
      }
    },
    () => failure !== undefined,
  );
  return { failure, uncertain, stats: { sends, retries, itemsRetried: retried.size, elapsedMs: args.policy.elapsed() } };
}

/**
 * Whether a failed request may have been applied: DynamoDB answered 4xx
 * (throttling, validation…) means it was not; a 5xx, a lost connection or a
 * timeout leaves it open (dynamodb-facts §2.5).
 * @internal
 */
export function mayHaveApplied(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const status = (e as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
    if (typeof status === 'number') return status >= 500;
    e = (e as { cause?: unknown }).cause;
  }
  return true;
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
