import type { z } from 'zod';
import { updateEntity as sendUpdate } from '../actions/update/update-reading-keys.js';
import type { UpdateOptions } from '../actions/update/update-request.js';
import type { UpdateInput } from '../expressions/update-builder.js';
import type {
  AnyObjectSchema,
  AttributeOf,
  EntityKeys,
  EntityUpdate,
  ExpectedVersionOf,
  NoWriteRules,
  PrimaryKeyOf,
  WriteOptionsArgs,
  WriteRules,
} from '../model/entity-types.js';
import { writableModel, type EntityRef } from './entity-ref.js';
import { guarded, optionsObject } from './input-guard.js';

// The overload without returnValues comes first: the common call then resolves without re-checking its changes against three more.
/**
 * Changes attributes of an existing item without rewriting it; the same call
 * as `entity.update(key, changes, options)` (see there for the rules: index
 * keys rebuilt, version locking, timestamps, expiry, upsert). The same write
 * rules are compile errors here: a primary-key attribute, the version
 * attribute or a managed timestamp cannot be changed, counters need number
 * attributes, and a version-locked entity's update carries `expectedVersion`.
 *
 * @example
 * ```ts
 * await updateItem(User, { orgId, userId }, { set: { 'profile.city': 'Oslo' }, add: { logins: 1 } });
 * const user = await updateItem(User, { orgId, userId }, (u) => [u.append('history', [{ at: new Date(), what: 'login' }])], { returnValues: 'ALL_NEW' });
 * ```
 */
export function updateItem<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>, R extends WriteRules = NoWriteRules>(
  entity: EntityRef<string, S, K, R>,
  key: PrimaryKeyOf<z.output<S>, K>,
  changes: EntityUpdate<S, K, R>,
  ...optionsWithExpectedVersion: WriteOptionsArgs<R, UpdateOptions<z.output<S>> & { returnValues?: 'NONE' | undefined }>
): Promise<void>;
export function updateItem<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>, R extends WriteRules = NoWriteRules>(
  entity: EntityRef<string, S, K, R>,
  key: PrimaryKeyOf<z.output<S>, K>,
  changes: EntityUpdate<S, K, R>,
  optionsWithExpectedVersion: UpdateOptions<z.output<S>> & ExpectedVersionOf<R> & { returnValues: 'ALL_NEW' },
): Promise<z.output<S>>;
export function updateItem<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>, R extends WriteRules = NoWriteRules>(
  entity: EntityRef<string, S, K, R>,
  key: PrimaryKeyOf<z.output<S>, K>,
  changes: EntityUpdate<S, K, R>,
  optionsWithExpectedVersion: UpdateOptions<z.output<S>> & ExpectedVersionOf<R> & { returnValues: 'ALL_OLD' },
): Promise<z.output<S> | undefined>;
export function updateItem<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>, R extends WriteRules = NoWriteRules>(
  entity: EntityRef<string, S, K, R>,
  key: PrimaryKeyOf<z.output<S>, K>,
  changes: EntityUpdate<S, K, R>,
  optionsWithExpectedVersion: UpdateOptions<z.output<S>> & ExpectedVersionOf<R> & { returnValues: 'UPDATED_NEW' | 'UPDATED_OLD' },
): Promise<Partial<z.output<S>>>;
/** Any `returnValues` (e.g. one held in a variable); last, so a wrong value's error lists the allowed ones. */
export function updateItem<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>, R extends WriteRules = NoWriteRules>(
  entity: EntityRef<string, S, K, R>,
  key: PrimaryKeyOf<z.output<S>, K>,
  changes: EntityUpdate<S, K, R>,
  ...optionsWithExpectedVersion: WriteOptionsArgs<R, UpdateOptions<z.output<S>>>
): Promise<z.output<S> | Partial<z.output<S>> | undefined>;
export async function updateItem(
  entity: EntityRef,
  key: Readonly<Record<string, unknown>>,
  changes: UpdateInput<unknown>,
  options?: UpdateOptions<unknown>,
): Promise<unknown> {
  return guarded('updateItem', () => sendUpdate(writableModel(entity), key, changes, optionsObject('updateItem', options)));
}
