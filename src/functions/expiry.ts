import type { z } from 'zod';
import { setExpiry, type ExpiryUpdateOptions } from '../actions/update/expiry-update.js';
import type { ExpiryInput } from '../model/expiry.js';
import type { AnyObjectSchema, AttributeOf, EntityKeys, PrimaryKeyOf } from '../model/entity-types.js';
import { writableModel, type EntityRef } from './entity-ref.js';
import { guarded, optionsObject } from './input-guard.js';

/**
 * Moves an item's expiry (`{ after: '1h' }`, a Date or epoch seconds) and
 * returns the item as stored afterwards. An update like any other: timestamps
 * move `updatedAt` and a version-locked item's version is incremented
 * (checked when `expectedVersion` is given). Fails with
 * `ConditionFailedError` if the item is gone or already expired. The same
 * call as `entity.extendExpiry(key, expiresAt, options)`.
 *
 * @example
 * ```ts
 * const cart = await extendExpiry(Cart, { cartId }, { after: '30m' });
 * ```
 */
export async function extendExpiry<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>>(
  entity: EntityRef<string, S, K>,
  key: PrimaryKeyOf<z.output<S>, K>,
  expiresAt: ExpiryInput,
  options?: ExpiryUpdateOptions,
): Promise<z.output<S>> {
  return (await guarded('extendExpiry', () => setExpiry(writableModel(entity), key, expiresAt, optionsObject('extendExpiry', options)))) as z.output<S>;
}

/**
 * Makes an item never expire (removes its TTL attribute); otherwise like
 * {@link extendExpiry}. The same call as `entity.removeExpiry(key, options)`.
 *
 * @example
 * ```ts
 * await removeExpiry(Cart, { cartId }, { includeExpired: true });
 * ```
 */
export async function removeExpiry<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>>(
  entity: EntityRef<string, S, K>,
  key: PrimaryKeyOf<z.output<S>, K>,
  options?: ExpiryUpdateOptions,
): Promise<z.output<S>> {
  return (await guarded('removeExpiry', () => setExpiry(writableModel(entity), key, null, optionsObject('removeExpiry', options)))) as z.output<S>;
}
