import type { AnyObjectSchema, AttributeOf, EntityKeys, WriteRulesOf } from '../model/entity-types.js';
import type { VersionConfig } from '../extensions/versioning/versioning.js';
import type { TimestampsConfig } from '../extensions/timestamps/timestamps.js';
import { markWritable } from '../functions/entity-ref.js';
import { EntityCore } from './entity-core.js';
import type { EntityConfig } from './entity.js';
import { FULL_FEATURES } from './full-features.js';
import type { TableCore } from './table-core.js';

/**
 * Declares an entity with every feature of `table.entity(…)` (TTL, version
 * locking, timestamps, compression, the write token) as a plain declaration:
 * no methods beyond `get`, so a bundle carries only the free functions it
 * calls (`putItem`, `updateItem`, `query`, …). Items are stored exactly as by
 * the `Entity` class; both can be used on the same table. `table` may be a
 * `TableCore` (the lean declaration) or a `Table`. The write functions check
 * its write rules as the methods do: `updateItem` cannot change a key
 * attribute, the version or a managed timestamp, and a version-locked
 * entity's `deleteItem`/`updateItem` need `expectedVersion`.
 *
 * @example
 * ```ts
 * import { TableCore, defineEntity, getItem, putItem } from 'tablewright';
 * import { z } from 'zod';
 * const schema = z.object({ id: z.string(), name: z.string() });
 * const table = new TableCore({ name: 'app', client, partitionKey: 'pk', sortKey: 'sk' });
 * const User = defineEntity(table, 'User', { schema, keys: { primary: { pk: ['USER', 'id'], sk: ['PROFILE'] } } });
 * await putItem(User, { id: '42', name: 'Ada' });
 * const user = await getItem(User, { id: '42' });
 * ```
 */
export function defineEntity<
  I extends string,
  const Name extends string,
  S extends AnyObjectSchema,
  const K extends EntityKeys<AttributeOf<S>, I>,
  const V extends VersionConfig | undefined = undefined,
  const T extends TimestampsConfig | undefined = undefined,
>(
  table: TableCore<I>,
  name: Name,
  config: EntityConfig<S, K> & {
    readonly keys: { readonly [P in Exclude<keyof K, 'primary' | I>]: never };
    readonly version?: V;
    readonly timestamps?: T;
  },
): EntityCore<Name, S, K, WriteRulesOf<V, T>> {
  const entity = new EntityCore<Name, S, K, WriteRulesOf<V, T>>(table.model, name, config, FULL_FEATURES);
  markWritable(entity.model);
  return entity;
}
