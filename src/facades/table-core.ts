import { EntityCore, type EntityCoreConfig } from './entity-core.js';
import type { AnyObjectSchema, AttributeOf, EntityKeys, UndeclaredIndexKeys } from '../model/entity-types.js';
import { resolveTable } from '../model/resolve-table.js';
import type { IndexDefinition, TableConfig, TableModel } from '../model/table-definition.js';

/**
 * A table declaration whose entities only read by key (`tablewright/core`):
 * keys, indexes, TTL attribute, transport. No lifecycle, writes,
 * transactions, queries or collections, so that a bundle that only reads
 * stays small; the full {@link Table} extends it and stores items the same way.
 *
 * @typeParam I - names of the table's secondary indexes
 *
 * @example
 * ```ts
 * import { TableCore } from 'tablewright/core';
 * const table = new TableCore({ name: 'app', client, partitionKey: 'pk', sortKey: 'sk' });
 * const schema = z.object({ id: z.string(), name: z.string() });
 * const User = table.entity('User', { schema, keys: { primary: { pk: ['USER', 'id'], sk: ['PROFILE'] } } });
 * const user = await User.get({ id: '42' });
 * ```
 */
export class TableCore<I extends string = string> {
  /** Normalised declaration. @internal */
  readonly model: TableModel;

  constructor(config: TableConfig & { readonly indexes?: Readonly<Record<I, IndexDefinition>> | undefined }) {
    this.model = resolveTable(config);
  }

  get name(): string {
    return this.model.name;
  }

  /**
   * Defines a core entity (`get`) stored in this table.
   * `compress`, `version` and `timestamps` are refused with
   * `ConfigurationError`: define such entities on the full `Table`.
   */
  entity<const Name extends string, S extends AnyObjectSchema, const K extends EntityKeys<AttributeOf<S>, I>>(
    name: Name,
    config: EntityCoreConfig<S, K> & { readonly keys: UndeclaredIndexKeys<K, I> },
  ): EntityCore<Name, S, K> {
    return new EntityCore<Name, S, K>(this.model, name, config);
  }
}
