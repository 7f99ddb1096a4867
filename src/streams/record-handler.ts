import type { StreamViewType } from '@aws-sdk/client-dynamodb';
import { StreamRecordError } from '../errors.js';
import type { ChangeRecordInput } from './change-source.js';
import { dispatchRecord, type CatchAllCallbacks, type StreamCallbacks } from './record-dispatch.js';
import { itemKeyOf } from './stream-batch.js';
import type { StreamEntity } from './stream-change.js';
import type { StreamDecoder } from './stream-decoder.js';

/**
 * A one-record handler for batch frameworks that report failures record by
 * record, such as Powertools' `BatchProcessor` (`EventType.DynamoDBStreams`):
 * decodes the record, runs its callback, throws when it fails. Create one per
 * invocation (it remembers the items that failed in this batch) and let the
 * framework run records in order (`processInParallel: false`): a later record
 * of an item that already failed then throws `StreamRecordError`
 * (`earlier-failure`) without running, so the framework reports it too and no
 * change of an item is applied after an earlier one failed.
 *
 * @example
 * ```ts
 * import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
 * import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
 * import { streamDecoder, streamRecordHandler } from 'tablewright/streams';
 *
 * const decoder = streamDecoder([Order]);
 * const processor = new BatchProcessor(EventType.DynamoDBStreams);
 * const onRecord = streamRecordHandler(decoder, { Order: { modify: async () => undefined } });
 * export const handler = (event: DynamoDBStreamEvent, context: Context) =>
 *   processPartialResponse(event, onRecord, processor, { context, processInParallel: false });
 * ```
 */
export function streamRecordHandler<E extends StreamEntity, V extends StreamViewType>(
  decoder: StreamDecoder<E, V>,
  callbacks: StreamCallbacks<E, V>,
  catchAll: CatchAllCallbacks = {},
): (record: ChangeRecordInput) => Promise<void> {
  const failed = new Map<string, string>();
  return async (record) => {
    const decoded = decoder.decode(record);
    const itemKey = itemKeyOf(record);
    const first = failed.get(itemKey);
    if (first !== undefined) {
      throw new StreamRecordError({
        reason: 'earlier-failure',
        message: `stream record ${decoded.id} not applied: record ${first} of the same item failed earlier in the batch`,
        recordId: decoded.id,
        entity: decoded.entity,
      });
    }
    try {
      await dispatchRecord(decoded, callbacks, catchAll);
    } catch (error) {
      failed.set(itemKey, decoded.id);
      throw error;
    }
  };
}
