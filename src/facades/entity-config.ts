import type { AnyObjectSchema, AttributeOf, EntityKeys } from '../model/entity-types.js';
import type { TtlConfig } from '../extensions/ttl/ttl-model.js';
import type { VersionConfig } from '../extensions/versioning/versioning.js';
import type { TimestampsConfig } from '../extensions/timestamps/timestamps.js';
import type { CompressionConfig } from '../schema/compression.js';
import type { CheckedKeys } from '../keys/template-types.js';
import type { SchemaVersions } from '../model/schema-versions.js';

/** Definition of an entity: its zod schema and key templates. */
export interface EntityConfig<S extends AnyObjectSchema, K extends EntityKeys<AttributeOf<S>>> {
  /** The item's shape. Its output type is what reads return. */
  readonly schema: S;
  /**
   * Key templates for the primary key and any of the table's indexes. A
   * segment that names a schema attribute is replaced by its value; others are static.
   */
  readonly keys: K & CheckedKeys<K, AttributeOf<S>>;
  /**
   * How items expire (needs `ttlAttribute` on the table): `{ after: '30d' }` or
   * `{ attribute: 'validUntil' }` (a Date or epoch-seconds field). Per call: `put(item, { expiresAt })`.
   */
  readonly ttl?: TtlConfig<AttributeOf<S>> | undefined;
  /**
   * Optimistic locking. The attribute (default `version`) must be declared in
   * the schema as `z.number().int().optional()`. A put without a version
   * creates (the item must not exist) and writes version 1; a put carrying the
   * version it read requires that version and writes the next one; a delete
   * passes `expectedVersion`. A stale write throws `VersionConflictError`.
   */
  readonly version?: VersionConfig | undefined;
  /**
   * Managed `createdAt`/`updatedAt` (names and format configurable), set from
   * the table's clock on every put. Declare them in the schema as optional
   * fields (`z.date().optional()` for `'iso'`, `z.number().optional()` for epochs).
   * A put keeps a `createdAt` it is given (an item read earlier) and always
   * overwrites `updatedAt`; an update cannot set either (a compile error).
   */
  readonly timestamps?: TimestampsConfig | undefined;
  /**
   * Attributes to store compressed (as Binary; transparent on read, typed as
   * declared), e.g. `{ body: 'brotli' }`. Strings are compressed as UTF-8,
   * other values as JSON. Key attributes cannot be compressed.
   */
  readonly compress?: CompressionConfig<AttributeOf<S>> | undefined;
  /**
   * The schema's history, `schemaVersions(v1).next(v2, up)…`, ending in
   * `schema`. Writes store the current version in the table's
   * `schemaVersionAttribute`; every read migrates older items to the current
   * schema (items without the attribute are version 1) and refuses newer
   * ones with `SchemaVersionError`. Updates need items at the current version.
   */
  readonly versions?: SchemaVersions<NoInfer<S>> | undefined;
  /**
   * Stamp every put and update with the Region that takes it and the write
   * time (the table's `writeRegionAttribute` / `writeTimeAttribute`, stripped
   * on read): `lastWriter(item)` tells who wrote what you read, stream
   * decoders tell local from replicated changes, and `detectLostUpdate` finds
   * last-writer-wins overwrites. Needs the table's `region` or a
   * `regionRouter` transport (which stamps the Region each write reached).
   */
  readonly regionStamp?: boolean | undefined;
}
