import { ConfigurationError } from '../../errors.js';
import type { EntityModel } from '../../model/entity-model.js';
import type { TableModel } from '../../model/table-definition.js';

/** An entity declared on the restored table's source (`Entity`, `defineEntity(…)`, `EntityCore`). */
export interface RestorableEntity {
  /** The entity name. */
  readonly name: string;
  /** Its zod schema. */
  readonly schema: unknown;
  /** Its key templates. */
  readonly keys: unknown;
  /** Precomputed definition. @internal */
  readonly model: EntityModel;
}

/**
 * The same entity bound to the restored table, for verification reads with
 * the free functions `getItem`, `query`, `queryPages`, `count`, `scan` and
 * `scanPages` (same keys, schema, client and transport; only the table name
 * differs). Read-only: the write functions refuse it, so a check cannot
 * write into the table it is checking.
 */
export type RestoredEntity<E extends RestorableEntity> = {
  /** The entity name. */
  readonly name: E['name'];
  /** Its zod schema. */
  readonly schema: E['schema'];
  /** Its key templates. */
  readonly keys: E['keys'];
  /** Precomputed definition, bound to the restored table. @internal */
  readonly model: EntityModel;
};

/**
 * Binds entities of `source` to the table `target`, each once (a read's
 * precomputed projections are cached per model).
 * @internal
 */
export function restoredEntities(source: TableModel, target: string): <E extends RestorableEntity>(entity: E) => RestoredEntity<E> {
  const bound = new WeakMap<EntityModel, EntityModel>();
  let table: TableModel | undefined;
  return <E extends RestorableEntity>(entity: E): RestoredEntity<E> => {
    const model = entity?.model;
    if (!model || model.table !== source) {
      throw new ConfigurationError(`restored.entity: ${String(model?.name ?? entity)} is not an entity of the restored table's source ${source.name}`);
    }
    let rebound = bound.get(model);
    if (!rebound) {
      table ??= Object.freeze({ ...source, name: target });
      rebound = Object.freeze({ ...model, table });
      bound.set(model, rebound);
    }
    return { name: entity.name, schema: entity.schema, keys: entity.keys, model: rebound };
  };
}
