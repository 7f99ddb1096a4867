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
export { ItemTooLargeError, RequestLimitError } from './errors.js';
export type { AttributeSizeEntry } from './errors.js';
