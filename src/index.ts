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
  DynamoDBError,
  TableNotFoundError,
} from './errors.js';
export type { ValidationIssue, KeyErrorReason } from './errors.js';

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
