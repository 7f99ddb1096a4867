import type { z } from 'zod';
import { ConfigurationError } from '../errors.js';
import { compileEntityKey } from '../keys/entity-key.js';
import type { CompiledKey, KeyTemplate } from '../keys/key-template.js';
import type { compileCompression, CompressionAlgorithm, CompressionConfig } from '../schema/compression.js';
import { compileFromStorage, compileReadFields, compileToStorage, type Converter, type FieldConverter } from '../schema/storage-codec.js';
import { defOf, kindOf } from '../schema/zod-def.js';
import type { ResolvedIndex, TableModel } from './table-definition.js';
import type { AnyObjectSchema, EntityKeys } from './entity-types.js';
import type { WriteExtension, WriteExtensionFactory } from './write-extension.js';
import type { CompiledSchemaVersions, SchemaVersions } from './schema-versions.js';

/** The compiled keys of the primary key or one index. @internal */
export interface CompiledIndexKeys {
  readonly index: string;
  readonly partitionKeyAttribute: string;
  readonly sortKeyAttribute: string | undefined;
  readonly pk: CompiledKey;
  readonly sk: CompiledKey | undefined;
  /** Set for secondary indexes. */
  readonly definition: ResolvedIndex | undefined;
}

/**
 * Everything about an entity that depends only on its definition, computed
 * once. Operations read this; they never re-derive it per call.
 * @internal
 */
export interface EntityModel {
  readonly name: string;
  readonly table: TableModel;
  readonly schema: AnyObjectSchema;
  readonly shape: Readonly<Record<string, z.ZodType>>;
  readonly primary: CompiledIndexKeys;
  readonly indexes: ReadonlyMap<string, CompiledIndexKeys>;
  /** Entity attributes used by the primary key (cannot be changed by updates). */
  readonly primaryAttributes: ReadonlySet<string>;
  /** Table attributes tablewright writes and strips on read: keys and the entity type. */
  readonly generatedAttributes: ReadonlySet<string>;
  readonly toStorage: Converter | undefined;
  readonly fromStorage: Converter | undefined;
  /** The write extensions compiled for this entity, in registration order (none in `tablewright/core`). */
  readonly extensions: readonly WriteExtension[];
  /** Attributes stored compressed (as Binary), with their algorithm. */
  readonly compressed: ReadonlyMap<string, CompressionAlgorithm>;
  /**
   * Top-level read converters (what `fromStorage` applies), for the one-pass
   * item reader; `undefined` when compression needs the general path.
   */
  readonly readFields: readonly FieldConverter[] | undefined;
  /** The declared schema versions (`versions`), or `undefined`: reads then never look for a version. */
  readonly versions: CompiledSchemaVersions | undefined;
}

/** The entity options the model reads itself; extensions read their own from the same config. @internal */
export interface EntityFeatures {
  readonly compress?: CompressionConfig | undefined;
  readonly [option: string]: unknown;
}

/**
 * What the facade compiles an entity with: the storage codec for compression
 * and the write extensions. The core entry passes neither, so its bundle
 * carries neither node:zlib nor the write features; a config that needs a
 * missing one is refused, never ignored.
 * @internal
 */
export interface FeatureCompilers {
  readonly compression?: typeof compileCompression;
  readonly extensions?: readonly WriteExtensionFactory[];
}

/** Entity options that need a write feature; refused when nothing handles them. */
const WRITE_OPTIONS = ['compress', 'version', 'timestamps'] as const;

/**
 * Entity names defined per table object. Two entities with one name would
 * read and overwrite each other's items (the entity type attribute cannot
 * tell them apart), and the second one's version checks would report
 * conflicts with the first one's items. Defining the same entity again (the
 * same schema object, keys and options, e.g. a test helper called per test)
 * is harmless and allowed.
 */
const definedNames = new WeakMap<TableModel, Map<string, string>>();

/** What makes two definitions of one name the same entity: attributes and their kinds, keys and options. */
function definitionSignature(schema: AnyObjectSchema, keys: EntityKeys, features: EntityFeatures): string {
  const shape = defOf(schema).shape ?? {};
  const attributes = Object.keys(shape).sort().map((name) => [name, kindOf(shape[name]!)]);
  const versions = (features.versions as { readonly version?: number } | undefined)?.version ?? null;
  return JSON.stringify([attributes, keys, features.version ?? null, features.timestamps ?? null, features.ttl ?? null, features.compress ?? null, versions]);
}

/** Validates an entity definition against its table and compiles it. @internal */
export function compileEntity(
  table: TableModel,
  name: string,
  schema: AnyObjectSchema,
  keys: EntityKeys,
  features: EntityFeatures = {},
  compilers: FeatureCompilers = {},
): EntityModel {
  const fail = (message: string): never => {
    throw new ConfigurationError(`Entity ${name}: ${message}`);
  };
  if (!name) fail('a name is required');
  const names = definedNames.get(table);
  const signature = definitionSignature(schema, keys, features);
  const earlier = names?.get(name);
  if (earlier !== undefined && earlier !== signature) {
    fail(
      `another entity named "${name}" (other schema, keys or options) is already defined on this Table object (table ${table.name}); ` +
        'give each entity its own name, or declare a new Table object for a second, independent definition',
    );
  }
  const factories = compilers.extensions ?? [];
  const unsupported = WRITE_OPTIONS.filter(
    (f) => Boolean(features[f]) && !(f === 'compress' ? compilers.compression : factories.some((x) => x.option === f)),
  );
  if (unsupported.length) {
    fail(`${unsupported.join(', ')}: not in tablewright/core, use Table from 'tablewright'`);
  }
  // Reads hide expired items by the table's attribute, with or without the TTL write extension.
  if (features.ttl && !table.ttlAttribute) fail('ttl needs a table with ttlAttribute');
  const def = defOf(schema);
  if (def.type !== 'object' || !def.shape) fail('schema must be a zod object (z.object({...}))');
  const shape = def.shape!;
  const isAttribute = (segment: string) => Object.prototype.hasOwnProperty.call(shape, segment);

  const generated = new Set<string>([table.partitionKey, table.entityTypeAttribute, table.writeTokenAttribute]);
  if (table.sortKey) generated.add(table.sortKey);
  if (table.ttlAttribute) generated.add(table.ttlAttribute);
  if (features.versions !== undefined) generated.add(table.schemaVersionAttribute);
  for (const index of Object.values(table.indexes)) {
    generated.add(index.partitionKey);
    if (index.sortKey) generated.add(index.sortKey);
  }
  for (const attr of generated) {
    if (isAttribute(attr)) fail(`schema field "${attr}" collides with a key or bookkeeping attribute of table ${table.name}`);
  }

  const compile = (template: KeyTemplate, keyAttribute: string, role: 'partition' | 'sort', index: string) =>
    compileEntityKey({ template, shape, delimiter: table.delimiter, keyAttribute, role, index, entity: name });

  if (!keys?.primary?.pk) fail('keys.primary.pk is required');
  if (table.sortKey && !keys.primary.sk) fail(`table ${table.name} has a sort key: keys.primary.sk is required`);
  if (!table.sortKey && keys.primary.sk) fail(`table ${table.name} has no sort key: remove keys.primary.sk`);
  const primary: CompiledIndexKeys = {
    index: 'primary',
    partitionKeyAttribute: table.partitionKey,
    sortKeyAttribute: table.sortKey,
    pk: compile(keys.primary.pk, table.partitionKey, 'partition', 'primary'),
    sk: keys.primary.sk && table.sortKey ? compile(keys.primary.sk, table.sortKey, 'sort', 'primary') : undefined,
    definition: undefined,
  };

  const indexes = new Map<string, CompiledIndexKeys>();
  for (const [indexName, templates] of Object.entries(keys)) {
    if (indexName === 'primary' || templates === undefined) continue;
    const index = table.indexes[indexName];
    if (!index) fail(`keys.${indexName}: table ${table.name} declares no index "${indexName}"`);
    const resolved = index!;
    if (resolved.sortKey && !templates.sk) fail(`keys.${indexName}.sk is required (index ${indexName} has a sort key)`);
    if (!resolved.sortKey && templates.sk) fail(`keys.${indexName}.sk given but index ${indexName} has no sort key`);
    let pk: CompiledKey;
    if (resolved.type === 'local') {
      if (templates.pk) fail(`keys.${indexName}.pk: a local index shares the primary partition key; give only sk`);
      pk = primary.pk;
    } else {
      if (!templates.pk) fail(`keys.${indexName}.pk is required`);
      pk = compile(templates.pk!, resolved.partitionKey, 'partition', indexName);
    }
    indexes.set(indexName, {
      index: indexName,
      partitionKeyAttribute: resolved.partitionKey,
      sortKeyAttribute: resolved.sortKey,
      pk,
      sk: templates.sk && resolved.sortKey ? compile(templates.sk, resolved.sortKey, 'sort', indexName) : undefined,
      definition: resolved,
    });
  }

  // Compression runs after the other storage conversions on write and before them on read.
  const keyAttributes = new Set<string>();
  for (const k of [primary, ...indexes.values()]) for (const a of [...k.pk.attributes, ...(k.sk?.attributes ?? [])]) keyAttributes.add(a);
  const compression = compilers.compression?.(name, shape, features.compress, keyAttributes);
  const toStorage = compileToStorage(schema);
  const fromStorage = compileFromStorage(schema);
  // The declaration compiles itself: programs without versions carry none of that code.
  const declared = features.versions as Partial<SchemaVersions> | undefined;
  if (declared !== undefined && typeof declared?.compile !== 'function') fail('versions must be built with schemaVersions(v1).next(v2, up)…');
  const versions = declared?.compile!(schema, table.schemaVersionAttribute, compression && ((v) => compression.decompress(v)), fail);
  const extensions: WriteExtension[] = [];
  for (const factory of factories) {
    const extension = factory.create({ table, entity: name, shape, config: features, fail });
    if (extension) extensions.push(extension);
  }
  for (const extension of extensions) {
    for (const attr of extension.attributes) {
      if (isAttribute(attr)) fail(`schema field "${attr}" collides with a bookkeeping attribute of table ${table.name}`);
      generated.add(attr);
    }
  }

  // Reserved only once the definition is valid.
  if (names) names.set(name, signature);
  else definedNames.set(table, new Map([[name, signature]]));
  return {
    name,
    table,
    schema,
    shape,
    primary,
    indexes,
    primaryAttributes: new Set([...primary.pk.attributes, ...(primary.sk?.attributes ?? [])]),
    generatedAttributes: generated,
    extensions,
    toStorage: compression ? (v) => compression.compress(toStorage ? toStorage(v) : v) : toStorage,
    fromStorage: compression
      ? (v) => {
          const decompressed = compression.decompress(v);
          return fromStorage ? fromStorage(decompressed) : decompressed;
        }
      : fromStorage,
    compressed: compression?.attributes ?? new Map(),
    readFields: compression ? undefined : compileReadFields(schema),
    versions,
  };
}
