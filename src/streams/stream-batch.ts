import type { StreamViewType } from '@aws-sdk/client-dynamodb';
import { ConfigurationError, StreamRecordError } from '../errors.js';
import { dispatchRecord, type CatchAllCallbacks, type StreamCallbacks } from './record-dispatch.js';
import { runOrdered, type OrderedEntry } from './ordered-batch.js';
import type { DecodedRecord, StreamEntity } from './stream-change.js';
import type { ChangeRecordInput } from './change-source.js';

/** How a batch runs and where unclaimed records go. */
export interface StreamBatchOptions extends CatchAllCallbacks {
  /** Items (not records) processed at once; the records of one item always run one after another. Default 8. */
  readonly concurrency?: number;
  /** Process one record at a time, in batch order. Default `false`. */
  readonly sequential?: boolean;
  /** Told of each record not applied (for logging); its errors are ignored. */
  readonly onFailure?: ((failure: StreamRecordFailure) => void) | undefined;
}

/** The partial-batch response Lambda reads when `ReportBatchItemFailures` is enabled on the event source mapping. */
export interface StreamBatchResponse {
  /** The records not applied; empty on success. Lambda resumes at the lowest. */
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

/** A record that was not applied. */
export interface StreamRecordFailure {
  /** The record's sequence number (`dynamodb.SequenceNumber`, or the Kinesis record's `sequenceNumber`). */
  readonly itemIdentifier: string | undefined;
  /** The decoded record. */
  readonly record: DecodedRecord<StreamEntity>;
  /** `'failed'`: its callback (or decoding) failed; `'after-failure'`: an earlier record of the same item failed, so it was not run. */
  readonly reason: 'failed' | 'after-failure';
  /** What the callback threw, or the `StreamRecordError` that explains the refusal. */
  readonly error: unknown;
}

/** What a batch did. */
export interface StreamBatchResult extends StreamBatchResponse {
  /** Records whose callback ran and succeeded (duplicates skipped not counted). */
  readonly applied: number;
  /** Records skipped as repeats of an earlier record of the batch (same id; Kinesis). */
  readonly duplicates: number;
  /** Every record not applied, in the order they were given. */
  readonly failures: readonly StreamRecordFailure[];
}

/** One record to process. @internal */
export interface BatchRecord {
  readonly record: DecodedRecord<StreamEntity>;
  readonly identifier: string | undefined;
  readonly itemKey: string;
}

interface Entry extends OrderedEntry {
  readonly batch: BatchRecord;
  readonly index: number;
}

/** Reads and checks the batch options once. @internal */
export function batchOptions(options: StreamBatchOptions): { concurrency: number; sequential: boolean } {
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ConfigurationError(`stream handler: concurrency must be a positive integer, got ${String(options.concurrency)}`);
  }
  return { concurrency, sequential: options.sequential === true };
}

/**
 * Runs decoded records through the callbacks and builds the response. Every
 * record not applied is reported, so Lambda's checkpoint (the lowest reported
 * identifier) never passes a record that did not run.
 * @internal
 */
export async function runBatch<E extends StreamEntity, V extends StreamViewType>(
  records: readonly BatchRecord[],
  callbacks: StreamCallbacks<E, V>,
  options: StreamBatchOptions,
  run: { concurrency: number; sequential: boolean },
): Promise<StreamBatchResult> {
  const entries: Entry[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  records.forEach((batch, index) => {
    const record = batch.record;
    if (seen.has(record.id)) {
      duplicates++;
      return;
    }
    seen.add(record.id);
    entries.push({
      batch,
      index,
      itemKey: batch.itemKey,
      identifier: batch.identifier,
      recordId: record.id,
      entity: record.entity,
      run: () => dispatchRecord(record as DecodedRecord<E, V>, callbacks, options),
    });
  });
  const notApplied = await runOrdered(entries, run);
  notApplied.sort((a, b) => a.entry.index - b.entry.index);
  const failures: StreamRecordFailure[] = notApplied.map((n) => ({
    itemIdentifier: n.entry.identifier,
    record: n.entry.batch.record,
    reason: n.reason,
    error: n.error,
  }));
  for (const failure of failures) {
    try {
      options.onFailure?.(failure);
    } catch {
      // a logging hook must not change the outcome
    }
  }
  const unidentified = failures.find((f) => f.itemIdentifier === undefined || f.itemIdentifier === '');
  if (unidentified) {
    // Lambda fails the whole batch on an empty identifier anyway; say why.
    throw new StreamRecordError({
      reason: 'no-identifier',
      message: `stream record ${unidentified.record.id} failed and has no sequence number to report: the whole batch must be retried`,
      recordId: unidentified.record.id,
      entity: unidentified.record.entity,
      cause: unidentified.error,
    });
  }
  // Duplicates of a record that was not applied were not applied either; Kinesis may
  // have delivered the later copy at a lower sequence number.
  const reported = new Set(failures.map((f) => f.itemIdentifier!));
  const failedIds = new Set(failures.map((f) => f.record.id));
  records.forEach((batch) => {
    if (failedIds.has(batch.record.id) && batch.identifier) reported.add(batch.identifier);
  });
  return {
    batchItemFailures: [...reported].map((itemIdentifier) => ({ itemIdentifier })),
    applied: entries.length - failures.length,
    duplicates,
    failures,
  };
}

/** The item a record changes, as a string: its stored keys with sorted names. @internal */
export function itemKeyOf(record: ChangeRecordInput): string {
  const keys = record?.dynamodb?.Keys;
  if (!keys) return `\u0000no-keys:${String(record?.eventID)}`;
  return JSON.stringify(
    Object.keys(keys)
      .sort()
      .map((name) => [name, keys[name]]),
  );
}
