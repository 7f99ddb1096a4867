import type { z } from 'zod';
import type { ConditionInput } from '../expressions/condition-builder.js';
import { storedForm } from '../actions/put/put-request.js';
import type { PutOpOptions } from '../actions/put/put-op.js';
import type { DeleteOpOptions } from '../actions/delete/delete-op.js';
import { conditionOp, deleteOp, getOp, putOp, updateOp } from '../functions/operations.js';
import { extendExpiry, removeExpiry } from '../functions/expiry.js';
import type { WriteOperation } from '../request/write-operation.js';
import type { GetOperation } from '../request/get-operation.js';
import type { TableModel } from '../model/table-definition.js';
import type { UpdateOpOptions, UpdateOptions } from '../actions/update/update-request.js';
import type { Page } from '../request/read-request.js';
import {
  parallelScan,
  type ParallelScanOptions,
  type ScanBatch,
  type ScanOptions,
  type ScanReader,
} from '../actions/scan/scan.js';
import { EntityCore } from './entity-core.js';
import { FULL_FEATURES } from './full-features.js';
import type { DeleteOptions } from '../actions/delete/delete.js';
import type { PutOptions } from '../actions/put/put.js';
import type { QueryOptions } from '../actions/query/query.js';
import { notExpired } from '../expressions/item-conditions.js';
import { markWritable, type EntityRef } from '../functions/entity-ref.js';
import { createItem, putItem, type PutResult } from '../functions/put-item.js';
import { deleteItem } from '../functions/delete-item.js';
import { updateItem } from '../functions/update-item.js';
import { count, query, queryPages } from '../functions/query.js';
import { scan, scanPages } from '../functions/scan.js';
import { parseInput } from '../model/item-codec.js';
import { readNativeItem } from '../model/item-reader.js';
import type {
  AnyObjectSchema,
  AttributeOf,
  EntityKeys,
  EntityUpdate,
  ExpectedVersionOf,
  NoWriteRules,
  PrimaryKeyOf,
  Projected,
  QueryKey,
  SortValues,
  WriteOptionsArgs,
  WriteRules,
} from '../model/entity-types.js';
import type { ExpiryUpdateOptions } from '../actions/update/expiry-update.js';
import type { ExpiryInput } from '../extensions/ttl/ttl-value.js';
import type { ConditionNode } from '../expressions/condition-node.js';
import { ConfigurationError } from '../errors.js';
import { measureStoredItem, type StoredItemSize } from '../limits/stored-item-size.js';

import type { EntityConfig } from './entity-config.js';
export type { EntityConfig } from './entity-config.js';

export type { PutResult } from '../functions/put-item.js';
export type { EntityUpdate } from '../model/entity-types.js';

/**
 * A typed entity bound to a table. Create it with `table.entity(name, config)`.
 *
 * @typeParam Name - the entity type stored in each item
 * @typeParam S - the zod object schema
 * @typeParam K - the key templates
 * @typeParam R - the write rules of its config (version attribute, managed
 *   timestamps), which make updates of those attributes and deletes/updates
 *   without `expectedVersion` compile errors
 */
export class Entity<
  Name extends string = string,
  S extends AnyObjectSchema = AnyObjectSchema,
  K extends EntityKeys<AttributeOf<S>> = EntityKeys<AttributeOf<S>>,
  R extends WriteRules = NoWriteRules,
> extends EntityCore<Name, S, K, R> {
  constructor(table: TableModel, name: Name, config: EntityConfig<S, K>) {
    super(table, name, config, FULL_FEATURES);
    markWritable(this.model);
  }

  /** Validates and writes a whole item (replacing any item with the same key). Returns the stored value. */
  put(item: z.input<S>, options: PutOptions<z.output<S>> & { returnValues: 'ALL_OLD' }): Promise<PutResult<z.output<S>>>;
  put(item: z.input<S>, options?: PutOptions<z.output<S>>): Promise<z.output<S>>;
  async put(item: z.input<S>, options?: PutOptions<z.output<S>>): Promise<unknown> {
    return putItem(this, item, options);
  }

  /** Like `put`, but fails with `ConditionFailedError` if an item with this key exists. */
  async create(item: z.input<S>, options?: Omit<PutOptions<z.output<S>>, 'returnValues'>): Promise<z.output<S>> {
    return createItem(this, item, options);
  }

  /** Deletes by key. With `returnValues: 'ALL_OLD'`, returns the deleted item. */
  delete(key: PrimaryKeyOf<z.output<S>, K>, ...optionsWithExpectedVersion: WriteOptionsArgs<R, DeleteOptions<z.output<S>>>): Promise<z.output<S> | undefined> {
    return deleteItem(this, key, ...optionsWithExpectedVersion);
  }

  /**
   * The item exactly as it would be stored: validated, converted, with every
   * generated key and the entity type. Useful for debugging key design.
   */
  toStored(item: z.input<S>): Record<string, unknown> {
    return storedForm(this.model, parseInput(this.model, item));
  }

  /**
   * The inverse of {@link toStored}: parses an item as stored (keys and
   * bookkeeping included, as in `ConditionFailedError.item`) into this
   * entity's type. Throws `ValidationError` when it is another entity's item
   * or does not match the schema.
   */
  fromStored(stored: Record<string, unknown>): z.output<S> {
    return readNativeItem(this.model, stored) as z.output<S>;
  }

  /**
   * Moves an item's expiry (`{ after: '1h' }`, a Date or epoch seconds). An
   * update like any other (timestamps and the version move; see
   * {@link extendExpiry}). Fails with `ConditionFailedError` if the item is
   * gone or already expired.
   */
  async extendExpiry(key: PrimaryKeyOf<z.output<S>, K>, expiresAt: ExpiryInput, options?: ExpiryUpdateOptions): Promise<z.output<S>> {
    return extendExpiry(this, key, expiresAt, options);
  }

  /** Makes an item never expire. Fails with `ConditionFailedError` if it is gone or already expired. */
  async removeExpiry(key: PrimaryKeyOf<z.output<S>, K>, options?: ExpiryUpdateOptions): Promise<z.output<S>> {
    return removeExpiry(this, key, options);
  }

  /**
   * A condition that holds while the item has not expired (by the table clock,
   * now): combine it with others, e.g. `c.and(c.eq('status', 'open'), Cart.notExpired())`.
   */
  notExpired(): ConditionNode {
    const attribute = this.model.table.ttlAttribute;
    if (!attribute) throw new ConfigurationError(`${this.name}: the table declares no ttlAttribute`);
    return notExpired(attribute, this.model.table.clock());
  }

  // transactions and batch

  /**
   * A put for `transactWrite` or `batchWrite`: validated and built now, sent
   * later. Version locking and timestamps apply as in `put`; `op.item` is the
   * item as it will be stored.
   */
  putOp(item: z.input<S>, options?: PutOpOptions<z.output<S>>): WriteOperation<z.output<S>> {
    return putOp(this, item, options);
  }

  /** A delete for `transactWrite` or `batchWrite`. Version-locked entities pass `expectedVersion`. */
  deleteOp(key: PrimaryKeyOf<z.output<S>, K>, ...optionsWithExpectedVersion: WriteOptionsArgs<R, DeleteOpOptions<z.output<S>>>): WriteOperation<z.output<S>> {
    return deleteOp(this, key, ...optionsWithExpectedVersion);
  }

  /** A condition check for `transactWrite`: the transaction fails unless it holds for the stored item. */
  conditionOp(key: PrimaryKeyOf<z.output<S>, K>, condition: ConditionInput<z.output<S>>): WriteOperation<z.output<S>> {
    return conditionOp(this, key, condition);
  }

  /** A key for `transactGet` or `batchGet`; that position of the result is this entity's item type. */
  getOp(key: PrimaryKeyOf<z.output<S>, K>): GetOperation<z.output<S>> {
    return getOp(this, key);
  }

  // limits

  /**
   * Bytes the item takes toward DynamoDB's 400 KB limit as it would be stored:
   * validated, converted, compressed, with every generated key and the entity
   * type attribute. Same rules as {@link itemSize}. On tables with local
   * secondary indexes DynamoDB also counts the item's index entries: see
   * `sizeReport(item).total`.
   */
  size(item: z.input<S>): number {
    return measureStoredItem(this.model.table, this.toStored(item)).size;
  }

  /**
   * The stored item's size in detail: per-attribute sizes (largest first),
   * local-index entries counted with it, the total compared with the limit,
   * and whether it fits. `put` refuses exactly the items whose report says
   * `fits: false`.
   */
  sizeReport(item: z.input<S>): StoredItemSize {
    return measureStoredItem(this.model.table, this.toStored(item));
  }

  // updates, queries and scans

  // The overload without returnValues comes first: the common call then resolves without re-checking its changes against three more.
  /**
   * Changes attributes of an existing item without rewriting it. Values are
   * validated against the schema; index keys that depend on changed
   * attributes are rebuilt. Fails with `ConditionFailedError` when the item
   * does not exist or has expired (unless `upsert: true` / `includeExpired`),
   * with `KeyError` when a primary-key attribute is changed or an index key
   * cannot be rebuilt, with `ItemTooLargeError` / `ValidationError` before
   * sending when the values written cannot fit or be stored.
   *
   * Version-locked entities pass `expectedVersion` (a stale one fails with
   * `VersionConflictError`); managed timestamps keep `createdAt` and set
   * `updatedAt`; compressed attributes are set compressed (whole values only);
   * `expiresAt` moves or removes the expiry. A resend of an applied
   * version-locked or conditional update (lost response) is recognised by its
   * write token and reported as success.
   *
   * @example
   * ```ts
   * await User.update({ orgId, userId }, { set: { 'profile.city': 'Oslo' }, add: { logins: 1 } });
   * const user = await User.update({ orgId, userId }, (u) => [u.append('history', [{ at: new Date(), what: 'moved' }])], { returnValues: 'ALL_NEW' });
   * ```
   */
  update(
    key: PrimaryKeyOf<z.output<S>, K>,
    changes: EntityUpdate<S, K, R>,
    ...optionsWithExpectedVersion: WriteOptionsArgs<R, UpdateOptions<z.output<S>> & { returnValues?: 'NONE' | undefined }>
  ): Promise<void>;
  update(
    key: PrimaryKeyOf<z.output<S>, K>,
    changes: EntityUpdate<S, K, R>,
    optionsWithExpectedVersion: UpdateOptions<z.output<S>> & ExpectedVersionOf<R> & { returnValues: 'ALL_NEW' },
  ): Promise<z.output<S>>;
  update(
    key: PrimaryKeyOf<z.output<S>, K>,
    changes: EntityUpdate<S, K, R>,
    optionsWithExpectedVersion: UpdateOptions<z.output<S>> & ExpectedVersionOf<R> & { returnValues: 'ALL_OLD' },
  ): Promise<z.output<S> | undefined>;
  update(
    key: PrimaryKeyOf<z.output<S>, K>,
    changes: EntityUpdate<S, K, R>,
    optionsWithExpectedVersion: UpdateOptions<z.output<S>> & ExpectedVersionOf<R> & { returnValues: 'UPDATED_NEW' | 'UPDATED_OLD' },
  ): Promise<Partial<z.output<S>>>;
  /** Any `returnValues` (e.g. one held in a variable); last, so a wrong value's error lists the allowed ones. */
  update(
    key: PrimaryKeyOf<z.output<S>, K>,
    changes: EntityUpdate<S, K, R>,
    ...optionsWithExpectedVersion: WriteOptionsArgs<R, UpdateOptions<z.output<S>>>
  ): Promise<z.output<S> | Partial<z.output<S>> | undefined>;
  update(key: PrimaryKeyOf<z.output<S>, K>, changes: EntityUpdate<S, K, R>, options?: UpdateOptions<z.output<S>>): Promise<unknown> {
    // The overloads above typed the call; the implementation is the one of the free function.
    return (updateItem as (e: EntityRef, k: unknown, c: unknown, o?: unknown) => Promise<unknown>)(this, key, changes, options);
  }

  // One signature (`attributes` infers A, else A is every attribute): a second overload re-checked every query's options, filter included.
  /**
   * Queries the primary key (`'primary'`) or an index by the partition-key
   * template's attributes. Returns only this entity's items, one page at a time.
   *
   * @example
   * ```ts
   * const page = await Order.query('byStatus', { orgId, status: 'open' }, { sort: (k) => k.ge({ placedAt: may1 }), limit: 25 });
   * const next = await Order.query('byStatus', { orgId, status: 'open' }, { cursor: page.cursor });
   * ```
   */
  query<I extends keyof K & string, const A extends AttributeOf<S> = AttributeOf<S>>(
    index: I,
    key: QueryKey<z.output<S>, K, I>,
    options?: QueryOptions<z.output<S>, SortValues<z.output<S>, K, I>, A>,
  ): Promise<Page<Projected<z.output<S>, A, AttributeOf<S>>>> {
    return query(this, index, key, options);
  }

  /** Every page of a query (from `options.cursor` on): `for await (const page of Order.queryPages(...))`. */
  queryPages<I extends keyof K & string>(
    index: I,
    key: QueryKey<z.output<S>, K, I>,
    options?: QueryOptions<z.output<S>, SortValues<z.output<S>, K, I>, AttributeOf<S>>,
  ): AsyncGenerator<Page<z.output<S>>> {
    return queryPages(this, index, key, options);
  }

  /** Counts the items a query matches (after its filter), across all pages, with `Select: COUNT`. */
  count<I extends keyof K & string>(
    index: I,
    key: QueryKey<z.output<S>, K, I>,
    options?: Omit<QueryOptions<z.output<S>, SortValues<z.output<S>, K, I>>, 'attributes' | 'cursor' | 'limit'>,
  ): Promise<number> {
    return count(this, index, key, options);
  }

  /** One page of a scan over the table (or `options.index`), filtered to this entity. */
  scan<const A extends AttributeOf<S>>(options: ScanOptions<z.output<S>, A> & { attributes: readonly A[] }): Promise<Page<Pick<z.output<S>, A>>>;
  scan(options?: ScanOptions<z.output<S>, AttributeOf<S>>): Promise<Page<z.output<S>>>;
  scan(options?: ScanOptions<z.output<S>>): Promise<Page<unknown>> {
    return scan(this, options as ScanOptions<z.output<S>, AttributeOf<S>>);
  }

  /** Every page of a scan, filtered to this entity. */
  scanPages(options?: ScanOptions<z.output<S>, AttributeOf<S>>): AsyncGenerator<Page<z.output<S>>> {
    return scanPages(this, options);
  }

  /**
   * Reads the whole table in `segments` parallel parts (at most `concurrency`
   * requests in flight), yielding this entity's items page by page; for backfills.
   *
   * @example
   * ```ts
   * for await (const { items } of User.parallelScan({ segments: 8, concurrency: 4, onProgress: console.log })) {
   *   await migrate(items);
   * }
   * ```
   */
  parallelScan(options: ParallelScanOptions<z.output<S>, AttributeOf<S>>): AsyncGenerator<ScanBatch<z.output<S>>> {
    return parallelScan(this.scanReader(), options as ParallelScanOptions<unknown>) as AsyncGenerator<ScanBatch<z.output<S>>>;
  }

  /**
   * An update for `transactWrite` (or `writeIdempotently`, for counters that
   * must apply once): validated and built now, sent later. Same changes and
   * options as `update` (version-locked entities pass `expectedVersion`);
   * `batchWrite` refuses it (DynamoDB batches carry no updates).
   *
   * @example
   * ```ts
   * await transactWrite([
   *   Account.updateOp({ id: 'a' }, { add: { balance: -25 } }, { condition: (c) => c.ge('balance', 25), expectedVersion: 'any' }),
   *   Account.updateOp({ id: 'b' }, { add: { balance: 25 } }, { expectedVersion: 'any' }),
   * ]);
   * ```
   */
  updateOp(
    key: PrimaryKeyOf<z.output<S>, K>,
    changes: EntityUpdate<S, K, R>,
    ...optionsWithExpectedVersion: WriteOptionsArgs<R, UpdateOpOptions<z.output<S>>>
  ): WriteOperation<z.output<S>> {
    return updateOp(this, key, changes, ...optionsWithExpectedVersion);
  }

  private scanReader(): ScanReader {
    return { table: this.model.table, name: this.model.name, entity: this.model };
  }
}

/** The item type of an entity. */
export type EntityItem<E> = E extends EntityCore<string, infer S> ? z.output<S> : never;
/** The put input type of an entity. */
export type EntityInput<E> = E extends EntityCore<string, infer S> ? z.input<S> : never;
/** The key type of an entity. */
export type EntityKey<E> = E extends EntityCore<string, infer S, infer K> ? PrimaryKeyOf<z.output<S>, K> : never;
