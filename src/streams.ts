/**
 * `tablewright/streams`: typed change data capture. A decoder built from a
 * table's entities turns DynamoDB Streams and Kinesis records into typed
 * changes (images read like `get` reads items); the Lambda handlers run them
 * through per-entity callbacks with per-item ordering and partial-batch
 * failure reports. See docs/streams.md for the failure contract.
 *
 * @module
 */
export { streamDecoder } from './streams/stream-decoder.js';
export type { StreamDecoder, StreamDecoderOptions, DecodeOptions } from './streams/stream-decoder.js';
export type {
  StreamEntity,
  StreamItemOf,
  StreamKeyOf,
  ChangeKind,
  StreamRecordMeta,
  EntityChange,
  StreamChange,
  UnknownRecordReason,
  UnknownStreamRecord,
  InvalidStreamRecord,
  DecodedRecord,
} from './streams/stream-change.js';
export type { ChangeOrigin } from './streams/change-origin.js';
export { lastWriter, type WriteStamp } from './model/write-stamp.js';
export { detectLostUpdate, type LostUpdate } from './extensions/region-stamp/detect-lost-update.js';
export type { ChangeRecordInput, ChangeRecordBody, WireAttributeValue } from './streams/change-source.js';
export { dynamoDBStreamHandler, processDynamoDBRecords } from './streams/dynamodb-stream-handler.js';
export type { DynamoDBStreamEventLike } from './streams/dynamodb-stream-handler.js';
export { kinesisStreamHandler, processKinesisRecords } from './streams/kinesis-stream-handler.js';
export type { KinesisStreamEventLike, KinesisRecordLike } from './streams/kinesis-stream-handler.js';
export type { StreamBatchOptions, StreamBatchResponse, StreamBatchResult, StreamRecordFailure } from './streams/stream-batch.js';
export { streamRecordHandler } from './streams/record-handler.js';
export type { StreamCallbacks, EntityCallbacks, KindCallbacks, CatchAllCallbacks, ChangeOfEntity, CallbackResult } from './streams/record-dispatch.js';
export { isTtlDeletion, recordKind } from './streams/record-kind.js';
export type { RecordKind, StreamRecordLike, StreamRecordIdentity } from './streams/record-kind.js';
export { StreamRecordError } from './errors.js';
export type { StreamRecordErrorReason } from './errors.js';
export { streamConsumer } from './streams/consumer/stream-consumer.js';
export type { StreamConsumer } from './streams/consumer/stream-consumer.js';
export type { StreamConsumerOptions } from './streams/consumer/consumer-options.js';
export type { ConsumerEvent, ConsumerActivity } from './streams/consumer/consumer-events.js';
export type { ShardLease } from './streams/consumer/lease-store.js';
export { LEASE_ENTITY } from './streams/consumer/lease-store.js';
