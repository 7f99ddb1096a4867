import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { EntityModel } from '../model/entity-model.js';
import type { WriteGuard } from '../model/write-extension.js';
import { entityCancellation } from './entity-cancellation.js';
import { entityItemIdentity } from './item-identity.js';
import type { WriteOperation } from './write-operation.js';

/** The expression fields every transactional write item carries, copied from a single-item request. @internal */
export function guardedFields(input: {
  readonly ConditionExpression?: string | undefined;
  readonly ExpressionAttributeNames?: Record<string, string> | undefined;
  readonly ExpressionAttributeValues?: Record<string, AttributeValue> | undefined;
  readonly ReturnValuesOnConditionCheckFailure?: 'ALL_OLD' | 'NONE' | string | undefined;
}) {
  return {
    ConditionExpression: input.ConditionExpression,
    ExpressionAttributeNames: input.ExpressionAttributeNames,
    ExpressionAttributeValues: input.ExpressionAttributeValues,
    ReturnValuesOnConditionCheckFailure: input.ReturnValuesOnConditionCheckFailure as 'ALL_OLD' | 'NONE' | undefined,
  };
}

/**
 * An entity's operation for `transactWrite`/`batchWrite`: the request item
 * plus what the transaction and batch code need (identity, table, guard,
 * how to read its cancellation). One shape for put, update, delete and
 * condition checks. @internal
 */
export function entityWriteOperation<T>(args: {
  readonly model: EntityModel;
  readonly kind: WriteOperation['kind'];
  readonly key: Readonly<Record<string, unknown>>;
  readonly item?: T | undefined;
  readonly request: TransactWriteItem;
  /** The stored primary key (or the whole stored item) the identity is read from. */
  readonly stored: Record<string, AttributeValue>;
  readonly guard: WriteGuard;
  readonly interpretCancellation?: WriteOperation['interpretCancellation'];
}): WriteOperation<T> {
  const { model } = args;
  return {
    kind: args.kind,
    entity: model.name,
    key: args.key,
    item: args.item,
    request: args.request,
    model,
    guard: args.guard,
    identity: entityItemIdentity(model, args.stored),
    table: model.table,
    interpretCancellation: args.interpretCancellation ?? entityCancellation,
  };
}
