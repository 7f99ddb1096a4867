import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { EntityModel } from '../model/entity-model.js';
import type { WriteGuard } from '../model/write-extension.js';
import { entityCancellation } from './entity-cancellation.js';
import { entityItemIdentity } from './item-identity.js';
import type { WriteOperation } from './write-operation.js';

/**
 * `target` with the expression fields of a single-item request that are set,
 * for its transactional write item. Assigned one by one, never spread in:
 * members that are absent stay absent (the SDK serialises fewer keys), and
 * V8 adds them on cached transitions. @internal
 */
export function withGuardedFields<T extends object>(
  target: T,
  input: {
    readonly ConditionExpression?: string | undefined;
    readonly ExpressionAttributeNames?: Record<string, string> | undefined;
    readonly ExpressionAttributeValues?: Record<string, AttributeValue> | undefined;
    readonly ReturnValuesOnConditionCheckFailure?: 'ALL_OLD' | 'NONE' | string | undefined;
  },
): T & {
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
  ReturnValuesOnConditionCheckFailure?: 'ALL_OLD' | 'NONE';
} {
  const out = target as Record<string, unknown>;
  if (input.ConditionExpression !== undefined) out.ConditionExpression = input.ConditionExpression;
  if (input.ExpressionAttributeNames !== undefined) out.ExpressionAttributeNames = input.ExpressionAttributeNames;
  if (input.ExpressionAttributeValues !== undefined) out.ExpressionAttributeValues = input.ExpressionAttributeValues;
  if (input.ReturnValuesOnConditionCheckFailure !== undefined) out.ReturnValuesOnConditionCheckFailure = input.ReturnValuesOnConditionCheckFailure;
  return out as never;
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
