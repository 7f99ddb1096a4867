import type { z } from 'zod';
import { conditionOperation } from '../actions/condition-check/condition-op.js';
import { deleteOperation, type DeleteOpOptions } from '../actions/delete/delete-op.js';
import { putOperation, type PutOpOptions } from '../actions/put/put-op.js';
import { updateOperation } from '../actions/update/update-op.js';
import type { UpdateOpOptions } from '../actions/update/update-request.js';
import type { ConditionInput } from '../expressions/condition-builder.js';
import type { UpdateInput } from '../expressions/update-builder.js';
import type {
  AnyObjectSchema,
  AttributeOf,
  EntityKeys,
  EntityUpdate,
  NoWriteRules,
  PrimaryKeyOf,
  WriteOptionsArgs,
  WriteRules,
} from '../model/entity-types.js';
import { getOperation, type GetOperation } from '../request/get-operation.js';
import type { WriteOperation } from '../request/write-operation.js';
import { writableModel, type EntityRef } from './entity-ref.js';
import { guarded, optionsObject } from './input-guard.js';

/**
 * Operations for `transactWrite`, `batchWrite`, `transactGet` and
 * `batchGet`, built now (validated, keys derived, write extensions folded
 * in) and sent by those functions. The same builders as the `Entity`
 * methods of the same names. The write builders refuse a
 * `tablewright/core` entity like the write functions do.
 *
 * @example
 * ```ts
 * await transactWrite([
 *   updateOp(Account, { id: 'a' }, { add: { balance: -25 } }, { condition: (c) => c.ge('balance', 25) }),
 *   putOp(Ledger, { id: transferId, from: 'a', to: 'b', amount: 25 }),
 *   conditionOp(Org, { orgId }, (c) => c.exists('name')),
 * ]);
 * const [user] = await transactGet([getOp(User, { orgId, userId })]);
 * ```
 */
export function putOp<S extends AnyObjectSchema>(entity: EntityRef<string, S>, item: z.input<S>, options?: PutOpOptions<z.output<S>>): WriteOperation<z.output<S>> {
  return guarded('putOp', () => putOperation(writableModel(entity), item, optionsObject('putOp', options))) as WriteOperation<z.output<S>>;
}

/** A delete for `transactWrite` or `batchWrite`; version-locked entities must pass `expectedVersion`. See {@link putOp}. */
export function deleteOp<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>, R extends WriteRules = NoWriteRules>(
  entity: EntityRef<string, S, K, R>,
  key: PrimaryKeyOf<z.output<S>, K>,
  ...optionsWithExpectedVersion: WriteOptionsArgs<R, DeleteOpOptions<z.output<S>>>
): WriteOperation<z.output<S>> {
  const options = optionsWithExpectedVersion[0] as DeleteOpOptions<unknown> | undefined;
  return guarded('deleteOp', () => deleteOperation(writableModel(entity), key, optionsObject('deleteOp', options))) as WriteOperation<z.output<S>>;
}

/**
 * An update for `transactWrite` or `writeIdempotently` (`batchWrite` refuses
 * it), with the write rules of `updateItem` (locked attributes; version-locked
 * entities must pass `expectedVersion`). See {@link putOp}.
 */
export function updateOp<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>, R extends WriteRules = NoWriteRules>(
  entity: EntityRef<string, S, K, R>,
  key: PrimaryKeyOf<z.output<S>, K>,
  changes: EntityUpdate<S, K, R>,
  ...optionsWithExpectedVersion: WriteOptionsArgs<R, UpdateOpOptions<z.output<S>>>
): WriteOperation<z.output<S>> {
  const options = optionsWithExpectedVersion[0] as UpdateOpOptions<unknown> | undefined;
  return guarded('updateOp', () =>
    updateOperation(writableModel(entity), key, changes as UpdateInput<unknown>, optionsObject('updateOp', options)),
  ) as WriteOperation<z.output<S>>;
}

/**
 * A condition check for `transactWrite`: the transaction fails unless the
 * condition (a node or a builder function, never a plain object) holds for
 * the stored item. See {@link putOp}.
 */
export function conditionOp<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>>(
  entity: EntityRef<string, S, K>,
  key: PrimaryKeyOf<z.output<S>, K>,
  condition: ConditionInput<z.output<S>>,
): WriteOperation<z.output<S>> {
  return guarded('conditionOp', () => conditionOperation(entity.model, key, condition));
}

/** A key for `transactGet` or `batchGet`; that position of the result is the entity's item type. Works on every declaration. */
export function getOp<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>>(entity: EntityRef<string, S, K>, key: PrimaryKeyOf<z.output<S>, K>): GetOperation<z.output<S>> {
  return guarded('getOp', () => getOperation(entity.model, key));
}
