import type { z } from 'zod';
import { deleteItem as sendDelete, type DeleteOptions } from '../actions/delete/delete.js';
import type { AnyObjectSchema, AttributeOf, EntityKeys, PrimaryKeyOf } from '../model/entity-types.js';
import { writableModel, type EntityRef } from './entity-ref.js';
import { guarded, optionsObject } from './input-guard.js';

/**
 * Deletes by key; with `returnValues: 'ALL_OLD'`, returns the deleted item.
 * The same call as `entity.delete(key, options)`.
 *
 * @example
 * ```ts
 * await deleteItem(User, { orgId, userId }, { condition: (c) => c.eq('status', 'inactive') });
 * ```
 */
export async function deleteItem<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>>(
  entity: EntityRef<string, S, K>,
  key: PrimaryKeyOf<z.output<S>, K>,
  options?: DeleteOptions<z.output<S>>,
): Promise<z.output<S> | undefined> {
  return guarded('deleteItem', () => sendDelete(writableModel(entity), key, optionsObject('deleteItem', options) as DeleteOptions<unknown>)) as Promise<z.output<S> | undefined>;
}
