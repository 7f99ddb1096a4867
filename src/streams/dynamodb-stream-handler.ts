import type { StreamViewType } from '@aws-sdk/client-dynamodb';
import type { ChangeRecordInput } from './change-source.js';
import type { StreamCallbacks } from './record-dispatch.js';
import { batchOptions, itemKeyOf, runBatch, type StreamBatchOptions, type StreamBatchResponse, type StreamBatchResult } from './stream-batch.js';
import type { StreamEntity } from './stream-change.js';
import type { StreamDecoder } from './stream-decoder.js';

/** A Lambda `DynamoDBStreamEvent` (`@types/aws-lambda` fits), or any list of change records. */
export interface DynamoDBStreamEventLike {
  /** The batch, in shard order. */
  readonly Records: readonly ChangeRecordInput[];
}

/**
 * A Lambda handler for a DynamoDB Streams event source mapping with
 * `FunctionResponseTypes: ['ReportBatchItemFailures']`.
 *
 * Contract: records of one item run in stream order; different items run
 * concurrently (`concurrency`, default 8) or one by one (`sequential`). When a
 * record fails, no later record of its item runs, and the response reports
 * every record not applied by its `dynamodb.SequenceNumber`. Lambda
 * checkpoints at the lowest reported sequence number and redelivers from
 * there to the end of the batch, records that succeeded included: callbacks
 * must be idempotent (dedupe by `record.id`). A failed record without a
 * sequence number throws, which fails (and redelivers) the whole batch.
 *
 * @example
 * ```ts
 * const decoder = streamDecoder([Order], { view: 'NEW_AND_OLD_IMAGES' });
 * export const handler = dynamoDBStreamHandler(decoder, {
 *   Order: { modify: async (r) => index.update(r.keys, r.oldItem.status, r.newItem.status) },
 * });
 * ```
 */
export function dynamoDBStreamHandler<E extends StreamEntity, V extends StreamViewType>(
  decoder: StreamDecoder<E, V>,
  callbacks: StreamCallbacks<E, V>,
  options: StreamBatchOptions = {},
): (event: DynamoDBStreamEventLike) => Promise<StreamBatchResponse> {
  const run = batchOptions(options);
  // Only the response: Lambda serialises what the handler returns (6 MB cap).
  return async (event) => ({
    batchItemFailures: (await processDynamoDBRecords(decoder, event?.Records ?? [], callbacks, options, run)).batchItemFailures,
  });
}

/**
 * Processes DynamoDB Streams records (a Lambda batch, or a page a polling
 * consumer read) with the handler's contract; the result says what was not applied.
 */
export function processDynamoDBRecords<E extends StreamEntity, V extends StreamViewType>(
  decoder: StreamDecoder<E, V>,
  records: readonly ChangeRecordInput[],
  callbacks: StreamCallbacks<E, V>,
  options: StreamBatchOptions = {},
  run: { concurrency: number; sequential: boolean } = batchOptions(options),
): Promise<StreamBatchResult> {
  return runBatch(
    records.map((record) => ({
      record: decoder.decode(record),
      identifier: record?.dynamodb?.SequenceNumber,
      itemKey: itemKeyOf(record),
    })),
    callbacks,
    options,
    run,
  );
}
