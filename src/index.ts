/**
 * tablewright: typed DynamoDB modeling with zod.
 *
 * Data-plane operations are free functions over an entity declaration
 * (`getItem(User, key)`, `putItem(User, item)`, `updateItem`, `deleteItem`,
 * `query`, `scan`, `transactWrite`, `batchGet`, …); the `Table` and `Entity`
 * classes are sugar whose methods delegate to them. A program that declares
 * its entities with `defineEntity` on a `TableCore` and calls the functions
 * bundles only what it calls; `Table`/`Entity` carry every method.
 *
 * Rule for new data-plane features: a new operation is a free function in
 * `src/functions/` (over an {@link EntityRef}, on top of its `actions/<action>/`
 * folder), exported here; a convenience method on `Entity` only where the
 * design already has one, delegating to the function. Bookkeeping behaviour
 * is a write extension (`src/extensions/`), control-plane features are free
 * functions in `tablewright/admin`. See docs/architecture.md.
 *
 * @packageDocumentation
 * @module tablewright
 */
export { Table } from './facades/table.js';
export type { TableConfig, IndexDefinition, IndexProjection, BillingMode, ThroughputUnits } from './model/table-definition.js';
export type { Drift } from './table/table-drift.js';
export type { EnsureResult, TableStatusReport, WaitOptions } from './table/table-lifecycle.js';

export { Entity } from './facades/entity.js';
export type { EntityConfig, EntityItem, EntityInput, EntityKey, PutResult } from './facades/entity.js';
export type { AnyObjectSchema, AttributeOf, EntityKeys, KeyTemplates, PrimaryKeyOf } from './model/entity-types.js';
export type { GetOptions } from './actions/get/get.js';
export type { RouteOption } from './request/route-option.js';
export type { PutOptions } from './actions/put/put.js';
export type { DeleteOptions } from './actions/delete/delete.js';

// data-plane free functions (the classes' methods delegate to them)
export { defineEntity } from './facades/define-entity.js';
export type { EntityRef } from './functions/entity-ref.js';
export { getItem } from './functions/get-item.js';
export { putItem, createItem } from './functions/put-item.js';
export { updateItem } from './functions/update-item.js';
export { deleteItem } from './functions/delete-item.js';
export { query, queryPages, count } from './functions/query.js';
export { scan, scanPages } from './functions/scan.js';
export { putOp, deleteOp, updateOp, conditionOp, getOp } from './functions/operations.js';
export { extendExpiry, removeExpiry } from './functions/expiry.js';

export type { KeyTemplate, StaticSegment } from './keys/key-template.js';
export type { CheckedKeys, CheckedTemplate, TemplateTypo } from './keys/template-types.js';
export { encodeNumber, decodeNumber } from './keys/number-encoding.js';
export { encodeDate, decodeDate } from './keys/date-encoding.js';
export { escapeSegment, splitKey } from './keys/escape.js';

export { conditionBuilder as condition } from './expressions/condition-builder.js';
export type { ConditionBuilder, ConditionInput, ConditionPath, SizeOf, AttributeRef } from './expressions/condition-builder.js';
export type { ConditionNode, Operand, AttributeTypeName, ComparisonOperator } from './expressions/condition-node.js';
export type { Path, PathValue } from './expressions/path-types.js';
export type { PathInput, PathSegment, AttributePath } from './expressions/attribute-path.js';

export type { Transport, TransportCapabilities, OperationName, OperationMap, SendOptions, RequestObservation } from './transport/transport.js';

// observability: one event per request, consumed capacity
export { observeRequests } from './observability/observe-requests.js';
export type { ObservableTable } from './observability/observe-requests.js';
export type { RequestEvent, RequestListener, ObserveOptions, ConsumedUnits, CapacityDetail, CapacityOption, RequestPath } from './observability/request-event.js';
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
export type { ValidationIssue, KeyErrorReason, StoredItemParser } from './errors.js';

// ttl
export type { Duration } from './extensions/ttl/duration.js';
export { durationMs } from './extensions/ttl/duration.js';
export type { ExpiryInput } from './extensions/ttl/ttl-value.js';
export type { TtlConfig } from './extensions/ttl/ttl-model.js';
export type { ExpiryUpdateOptions } from './actions/update/expiry-update.js';
export { TtlError } from './errors.js';
export type { TtlErrorReason } from './errors.js';

// streams
export { isTtlDeletion, recordKind } from './streams/record-kind.js';
export type { RecordKind, StreamRecordLike, StreamRecordIdentity } from './streams/record-kind.js';

// transactions, batch, optimistic locking, timestamps
export { transactWrite } from './actions/transact-write/transact-write.js';
export type { TransactWriteOptions, TransactWriteResult, TransactWriteStats } from './actions/transact-write/transact-write.js';
export { transactGet } from './actions/transact-get/transact-get.js';
export type { TransactGetOptions } from './actions/transact-get/transact-get.js';
export { idempotencyToken, writeIdempotently } from './actions/transact-write/idempotent-write.js';
export type { IdempotentWriteOptions, IdempotentWriteResult } from './actions/transact-write/idempotent-write.js';
export { batchGet } from './actions/batch-get/batch-get.js';
export type { BatchGetOptions, BatchGetResult } from './actions/batch-get/batch-get.js';
export { batchWrite } from './actions/batch-write/batch-write.js';
export type { BatchWriteOptions, BatchWriteResult } from './actions/batch-write/batch-write.js';
export type { BatchStats } from './request/send-chunks.js';
export type { RetryPolicy } from './request/retry-policy.js';
export type { WriteOperation } from './request/write-operation.js';
export type { PutOpOptions } from './actions/put/put-op.js';
export type { DeleteOpOptions } from './actions/delete/delete-op.js';
export type { TransactionParticipant, ParticipantTable, ParticipantReason } from './request/transaction-participant.js';
export type { GetOperation, GetResults } from './request/get-operation.js';
export type { VersionConfig } from './extensions/versioning/versioning.js';
export type { TimestampsConfig, TimestampFormat } from './extensions/timestamps/timestamps.js';
export {
  VersionConflictError,
  WriteOutcomeUnknownError,
  WriteUnconfirmedError,
  TransactionCanceledError,
  IdempotencyError,
  RequestLimitError,
  UnprocessedItemsError,
} from './errors.js';
export type { CancellationReason, UnprocessedEntry, WriteOutcomeUnknownReason } from './errors.js';
// direct transport
export { directTransport } from './transport/direct/direct-transport.js';
export type { DirectTransportOptions } from './transport/direct/direct-transport.js';
export { DirectTransportBypassError } from './errors.js';
// limits
export { itemSize, itemSizeBreakdown, ITEM_SIZE_LIMIT } from './limits/item-size.js';
export type { AttributeSize, ItemSizeBreakdown } from './limits/item-size.js';
export { marshalledItemSize } from './limits/attribute-value-size.js';
export type { StoredItemSize, IndexEntrySize } from './limits/stored-item-size.js';
export { checkUpdateSizes } from './limits/update-size.js';
export type { UpdateAssignment } from './limits/update-size.js';
export {
  chunkWrites,
  checkTransactWrite,
  checkTransactGet,
  transactWriteActionSize,
} from './limits/request-limits.js';
export type { ChunkLimits } from './limits/request-limits.js';
export { writeRequestSize } from './limits/wire-size.js';
export type { CompressionAlgorithm, CompressionConfig } from './schema/compression.js';
export { ItemTooLargeError } from './errors.js';
export type { RequestLimitReason } from './errors.js';
export type { AttributeSizeEntry } from './errors.js';
// expressions, updates, queries, collections, pagination
export { CursorError } from './errors.js';
export type { CursorErrorReason } from './errors.js';
export type { QueryKey, SortValues, PartitionKeyOf, SortKeyOf, Projected } from './model/entity-types.js';
export { updateBuilder as update } from './expressions/update-builder.js';
export type { UpdateBuilder, UpdateChanges, UpdateInput, UpdateExpressionValue } from './expressions/update-builder.js';
export type { UpdateAction, UpdateOperand } from './expressions/update-node.js';
export { keyConditionBuilder as sortKey } from './expressions/key-condition.js';
export type { KeyConditionBuilder, SortKeyCondition, SortKeyInput } from './expressions/key-condition.js';
export type { UpdateOptions, UpdateReturnValues } from './actions/update/update-request.js';
export type { QueryOptions } from './actions/query/query.js';
export type { Page, PageOptions } from './request/read-request.js';
export type { ScanOptions, ParallelScanOptions, ScanProgress, ScanBatch } from './actions/scan/scan.js';
export { Collection } from './facades/collection.js';
export type { AnyEntity, CollectionEntities, CollectionItems, CollectionKey, CollectionPage, CollectionQueryOptions } from './facades/collection.js';

// update integration (locking, limits, compression, TTL, transactions)
export type { UpdateOpOptions } from './actions/update/update-request.js';

// core (tablewright/core: the read path alone, for small bundles)
export { TableCore } from './facades/table-core.js';
export { EntityCore } from './facades/entity-core.js';
export type { EntityCoreConfig } from './facades/entity-core.js';
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

// schema evolution
export { schemaVersions, SchemaVersions } from './model/schema-versions.js';
export { SchemaVersionError, MigrationError, OutdatedItemError } from './errors.js';
export type { SchemaVersionErrorReason } from './errors.js';

// conflict awareness on global tables: Region stamps and lost-update detection
export { lastWriter, type WriteStamp } from './model/write-stamp.js';
export { detectLostUpdate, type LostUpdate } from './extensions/region-stamp/detect-lost-update.js';
export type { TableReplicas } from './model/table-replicas.js';
