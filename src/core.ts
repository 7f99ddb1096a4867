/**
 * tablewright/core: the read path alone (`TableCore`, `EntityCore.get`), for
 * bundles that only read. Entities that write, query, lock, stamp or compress
 * are defined on the full `Table` from 'tablewright'; items are stored the same
 * way by both, and the error classes are the same classes.
 *
 * @packageDocumentation
 * @module tablewright/core
 */
export { TableCore } from './facades/table-core.js';
export type { TableConfig, IndexDefinition, IndexProjection, BillingMode } from './model/table-definition.js';
export { EntityCore } from './facades/entity-core.js';
export type { EntityCoreConfig } from './facades/entity-core.js';
export type { AnyObjectSchema, AttributeOf, EntityKeys, KeyTemplates, PrimaryKeyOf } from './model/entity-types.js';
export type { GetOptions } from './actions/get/get.js';
export type { RouteOption } from './request/route-option.js';
export type { ConditionInput } from './expressions/condition-builder.js';
export type { KeyTemplate, StaticSegment } from './keys/key-template.js';
export type { CheckedKeys, CheckedTemplate, TemplateTypo } from './keys/template-types.js';
export type { TtlConfig } from './extensions/ttl/ttl-model.js';
export type { Transport, TransportCapabilities, OperationName, OperationMap, SendOptions } from './transport/transport.js';
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
export { schemaVersions, SchemaVersions } from './model/schema-versions.js';
export { SchemaVersionError, MigrationError } from './errors.js';
