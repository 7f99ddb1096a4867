import type { StreamViewType } from '@aws-sdk/client-dynamodb';
import type { ChangeRecordInput } from './change-source.js';
import type { StreamCallbacks } from './record-dispatch.js';
import { batchOptions, itemKeyOf, runBatch, type BatchRecord, type StreamBatchOptions, type StreamBatchResponse, type StreamBatchResult } from './stream-batch.js';
import type { StreamEntity } from './stream-change.js';
import type { StreamDecoder } from './stream-decoder.js';

/** One record of a Lambda `KinesisStreamEvent` (`@types/aws-lambda` fits). */
export interface KinesisRecordLike {
  /** `shardId-…:<sequenceNumber>`. */
  readonly eventID?: string | undefined;
  /** The Kinesis part of the record. */
  readonly kinesis: {
    /** Base64 of the JSON DynamoDB change record. */
    readonly data: string;
    /** Kinesis sequence number: the identifier reported in `batchItemFailures`. */
    readonly sequenceNumber: string;
    /** Kinesis partition key. */
    readonly partitionKey?: string | undefined;
  };
}

/** A Lambda `KinesisStreamEvent` from a Kinesis data stream that a DynamoDB table streams to. */
export interface KinesisStreamEventLike {
  /** The batch, in shard order. */
  readonly Records: readonly KinesisRecordLike[];
}

/**
 * The Lambda handler for **Kinesis Data Streams for DynamoDB**: the same
 * decoder, callbacks and failure contract as {@link dynamoDBStreamHandler},
 * reporting the Kinesis `sequenceNumber` of every record not applied.
 *
 * What Kinesis changes (AWS: records can arrive out of order and more than
 * once; use `ApproximateCreationDateTime` and the keys to order and dedupe):
 * within a batch, the records of one item are ordered by
 * `ApproximateCreationDateTime` (ties keep arrival order) and a repeat of a
 * record (same `id`, a digest of table, event, keys and creation time) is
 * skipped. Repeats across batches reach the callbacks: dedupe by `record.id`.
 * Records of one item are assumed to share a Kinesis shard (DynamoDB
 * partitions the Kinesis stream by the item's key), so one batch sees them in
 * its shard's order.
 */
export function kinesisStreamHandler<E extends StreamEntity, V extends StreamViewType>(
  decoder: StreamDecoder<E, V>,
  callbacks: StreamCallbacks<E, V>,
  options: StreamBatchOptions = {},
): (event: KinesisStreamEventLike) => Promise<StreamBatchResponse> {
  const run = batchOptions(options);
  return async (event) => ({
    batchItemFailures: (await processKinesisRecords(decoder, event?.Records ?? [], callbacks, options, run)).batchItemFailures,
  });
}

/** Processes Kinesis records with the handler's contract; the result says what was not applied. */
export function processKinesisRecords<E extends StreamEntity, V extends StreamViewType>(
  decoder: StreamDecoder<E, V>,
  records: readonly KinesisRecordLike[],
  callbacks: StreamCallbacks<E, V>,
  options: StreamBatchOptions = {},
  run: { concurrency: number; sequential: boolean } = batchOptions(options),
): Promise<StreamBatchResult> {
  const batch = records.map((kinesisRecord, arrival) => {
    const change = readChange(kinesisRecord);
    const record = decoder.decode(change ?? ({ eventID: kinesisRecord?.eventID } as ChangeRecordInput), { source: 'kinesis' });
    return {
      arrival,
      time: record.approximateCreationTime?.getTime() ?? 0,
      entry: { record, identifier: kinesisRecord?.kinesis?.sequenceNumber, itemKey: change ? itemKeyOf(change) : `\u0000malformed:${arrival}` } as BatchRecord,
    };
  });
  // Per item, creation-time order; the item's position in the batch stays its first arrival.
  const byItem = new Map<string, typeof batch>();
  for (const b of batch) {
    const group = byItem.get(b.entry.itemKey);
    if (group) group.push(b);
    else byItem.set(b.entry.itemKey, [b]);
  }
  const ordered: BatchRecord[] = [];
  for (const group of byItem.values()) {
    group.sort((a, b) => a.time - b.time || a.arrival - b.arrival);
    for (const b of group) ordered.push(b.entry);
  }
  return runBatch(ordered, callbacks, options, run);
}

/** The DynamoDB change record a Kinesis record carries; `undefined` when it is not one. */
function readChange(record: KinesisRecordLike): ChangeRecordInput | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8'));
    return parsed && typeof parsed === 'object' && 'dynamodb' in parsed ? (parsed as ChangeRecordInput) : undefined;
  } catch {
    return undefined;
  }
}
