/**
 * tablewright/core: the read path alone (`TableCore`, `EntityCore.get`), for
 * bundles that only read. Entities that write, query, lock, stamp or compress
 * are defined on the full `Table` from 'tablewright'; items are stored the same
 * way by both, and the error classes are the same classes.
 *
 * @packageDocumentation
 * @module tablewright/core
 */
export { TableCore } from './table/table-core.js';
export type { TableConfig, IndexDefinition, IndexProjection, BillingMode } from './table/table-definition.js';
export { EntityCore } from './entity/entity-core.js';
export type { EntityCoreConfig } from './entity/entity-core.js';
export type { AnyObjectSchema, AttributeOf, EntityKeys, KeyTemplates, PrimaryKeyOf } from './entity/entity-types.js';
export type { GetOptions } from './operations/get.js';
export type { ConditionInput } from './expressions/condition-builder.js';
export type { KeyTemplate } from './keys/key-template.js';
export type { TtlConfig } from './ttl/ttl-model.js';
export type { Transport, OperationName, OperationMap, SendOptions } from './transport/transport.js';
export { sdkTransport } from './transport/transport.js';
export {
  TablewrightError,
  ValidationError,
  KeyError,
  ConfigurationError,
  ConditionFailedError,
  ExpressionError,
  DynamoDBError,
  TableNotFoundError,
  TtlError,
  ItemTooLargeError,
} from './errors.js';
export type { ValidationIssue, KeyErrorReason } from './errors.js';
