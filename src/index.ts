/**
 * tablewright: typed DynamoDB modeling with zod.
 *
 * @packageDocumentation
 */
export { Table } from './table/table.js';
export type { TableConfig, IndexDefinition, IndexProjection, BillingMode } from './table/table-definition.js';
export type { Drift } from './table/table-drift.js';
export type { EnsureResult, TableStatusReport, WaitOptions } from './table/table-lifecycle.js';

export { Entity } from './entity/entity.js';
export type { EntityConfig, EntityItem, EntityInput, EntityKey, PutResult } from './entity/entity.js';
export type { AnyObjectSchema, AttributeOf, EntityKeys, KeyTemplates, PrimaryKeyOf } from './entity/entity-types.js';
export type { GetOptions } from './operations/get.js';
export type { PutOptions } from './operations/put.js';
export type { DeleteOptions } from './operations/delete.js';

export type { KeyTemplate } from './keys/key-template.js';
export { PARTITION_KEY_MAX_BYTES, SORT_KEY_MAX_BYTES } from './keys/key-template.js';
export { encodeNumber, decodeNumber } from './keys/number-encoding.js';
export { encodeDate, decodeDate } from './keys/date-encoding.js';
export { escapeSegment, splitKey } from './keys/escape.js';

export { conditionBuilder as condition } from './expressions/condition-builder.js';
export type { ConditionBuilder, ConditionInput, ConditionPath, SizeOf, AttributeRef } from './expressions/condition-builder.js';
export type { ConditionNode, Operand, AttributeTypeName, ComparisonOperator } from './expressions/condition-node.js';
export type { Path, PathValue } from './expressions/path-types.js';
export type { PathInput, PathSegment, AttributePath } from './expressions/attribute-path.js';

export type { Transport, OperationName, OperationMap, SendOptions } from './transport/transport.js';
export { sdkTransport } from './transport/transport.js';

export {
  TablewrightError,
  ValidationError,
  KeyError,
  ConditionFailedError,
  ConfigurationError,
  ExpressionError,
  DynamoDBError,
  TableNotFoundError,
} from './errors.js';
export type { ValidationIssue, KeyErrorReason } from './errors.js';

// ttl
export type { Duration } from './ttl/duration.js';
export { durationMs } from './ttl/duration.js';
export type { ExpiryInput } from './ttl/ttl-value.js';
export type { TtlConfig } from './ttl/ttl-model.js';
export type { ExpiryUpdateOptions } from './ttl/expiry-update.js';
export { TtlError } from './errors.js';
export type { TtlErrorReason } from './errors.js';

// streams
export { isTtlDeletion, recordKind } from './streams/record-kind.js';
export type { RecordKind, StreamRecordLike, StreamRecordIdentity } from './streams/record-kind.js';

// transactions, batch, optimistic locking, timestamps (issue 5)
export { transactWrite } from './transactions/transact-write.js';
export type { TransactWriteOptions } from './transactions/transact-write.js';
export { transactGet } from './transactions/transact-get.js';
export type { TransactGetOptions } from './transactions/transact-get.js';
export { writeIdempotently } from './transactions/idempotent-write.js';
export type { IdempotentWriteOptions } from './transactions/idempotent-write.js';
export { batchGet } from './batch/batch-get.js';
export type { BatchGetOptions, BatchGetResult } from './batch/batch-get.js';
export { batchWrite } from './batch/batch-write.js';
export type { BatchWriteOptions, BatchWriteResult } from './batch/batch-write.js';
export type { RetryPolicy } from './operations/retry-policy.js';
export type { WriteOperation, PutOpOptions, DeleteOpOptions } from './operations/write-operation.js';
export type { GetOperation, GetResults } from './operations/get-operation.js';
export type { VersionConfig } from './locking/versioning.js';
export type { TimestampsConfig, TimestampFormat } from './schema/timestamps.js';
export {
  VersionConflictError,
  TransactionCanceledError,
  IdempotencyError,
  RequestLimitError,
  UnprocessedItemsError,
} from './errors.js';
export type { CancellationReason, UnprocessedEntry } from './errors.js';
// direct transport
export { directTransport } from './transport/direct/direct-transport.js';
export type { DirectTransportOptions } from './transport/direct/direct-transport.js';
export { DirectTransportBypassError } from './errors.js';
// limits
export { itemSize, itemSizeBreakdown, ITEM_SIZE_LIMIT } from './limits/item-size.js';
export type { AttributeSize, ItemSizeBreakdown } from './limits/item-size.js';
export { attributeValueSize, marshalledItemSize } from './limits/attribute-value-size.js';
export { numberSize, MAX_NUMBER_SIZE } from './limits/number-size.js';
export { numberIssue, MAX_NUMBER_DIGITS, MAX_NUMBER_EXPONENT, MIN_NUMBER_EXPONENT } from './limits/number-limits.js';
export type { NumberIssue, NumberIssueCode, NumberValueLike } from './limits/number-limits.js';
export { utf8Length } from './limits/utf8-length.js';
export type { StoredItemSize, IndexEntrySize } from './limits/stored-item-size.js';
export { checkUpdateSizes } from './limits/update-size.js';
export type { UpdateAssignment } from './limits/update-size.js';
export {
  chunkWrites,
  checkTransactWrite,
  checkTransactGet,
  transactWriteActionSize,
  TRANSACTION_MAX_ACTIONS,
  TRANSACTION_MAX_BYTES,
  BATCH_WRITE_MAX_ITEMS,
  BATCH_WRITE_MAX_BYTES,
  BATCH_GET_MAX_KEYS,
} from './limits/request-limits.js';
export type { ChunkLimits } from './limits/request-limits.js';
export { wireItemSize, writeRequestSize } from './limits/wire-size.js';
export type { CompressionAlgorithm, CompressionConfig } from './schema/compression.js';
export { ItemTooLargeError } from './errors.js';
export type { RequestLimitReason } from './errors.js';
export type { AttributeSizeEntry } from './errors.js';
// expressions, updates, queries, collections, pagination (issue 3)
export { CursorError } from './errors.js';
export type { CursorErrorReason } from './errors.js';
export type { QueryKey, SortValues, PartitionKeyOf, SortKeyOf } from './entity/entity-types.js';
export { updateBuilder as update } from './expressions/update-builder.js';
export type { UpdateBuilder, UpdateChanges, UpdateInput, UpdateExpressionValue } from './expressions/update-builder.js';
export type { UpdateAction, UpdateOperand } from './expressions/update-node.js';
export { keyConditionBuilder as sortKey } from './expressions/key-condition.js';
export type { KeyConditionBuilder, SortKeyCondition, SortKeyInput } from './expressions/key-condition.js';
export type { UpdateOptions, UpdateReturnValues } from './operations/update.js';
export type { QueryOptions } from './operations/query.js';
export type { Page, PageOptions } from './operations/read-request.js';
export type { ScanOptions, ParallelScanOptions, ScanProgress, ScanBatch } from './operations/scan.js';
export { Collection } from './collection/collection.js';
export type { AnyEntity, CollectionEntities, CollectionItems, CollectionKey, CollectionPage, CollectionQueryOptions } from './collection/collection.js';

// update integration (locking, limits, compression, TTL, transactions)
export type { UpdateOpOptions } from './operations/update.js';

// core (tablewright/core: the read path alone, for small bundles)
export { TableCore } from './table/table-core.js';
export { EntityCore } from './entity/entity-core.js';
export type { EntityCoreConfig } from './entity/entity-core.js';
// multi-Region routing
export { regionRouter } from './transport/region-router/region-router.js';
export type { RegionRouter } from './transport/region-router/region-router.js';
export type {
  RegionRouterOptions,
  RegionRouterEvent,
  RouterRegion,
  HomeRegionQuery,
  PinPolicy,
  ReadYourWritesOptions,
  RouterHealthOptions,
  RegionDownEvent,
  RegionUpEvent,
  FailoverEvent,
  FailbackEvent,
  ProbeEvent,
  PinnedRefusedEvent,
  StaleReadEvent,
} from './transport/region-router/region-router-options.js';
export type { RegionHealth } from './transport/region-router/region-health.js';
export { isRegionFailure } from './transport/region-router/region-failure.js';
export { PinnedRegionUnavailableError, RegionsUnavailableError, MixedHomeRegionsError, type PinReason, type RegionFailure } from './transport/region-router/region-errors.js';
