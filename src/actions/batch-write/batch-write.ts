import { optionsObject } from '../../errors/hostile-input.js';
import type { CapacityOption } from '../../observability/request-event.js';
import type { AttributeValue, WriteRequest } from '@aws-sdk/client-dynamodb';
import { BATCH_WRITE_MAX_ITEMS, BATCH_WRITE_MAX_BYTES, chunkWrites } from '../../limits/request-limits.js';
import { RequestLimitError, UnprocessedItemsError, type UnprocessedEntry } from '../../errors.js';
import { wireBoundOf } from '../../limits/measured-marshall.js';
import { writeRequestSize } from '../../limits/wire-size.js';
import type { WriteOperation } from '../../request/write-operation.js';
import { BATCH_RETRY, resolveRetryPolicy, type RetryPolicy } from '../../request/retry-policy.js';
import { send } from '../../request/send.js';
import { batchOperations, leftovers, sendChunks, sharedTable, type BatchStats } from '../../request/send-chunks.js';

/** Options of {@link batchWrite}. */
export interface BatchWriteOptions extends CapacityOption {
  /** Requests in flight at once. Default 4. */
  readonly concurrency?: number | undefined;
  /**
   * Retry of `UnprocessedItems` and transient errors. Default: resend a chunk
   * until 60 s have passed since its first send (at most 100 sends per
   * chunk), full-jitter backoff from 50 ms capped at 2 s.
   */
  readonly retry?: RetryPolicy | undefined;
  /** Return the unprocessed operations instead of throwing `UnprocessedItemsError` when retries run out. */
  readonly returnUnprocessed?: boolean | undefined;
  /** Report sends, retries, items retried and elapsed time in the result's `stats`. */
  readonly stats?: boolean | undefined;
  readonly abortSignal?: AbortSignal | undefined;
}

/** Result of {@link batchWrite}. */
export interface BatchWriteResult {
  /** Operations DynamoDB confirmed. */
  readonly written: number;
  /** With `returnUnprocessed`: the operations not written (handed back by DynamoDB, or never sent). Empty otherwise. */
  readonly unprocessed: readonly UnprocessedEntry<WriteOperation>[];
  /**
   * With `returnUnprocessed`: the operations whose last send failed in a way
   * that may have applied them (lost connection, timeout, 5xx) and that no
   * later send confirmed. Resending them is safe: a batch holds only
   * unconditional puts and deletes, which land on the same state twice. Empty otherwise.
   */
  readonly outcomeUnknown: readonly UnprocessedEntry<WriteOperation>[];
  /** With `stats: true`: what the call did. */
  readonly stats?: BatchStats | undefined;
}

interface Entry {
  readonly index: number;
  readonly op: WriteOperation;
  readonly request: WriteRequest;
  /** Wire bytes of the request entry: exact, or an upper bound the put measured (see exactWhereNeeded). */
  bytes: number;
  readonly exact: boolean;
}

/** `chunkWrites`' default byte limit (16 MB less the envelope). */
const CHUNK_BYTES = BATCH_WRITE_MAX_BYTES - 4096;

/**
 * Most puts come with an upper bound of their wire size, recorded while
 * they were marshalled (`wireBoundOf`). When the bounds of all entries fit
 * in one request's 16 MB, every chunk of 25 fits too and the exact sizes
 * would chunk the same way, so they are not computed; otherwise every entry
 * gets its exact size.
 */
function exactWhereNeeded(entries: Entry[]): Entry[] {
  let total = 0;
  for (const e of entries) total += e.bytes;
  if (total <= CHUNK_BYTES) return entries;
  for (const e of entries) if (!e.exact) e.bytes = writeRequestSize(e.request);
  return entries;
}

/**
 * Writes any number of puts and deletes (`Entity.putOp`/`deleteOp` without
 * conditions) across entities and tables of one client. Not atomic: use
 * `transactWrite` for that. Chunks at 25 items and 16 MB, sends with bounded
 * concurrency, retries `UnprocessedItems` and retryable errors with
 * exponential backoff and full jitter. Two operations on one item are
 * rejected before anything is sent (their order would be undefined).
 *
 * @throws UnprocessedItemsError - retries ran out (`reason: 'retries-exhausted'`)
 *   or a non-retryable error stopped the batch (`reason: 'error'`, `cause`);
 *   `unprocessed` lists the operations not written, `outcomeUnknown` those a
 *   failed send may have written; every other operation was written. Resending
 *   either list is safe (puts and deletes only)
 * @throws RequestLimitError - conditions, updates or duplicate items (nothing sent)
 */
export async function batchWrite(ops: readonly WriteOperation[], options: BatchWriteOptions = {}): Promise<BatchWriteResult> {
  options = optionsObject('batchWrite', options); // untyped callers: a snapshot of an object, or ConfigurationError
  if (batchOperations('BatchWriteItem', ops).length === 0) return { written: 0, unprocessed: [], outcomeUnknown: [] };
  const table = sharedTable(ops);
  const entries = ops.map(toEntry);
  checkDuplicates(ops);

  // 25 items and 16 MB (wire size) per request
  const chunks = chunkWrites(exactWhereNeeded(entries), (e) => e.bytes);
  const done = new Set<number>();
  const { failure, uncertain, stats } = await sendChunks({
    chunks,
    concurrency: options.concurrency ?? 4,
    policy: resolveRetryPolicy(options.retry, BATCH_RETRY),
    table,
    abortSignal: options.abortSignal,
    onDone: (e) => done.add(e.index),
    send: async (pending) => {
      const RequestItems: Record<string, WriteRequest[]> = {};
      for (const e of pending) (RequestItems[e.op.model.table.name] ??= []).push(e.request);
      const output = await send(table, 'BatchWriteItem', { RequestItems }, { abortSignal: options.abortSignal, capacity: options.returnConsumedCapacity });
      const unprocessed = Object.entries(output.UnprocessedItems ?? {}).map(
        ([t, requests]) =>
          [t, requests.flatMap((r): Record<string, AttributeValue>[] => { const key = r.PutRequest?.Item ?? r.DeleteRequest?.Key; return key ? [key] : []; })] as const,
      );
      return leftovers(pending, (e) => e.op, unprocessed);
    },
  });

  // Not done: handed back or never sent (chunks a failure stopped), or possibly applied by a failed send.
  const unprocessed: UnprocessedEntry<WriteOperation>[] = [];
  const outcomeUnknown: UnprocessedEntry<WriteOperation>[] = [];
  for (const e of entries) if (!done.has(e.index)) (uncertain.has(e) ? outcomeUnknown : unprocessed).push({ index: e.index, operation: e.op });
  if (failure !== undefined) throw new UnprocessedItemsError({ operation: 'BatchWriteItem', reason: 'error', unprocessed, outcomeUnknown, cause: failure });
  if (unprocessed.length + outcomeUnknown.length > 0 && !options.returnUnprocessed) {
    throw new UnprocessedItemsError({ operation: 'BatchWriteItem', reason: 'retries-exhausted', unprocessed, outcomeUnknown });
  }
  return { written: done.size, unprocessed, outcomeUnknown, ...(options.stats && { stats }) };
}

function notAllowed(op: WriteOperation, index: number, why: string): never {
  throw new RequestLimitError({
    operation: 'BatchWriteItem',
    reason: 'not-allowed',
    indexes: [index],
    message: `BatchWriteItem: operation #${index} (${op.entity} ${JSON.stringify(op.key)}) ${why}; use transactWrite or a single write`,
  });
}

function toEntry(op: WriteOperation, index: number): Entry {
  if (op.kind === 'put' && op.request.Put) {
    if (op.request.Put.ConditionExpression) {
      notAllowed(op, index, 'has a condition (or a version check), which batch writes cannot carry (for bulk loads of version-locked items: putOp(item, { load: true }))');
    }
    const Item = op.request.Put.Item!;
    const request = { PutRequest: { Item } };
    const bound = wireBoundOf(Item);
    // {"PutRequest":{"Item":…}}, is 25 bytes around the item (see writeRequestSize)
    return bound === undefined ? { index, op, request, bytes: writeRequestSize(request), exact: true } : { index, op, request, bytes: 25 + bound, exact: false };
  }
  if (op.kind === 'delete' && op.request.Delete) {
    if (op.request.Delete.ConditionExpression) notAllowed(op, index, 'has a condition (or a version check), which batch writes cannot carry');
    const Key = op.request.Delete.Key!;
    const request = { DeleteRequest: { Key } };
    return { index, op, request, bytes: writeRequestSize(request), exact: true };
  }
  return notAllowed(op, index, `is a ${op.kind} operation; batches take only puts and deletes`);
}

function checkDuplicates(ops: readonly WriteOperation[]): void {
  const seen = new Map<string, number>();
  ops.forEach((op, index) => {
    const first = seen.get(op.identity);
    if (first !== undefined) {
      throw new RequestLimitError({
        operation: 'BatchWriteItem',
        reason: 'duplicate-item',
        indexes: [first, index],
        message: `BatchWriteItem: operations #${first} and #${index} both target ${op.entity} ${JSON.stringify(op.key)}`,
      });
    }
    seen.set(op.identity, index);
  });
}

export { BATCH_WRITE_MAX_ITEMS, BATCH_WRITE_MAX_BYTES };
