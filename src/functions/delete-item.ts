import type { z } from 'zod';
import { deleteItem as sendDelete, type DeleteOptions } from '../actions/delete/delete.js';
import type { AnyObjectSchema, AttributeOf, EntityKeys, NoWriteRules, PrimaryKeyOf, WriteOptionsArgs, WriteRules } from '../model/entity-types.js';
import { writableModel, type EntityRef } from './entity-ref.js';
import { guarded, optionsObject } from './input-guard.js';

/**
 * Deletes by key; with `returnValues: 'ALL_OLD'`, returns the deleted item.
 * The same call as `entity.delete(key, options)`: a version-locked entity's
 * delete must carry `expectedVersion` (a compile error without it).
 *
 * @example
 * ```ts
 * await deleteItem(User, { orgId, userId }, { condition: (c) => c.eq('status', 'inactive') });
 * ```
 */
export async function deleteItem<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>, R extends WriteRules = NoWriteRules>(
  entity: EntityRef<string, S, K, R>,
  key: PrimaryKeyOf<z.output<S>, K>,
  ...optionsWithExpectedVersion: WriteOptionsArgs<R, DeleteOptions<z.output<S>>>
): Promise<z.output<S> | undefined> {
  const options = optionsWithExpectedVersion[0] as DeleteOptions<unknown> | undefined;
  return guarded('deleteItem', () => sendDelete(writableModel(entity), key, optionsObject('deleteItem', options))) as Promise<z.output<S> | undefined>;
}
