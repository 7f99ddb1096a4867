import type { z } from 'zod';
import { putItem as sendPut, type PutOptions } from '../actions/put/put.js';
import { itemNotExists } from '../expressions/item-conditions.js';
import type { AnyObjectSchema } from '../model/entity-types.js';
import { writableModel, type EntityRef } from './entity-ref.js';
import { guarded, optionsObject } from './input-guard.js';

/** Result of `put` with `returnValues: 'ALL_OLD'`. */
export interface PutResult<T> {
  /** The item as stored (validated, defaults applied). */
  readonly item: T;
  /** The item it replaced; `undefined` when there was none. */
  readonly previous: T | undefined;
}

/**
 * Validates and writes a whole item (replacing any item with the same key);
 * returns the stored value. The same call as `entity.put(item, options)`.
 *
 * @example
 * ```ts
 * const user = await putItem(User, { orgId, userId, name: 'Ada', profile: {} });
 * const { previous } = await putItem(User, user, { returnValues: 'ALL_OLD' });
 * ```
 */
export function putItem<S extends AnyObjectSchema>(
  entity: EntityRef<string, S>,
  item: z.input<S>,
  options: PutOptions<z.output<S>> & { returnValues: 'ALL_OLD' },
): Promise<PutResult<z.output<S>>>;
export function putItem<S extends AnyObjectSchema>(entity: EntityRef<string, S>, item: z.input<S>, options?: PutOptions<z.output<S>>): Promise<z.output<S>>;
export async function putItem(entity: EntityRef, item: unknown, options?: PutOptions<unknown>): Promise<unknown> {
  const opts = optionsObject('putItem', options);
  const result = await guarded('putItem', () => sendPut(writableModel(entity), item, opts));
  return opts?.returnValues === 'ALL_OLD' ? result : result.item;
}

/**
 * Like {@link putItem}, but fails with `ConditionFailedError` if an item with
 * this key exists. The same call as `entity.create(item, options)`.
 */
export async function createItem<S extends AnyObjectSchema>(
  entity: EntityRef<string, S>,
  item: z.input<S>,
  options?: Omit<PutOptions<z.output<S>>, 'returnValues'>,
): Promise<z.output<S>> {
  const model = writableModel(entity);
  const opts = optionsObject('createItem', options) as PutOptions<unknown> | undefined;
  return (await guarded('createItem', () => sendPut(model, item, opts, itemNotExists(model.primary.partitionKeyAttribute), true))).item as z.output<S>;
}
