import { ConfigurationError } from '../errors.js';
import type { EntityModel } from '../model/entity-model.js';
import type { AnyObjectSchema, AttributeOf, EntityKeys } from '../model/entity-types.js';

/**
 * What the data-plane free functions take: any entity declaration — an
 * `Entity` from `table.entity(…)`, an entity from {@link defineEntity}, or
 * (for reads) an `EntityCore` from `tablewright/core`. The functions read
 * the precompiled model; `schema` and `keys` carry the types.
 *
 * @typeParam Name - the entity type stored in each item
 * @typeParam S - the zod object schema
 * @typeParam K - the key templates
 */
export interface EntityRef<
  Name extends string = string,
  S extends AnyObjectSchema = AnyObjectSchema,
  K extends EntityKeys<AttributeOf<S>> = EntityKeys<AttributeOf<S>>,
> {
  /** The entity name (stored in the table's entity-type attribute). */
  readonly name: Name;
  /** The item's zod schema. */
  readonly schema: S;
  /** The key templates of the primary key and the indexes. */
  readonly keys: K;
  /** Precomputed definition. @internal */
  readonly model: EntityModel;
}

/** Models compiled with the write extensions and the storage codec (full entry). */
const writable = new WeakSet<EntityModel>();

/** Records that `model` was compiled with every write feature, so writes may use it. @internal */
export function markWritable(model: EntityModel): void {
  writable.add(model);
}

/**
 * The model of an entity a write may use. An entity declared with
 * `tablewright/core` has no write extensions (no TTL stamping, no write
 * token), so writing through it would differ from `Entity.put`; a restored
 * table's handle is for verification reads. Both are refused.
 * @internal
 */
export function writableModel(entity: EntityRef): EntityModel {
  const model = entity.model;
  if (!writable.has(model)) {
    throw new ConfigurationError(
      `Entity ${model.name} on table ${model.table.name} only reads: it was declared with tablewright/core or bound to a restored table for verification; write through an entity declared with table.entity(…) on Table or defineEntity(…) from 'tablewright'`,
    );
  }
  return model;
}
