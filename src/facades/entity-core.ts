import type { z } from 'zod';
import type { ConditionInput } from '../expressions/condition-builder.js';
import type { GetOptions } from '../actions/get/get.js';
import { getItem } from '../functions/get-item.js';
import type { TableModel } from '../model/table-definition.js';
import type { TtlConfig } from '../extensions/ttl/ttl-model.js';
import { compileEntity, type EntityFeatures, type EntityModel, type FeatureCompilers } from '../model/entity-model.js';
import type { AnyObjectSchema, AttributeOf, EntityKeys, NoWriteRules, PrimaryKeyOf, WriteRules } from '../model/entity-types.js';
import type { CheckedKeys } from '../keys/template-types.js';
import type { SchemaVersions } from '../model/schema-versions.js';

/** Definition of a core entity: schema, key templates and (optionally) TTL. */
export interface EntityCoreConfig<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>> {
  /** The item's shape. Its output type is what reads return. */
  readonly schema: S;
  /**
   * Key templates for the primary key and any of the table's indexes. A
   * segment that names a schema attribute is replaced by its value; others are static.
   */
  readonly keys: K & CheckedKeys<K, AttributeOf<S>>;
  /**
   * How items expire (needs `ttlAttribute` on the table): `{ after: '30d' }` or
   * `{ attribute: 'validUntil' }`. A rule for writes (full `Entity`), accepted
   * here so both can share one config; reads hide expired items either way.
   */
  readonly ttl?: TtlConfig<AttributeOf<S>> | undefined;
  /**
   * The schema's history, `schemaVersions(v1).next(v2, up)…`, ending in
   * `schema`. Writes store the current version in the table's
   * `schemaVersionAttribute`; every read migrates older items to the current
   * schema (items without the attribute are version 1) and refuses newer
   * ones with `SchemaVersionError`. Updates need items at the current version.
   */
  readonly versions?: SchemaVersions<NoInfer<S>> | undefined;
}

/**
 * The read path of an entity: `get` (and the `condition` typing helper), and
 * nothing else, so that a bundle that only reads stays small (a
 * get-only bundle ≤ 8 KB gzip; writes pull in validation of sizes, conditions
 * and locking, about 4 KB more). Created by
 * `TableCore.entity` (`tablewright/core`); the full {@link Entity} extends it.
 *
 * @typeParam Name - the entity type stored in each item
 * @typeParam S - the zod object schema
 * @typeParam K - the key templates
 * @typeParam R - the write rules of its config (from `defineEntity` or the
 *   full `Entity`; a core entity has none)
 */
export class EntityCore<
  Name extends string = string,
  S extends AnyObjectSchema = AnyObjectSchema,
  K extends EntityKeys<AttributeOf<S>> = EntityKeys<AttributeOf<S>>,
  R extends WriteRules = NoWriteRules,
> {
  /** The entity name (stored in the table's entity-type attribute). */
  readonly name: Name;
  /** The item's zod schema. */
  readonly schema: S;
  /** The key templates of the primary key and the indexes, as declared. */
  readonly keys: K;
  /** Precomputed definition. @internal */
  readonly model: EntityModel;
  /** The write rules `R`, in the type only (see `EntityRef`). @internal */
  writeRules?(rules: R): void;

  /**
   * `compilers` are the storage codec and the write extensions the full
   * `Table` passes in; without them configs that need one are refused with
   * `ConfigurationError`. @internal
   */
  constructor(table: TableModel, name: Name, config: EntityCoreConfig<S, K>, compilers?: FeatureCompilers) {
    this.name = name;
    this.schema = config.schema;
    this.keys = config.keys;
    this.model = compileEntity(table, name, config.schema, config.keys as EntityKeys, config as unknown as EntityFeatures, compilers);
  }

  /** Reads one item by its key attributes; `undefined` when absent. */
  get(key: PrimaryKeyOf<z.output<S>, K>, options: GetOptions & { raw: true }): Promise<Record<string, unknown> | undefined>;
  get<const A extends AttributeOf<S>>(
    key: PrimaryKeyOf<z.output<S>, K>,
    options: GetOptions<A> & { attributes: readonly A[] },
  ): Promise<Pick<z.output<S>, A> | undefined>;
  get(key: PrimaryKeyOf<z.output<S>, K>, options?: GetOptions<AttributeOf<S>>): Promise<z.output<S> | undefined>;
  get(key: PrimaryKeyOf<z.output<S>, K>, options?: GetOptions): Promise<unknown> {
    return getItem(this, key, options as GetOptions<AttributeOf<S>>);
  }

  /** Identity helper that types a condition for this entity, for reuse across calls. */
  condition(input: ConditionInput<z.output<S>>): ConditionInput<z.output<S>> {
    return input;
  }
}
