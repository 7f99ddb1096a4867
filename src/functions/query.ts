import type { z } from 'zod';
import { countQuery, queryPage, queryPages as sendQueryPages, type QueryOptions } from '../actions/query/query.js';
import type { AnyObjectSchema, AttributeOf, EntityKeys, Projected, QueryKey, SortValues } from '../model/entity-types.js';
import type { Page } from '../request/read-request.js';
import type { EntityRef } from './entity-ref.js';
import { guarded, guardedPages, optionsObject } from './input-guard.js';

/**
 * One page of a query on the primary key (`'primary'`) or an index, by the
 * partition-key template's attributes; only this entity's items. The same
 * call as `entity.query(index, key, options)`.
 *
 * @example
 * ```ts
 * const page = await query(Order, 'byStatus', { orgId, status: 'open' }, { filter: (c) => c.gt('total', 100), limit: 25 });
 * ```
 */
export function query<
  S extends AnyObjectSchema,
  K extends EntityKeys<AttributeOf<S>>,
  I extends keyof K & string,
  const A extends AttributeOf<S> = AttributeOf<S>,
>(entity: EntityRef<string, S, K>, index: I, key: QueryKey<z.output<S>, K, I>, options?: QueryOptions<z.output<S>, SortValues<z.output<S>, K, I>, A>): Promise<Page<Projected<z.output<S>, A, AttributeOf<S>>>>;
export function query(entity: EntityRef, index: string, key: Readonly<Record<string, unknown>>, options?: QueryOptions<unknown>): Promise<Page<unknown>> {
  return guarded('query', () => queryPage(entity.model, index, key, optionsObject('query', options)));
}

/** Every page of a query (from `options.cursor` on); the same as `entity.queryPages(…)`. */
export function queryPages<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>, I extends keyof K & string>(
  entity: EntityRef<string, S, K>,
  index: I,
  key: QueryKey<z.output<S>, K, I>,
  options?: QueryOptions<z.output<S>, SortValues<z.output<S>, K, I>, AttributeOf<S>>,
): AsyncGenerator<Page<z.output<S>>> {
  const opts = optionsObject('queryPages', options) as QueryOptions<unknown> | undefined;
  // Built at the call (bad input throws here), iterated under the guard.
  const pages = guarded('queryPages', () => sendQueryPages(entity.model, index, key, opts));
  return guardedPages('queryPages', () => pages) as AsyncGenerator<Page<z.output<S>>>;
}

/** Counts the items a query matches (after its filter), across all pages; the same as `entity.count(…)`. */
export function count<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>, I extends keyof K & string>(
  entity: EntityRef<string, S, K>,
  index: I,
  key: QueryKey<z.output<S>, K, I>,
  options?: Omit<QueryOptions<z.output<S>, SortValues<z.output<S>, K, I>>, 'attributes' | 'cursor' | 'limit'>,
): Promise<number> {
  return guarded('count', () => countQuery(entity.model, index, key, optionsObject('count', options) as QueryOptions<unknown>));
}
