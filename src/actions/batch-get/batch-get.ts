import { optionsObject } from '../../errors/hostile-input.js';
import type { CapacityOption } from '../../observability/request-event.js';
import type { AttributeValue, BatchGetItemCommandInput } from '@aws-sdk/client-dynamodb';
import { BATCH_GET_MAX_KEYS } from '../../limits/request-limits.js';
import { readItem } from '../../model/item-reader.js';
import { UnprocessedItemsError, type UnprocessedEntry } from '../../errors.js';
import type { GetOperation, GetResults } from '../../request/get-operation.js';
import { itemIdentity } from '../../request/item-identity.js';
import { BATCH_RETRY, resolveRetryPolicy, type RetryPolicy } from '../../request/retry-policy.js';
import { send } from '../../request/send.js';
import { batchOperations, leftovers, sendChunks, sharedTable } from '../../request/send-chunks.js';


/** Options of {@link batchGet}. */
export interface BatchGetOptions extends CapacityOption {
  /** Strongly consistent reads. */
  readonly consistent?: boolean | undefined;
  /** Requests in flight at once. Default 4. */
  readonly concurrency?: number | undefined;
  /** Retry of `UnprocessedKeys` and retryable errors. */
  readonly retry?: RetryPolicy | undefined;
  /** Return `{ items, unprocessed }` instead of throwing `UnprocessedItemsError` when retries run out. */
  readonly returnUnprocessed?: boolean | undefined;
  /** Also return items whose TTL has passed but that DynamoDB has not deleted yet. */
  readonly includeExpired?: boolean | undefined;
  readonly abortSignal?: AbortSignal | undefined;
}

/** Result of {@link batchGet} with `returnUnprocessed: true`. */
export interface BatchGetResult<R> {
  /** In input order; `undefined` for missing and for unprocessed keys. */
  readonly items: R;
  /** Keys not read (retries ran out); empty when everything was read. */
  readonly unprocessed: readonly UnprocessedEntry<GetOperation>[];
}

/**
 * Reads any number of keys across entities and tables of one client. Keys are
 * de-duplicated, sent 100 per request, and `UnprocessedKeys` (throttling, the
 * 16 MB response cap) are retried with exponential backoff and full jitter.
 * Returns the items in input order, parsed by their entities, `undefined`
 * for missing ones.
 *
 * @throws UnprocessedItemsError - retries ran out or a non-retryable error
 *   stopped the batch; `unprocessed` lists exactly the keys not read and
 *   `items` holds what was read
 */
export function batchGet<const Ops extends readonly GetOperation[]>(
  ops: Ops,
  options: BatchGetOptions & { readonly returnUnprocessed: true },
): Promise<BatchGetResult<GetResults<Ops>>>;
export function batchGet<const Ops extends readonly GetOperation[]>(ops: Ops, options?: BatchGetOptions): Promise<GetResults<Ops>>;
export async function batchGet(ops: readonly GetOperation[], options: BatchGetOptions = {}): Promise<unknown> {
  options = optionsObject('batchGet', options); // untyped callers: a snapshot of an object, or ConfigurationError
  const items: unknown[] = new Array(batchOperations('BatchGetItem', ops).length).fill(undefined);
  if (ops.length === 0) return options.returnUnprocessed ? { items, unprocessed: [] } : items;
  const table = sharedTable(ops);

  // One request entry per distinct item; every input position that asked for it.
  const unique = new Map<string, { op: GetOperation; indexes: number[] }>();
  ops.forEach((op, index) => {
    const entry = unique.get(op.identity);
    if (entry) entry.indexes.push(index);
    else unique.set(op.identity, { op, indexes: [index] });
  });
  const entries = [...unique.values()];
  const chunks: (typeof entries)[] = [];
  for (let i = 0; i < entries.length; i += BATCH_GET_MAX_KEYS) chunks.push(entries.slice(i, i + BATCH_GET_MAX_KEYS));

  const found = new Map<string, Record<string, AttributeValue>>();
  // Identities DynamoDB answered for (found or missing); everything else is unprocessed.
  const done = new Set<string>();
  const { failure } = await sendChunks({
    chunks,
    concurrency: options.concurrency ?? 4,
    policy: resolveRetryPolicy(options.retry, BATCH_RETRY),
    table,
    abortSignal: options.abortSignal,
    onDone: (e) => done.add(e.op.identity),
    send: async (pending) => {
      const output = await send(table, 'BatchGetItem', requestFor(pending, options.consistent), { abortSignal: options.abortSignal, capacity: options.returnConsumedCapacity });
      for (const [tableName, rows] of Object.entries(output.Responses ?? {})) {
        const model = pending.find((e) => e.op.request.TableName === tableName)?.op.model;
        if (!model) continue;
        for (const row of rows) found.set(itemIdentity(tableName, model.primary.partitionKeyAttribute, model.primary.sortKeyAttribute, row), row);
      }
      return leftovers(pending, (e) => e.op, Object.entries(output.UnprocessedKeys ?? {}).map(([t, r]) => [t, r.Keys ?? []] as const));
    },
  });

  for (const e of entries) {
    const row = found.get(e.op.identity);
    if (!row) continue;
    // expired but not yet deleted by DynamoDB: reads as missing
    for (const index of e.indexes) items[index] = readItem(ops[index]!.model, row, options);
  }
  const unprocessed: UnprocessedEntry<GetOperation>[] = [];
  ops.forEach((op, index) => {
    // Includes chunks never started because a failure stopped the batch.
    if (!done.has(op.identity)) unprocessed.push({ index, operation: op });
  });

  if (failure !== undefined) {
    throw new UnprocessedItemsError({ operation: 'BatchGetItem', reason: 'error', unprocessed, items, cause: failure });
  }
  if (options.returnUnprocessed) return { items, unprocessed };
  if (unprocessed.length > 0) throw new UnprocessedItemsError({ operation: 'BatchGetItem', reason: 'retries-exhausted', unprocessed, items });
  return items;
}

function requestFor(entries: readonly { op: GetOperation }[], consistent: boolean | undefined): BatchGetItemCommandInput {
  const RequestItems: NonNullable<BatchGetItemCommandInput['RequestItems']> = {};
  for (const { op } of entries) {
    const forTable = (RequestItems[op.request.TableName] ??= { Keys: [], ...(consistent && { ConsistentRead: true }) });
    forTable.Keys!.push(op.request.Key);
  }
  return { RequestItems };
}

export { BATCH_GET_MAX_KEYS };
