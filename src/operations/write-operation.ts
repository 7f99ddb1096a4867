import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { EntityModel } from '../entity/entity-model.js';
import { keyValues, primaryKey } from '../entity/item-codec.js';
import { compileCondition } from '../expressions/compile-condition.js';
import { resolveCondition, type ConditionInput } from '../expressions/condition-builder.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { guardDelete, type WriteGuard } from '../locking/write-guard.js';
import { prepareDelete } from './delete.js';
import { entityItemIdentity } from './item-identity.js';
import { notExistsCondition, preparePut } from './put.js';
import type { UpdateInput } from '../expressions/update-builder.js';
import type { UpdateOpOptions } from './update.js';
import { prepareGuardedUpdate } from './update-item.js';

/**
 * One prepared write for `transactWrite` (and, for plain puts/deletes,
 * `batchWrite`): built and validated by the entity, no I/O yet.
 *
 * Updates (`Entity.updateOp`, `kind: 'update'`) join transactions only:
 * `batchWrite` refuses them, as DynamoDB's BatchWriteItem carries no updates.
 *
 * @typeParam T - the entity's item type
 */
export interface WriteOperation<T = unknown> {
  readonly kind: 'put' | 'delete' | 'condition' | 'update';
  /** Entity name. */
  readonly entity: string;
  /** The primary-key attribute values (for errors and results). */
  readonly key: Readonly<Record<string, unknown>>;
  /** For puts: the item as it will be stored (after defaults, version increment, timestamps). */
  readonly item: T | undefined;
  /** The SDK request item. */
  readonly request: TransactWriteItem;
  /** @internal */
  readonly model: EntityModel;
  /** Version/write-token bookkeeping. @internal */
  readonly guard: WriteGuard;
  /** Table + key, to find two operations on one item. @internal */
  readonly identity: string;
}

/** Options of `Entity.putOp`. */
export interface PutOpOptions<T> {
  readonly condition?: ConditionInput<T> | undefined;
  /** `true`: the item must not exist yet (like `Entity.create`). */
  readonly create?: boolean | undefined;
}

/** Options of `Entity.deleteOp`. */
export interface DeleteOpOptions<T> {
  readonly condition?: ConditionInput<T> | undefined;
  /** Version-locked entities: the version read (or `'any'`). */
  readonly expectedVersion?: number | 'any' | undefined;
}

/** @internal */
export function putOperation<T>(model: EntityModel, item: unknown, options: PutOpOptions<T> = {}): WriteOperation<T> {
  const condition = options.condition && resolveCondition(options.condition as ConditionInput<unknown>, model);
  const notExists = options.create ? notExistsCondition(model) : undefined;
  const prepared = preparePut(model, item, condition, notExists, { create: options.create === true, writeToken: false });
  const { input } = prepared;
  return {
    kind: 'put',
    entity: model.name,
    key: prepared.key,
    item: prepared.parsed as T,
    request: {
      Put: {
        TableName: input.TableName,
        Item: input.Item,
        ConditionExpression: input.ConditionExpression,
        ExpressionAttributeNames: input.ExpressionAttributeNames,
        ExpressionAttributeValues: input.ExpressionAttributeValues,
        ReturnValuesOnConditionCheckFailure: input.ReturnValuesOnConditionCheckFailure,
      },
    },
    model,
    guard: prepared.guard,
    identity: entityItemIdentity(model, input.Item!),
  };
}

/** @internal */
export function deleteOperation<T>(model: EntityModel, key: Readonly<Record<string, unknown>>, options: DeleteOpOptions<T> = {}): WriteOperation<T> {
  const guard = guardDelete(model, options.expectedVersion);
  const condition = options.condition && resolveCondition(options.condition as ConditionInput<unknown>, model);
  const input = prepareDelete(model, key, condition, guard.condition);
  return {
    kind: 'delete',
    entity: model.name,
    key: keyValues(model, key),
    item: undefined,
    request: {
      Delete: {
        TableName: input.TableName,
        Key: input.Key,
        ConditionExpression: input.ConditionExpression,
        ExpressionAttributeNames: input.ExpressionAttributeNames,
        ExpressionAttributeValues: input.ExpressionAttributeValues,
        ReturnValuesOnConditionCheckFailure: input.ReturnValuesOnConditionCheckFailure,
      },
    },
    model,
    guard,
    identity: entityItemIdentity(model, input.Key!),
  };
}

/** @internal */
export function conditionOperation<T>(model: EntityModel, key: Readonly<Record<string, unknown>>, condition: ConditionInput<T>): WriteOperation<T> {
  const ctx = new ExpressionContext();
  const Key: Record<string, AttributeValue> = primaryKey(model, key);
  const expression = compileCondition(resolveCondition(condition as ConditionInput<unknown>, model), ctx);
  return {
    kind: 'condition',
    entity: model.name,
    key: keyValues(model, key),
    item: undefined,
    request: {
      ConditionCheck: {
        TableName: model.table.name,
        Key,
        ConditionExpression: expression,
        ...ctx.toRequest(),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    model,
    guard: { condition: undefined, token: undefined, versioned: false, expectedVersion: undefined },
    identity: entityItemIdentity(model, Key),
  };
}

/**
 * An update for `transactWrite` (or `writeIdempotently`): validated, size-
 * checked and built now, with version check/increment, timestamps and TTL as
 * in `Entity.update`; no write token (the transaction's ClientRequestToken
 * makes resends safe).
 * @internal
 */
export function updateOperation<T>(
  model: EntityModel,
  key: Readonly<Record<string, unknown>>,
  changes: UpdateInput<unknown>,
  options: UpdateOpOptions<T> = {},
): WriteOperation<T> {
  const prepared = prepareGuardedUpdate(model, key, changes, options as UpdateOpOptions<unknown>, false);
  const { input } = prepared;
  return {
    kind: 'update',
    entity: model.name,
    key: prepared.key,
    item: undefined,
    request: {
      Update: {
        TableName: input.TableName,
        Key: input.Key,
        UpdateExpression: input.UpdateExpression,
        ConditionExpression: input.ConditionExpression,
        ExpressionAttributeNames: input.ExpressionAttributeNames,
        ExpressionAttributeValues: input.ExpressionAttributeValues,
        ReturnValuesOnConditionCheckFailure: input.ReturnValuesOnConditionCheckFailure,
      },
    },
    model,
    guard: prepared.guard,
    identity: entityItemIdentity(model, input.Key!),
  };
}
