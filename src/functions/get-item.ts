import type { z } from 'zod';
import { getItem as sendGet, type GetOptions } from '../actions/get/get.js';
import type { AnyObjectSchema, AttributeOf, EntityKeys, PrimaryKeyOf } from '../model/entity-types.js';
import type { EntityRef } from './entity-ref.js';
import { guarded, optionsObject } from './input-guard.js';

/**
 * Reads one item by its key attributes; `undefined` when absent (or expired).
 * The same call as `entity.get(key, options)`; works on any entity, including
 * `tablewright/core` ones.
 *
 * @example
 * ```ts
 * const user = await getItem(User, { orgId, userId }, { consistent: true });
 * ```
 */
export function getItem<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>>(
  entity: EntityRef<string, S, K>,
  key: PrimaryKeyOf<z.output<S>, K>,
  options: GetOptions & { raw: true },
): Promise<Record<string, unknown> | undefined>;
export function getItem<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>, const A extends AttributeOf<S>>(
  entity: EntityRef<string, S, K>,
  key: PrimaryKeyOf<z.output<S>, K>,
  options: GetOptions<A> & { attributes: readonly A[] },
): Promise<Pick<z.output<S>, A> | undefined>;
export function getItem<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>>(
  entity: EntityRef<string, S, K>,
  key: PrimaryKeyOf<z.output<S>, K>,
  options?: GetOptions<AttributeOf<S>>,
): Promise<z.output<S> | undefined>;
export function getItem(entity: EntityRef, key: Readonly<Record<string, unknown>>, options?: GetOptions): Promise<unknown> {
  return guarded('getItem', () => sendGet(entity.model, key, optionsObject('getItem', options)));
}
