import type { z } from 'zod';
import { updateEntity as sendUpdate } from '../actions/update/update-reading-keys.js';
import type { UpdateOptions } from '../actions/update/update-request.js';
import type { UpdateInput } from '../expressions/update-builder.js';
import type { AnyObjectSchema, AttributeOf, EntityKeys, PrimaryKeyOf } from '../model/entity-types.js';
import { writableModel, type EntityRef } from './entity-ref.js';
import { guarded, optionsObject } from './input-guard.js';

/**
 * Changes attributes of an existing item without rewriting it; the same call
 * as `entity.update(key, changes, options)` (see there for the rules: index
 * keys rebuilt, version locking, timestamps, expiry, upsert).
 *
 * @example
 * ```ts
 * await updateItem(User, { orgId, userId }, { set: { 'profile.city': 'Oslo' }, add: { logins: 1 } });
 * const user = await updateItem(User, { orgId, userId }, (u) => [u.append('history', [{ at: new Date(), what: 'login' }])], { returnValues: 'ALL_NEW' });
 * ```
 */
export function updateItem<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>>(
  entity: EntityRef<string, S, K>,
  key: PrimaryKeyOf<z.output<S>, K>,
  changes: UpdateInput<z.output<S>>,
  options: UpdateOptions<z.output<S>> & { returnValues: 'ALL_NEW' },
): Promise<z.output<S>>;
export function updateItem<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>>(
  entity: EntityRef<string, S, K>,
  key: PrimaryKeyOf<z.output<S>, K>,
  changes: UpdateInput<z.output<S>>,
  options: UpdateOptions<z.output<S>> & { returnValues: 'ALL_OLD' },
): Promise<z.output<S> | undefined>;
export function updateItem<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>>(
  entity: EntityRef<string, S, K>,
  key: PrimaryKeyOf<z.output<S>, K>,
  changes: UpdateInput<z.output<S>>,
  options: UpdateOptions<z.output<S>> & { returnValues: 'UPDATED_NEW' | 'UPDATED_OLD' },
): Promise<Partial<z.output<S>>>;
export function updateItem<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>>(
  entity: EntityRef<string, S, K>,
  key: PrimaryKeyOf<z.output<S>, K>,
  changes: UpdateInput<z.output<S>>,
  options?: UpdateOptions<z.output<S>> & { returnValues?: 'NONE' },
): Promise<void>;
export async function updateItem(
  entity: EntityRef,
  key: Readonly<Record<string, unknown>>,
  changes: UpdateInput<unknown>,
  options?: UpdateOptions<unknown>,
): Promise<unknown> {
  return guarded('updateItem', () => sendUpdate(writableModel(entity), key, changes, optionsObject('updateItem', options)));
}
