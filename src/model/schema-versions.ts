import type { z } from 'zod';
import { MigrationError, SchemaVersionError, ValidationError } from '../errors.js';
import { compileFromStorage, type Converter } from '../schema/storage-codec.js';
import type { AnyObjectSchema } from './entity-types.js';

/**
 * Versioned schemas: an entity's history of zod schemas, each with the
 * migration from the one before. Items store the version they were written
 * at (the table's `schemaVersionAttribute`); reads migrate older items step
 * by step to the current schema.
 */

/** One declared version: its schema and the migration from the previous version. @internal */
export interface SchemaVersionStep {
  readonly schema: AnyObjectSchema;
  /** From the previous version's output to this version's input; `undefined` for version 1. */
  readonly up: ((previous: never) => unknown) | undefined;
}

/**
 * The schema versions of an entity, built with {@link schemaVersions} and
 * `.next(schema, up)`; the last schema is the entity's `schema`.
 *
 * @typeParam S - the newest (current) schema
 */
export class SchemaVersions<S extends AnyObjectSchema = AnyObjectSchema> {
  /** Every version in order: `steps[0]` is version 1. */
  readonly steps: readonly SchemaVersionStep[];
  /** The newest schema (give it as the entity's `schema`). */
  readonly current: S;

  /** @internal */
  constructor(steps: readonly SchemaVersionStep[]) {
    this.steps = Object.freeze([...steps]);
    this.current = steps[steps.length - 1]!.schema as S;
  }

  /** The newest version number (1 for a single schema). */
  get version(): number {
    return this.steps.length;
  }

  /**
   * Adds the next version: its schema and the migration from the current
   * newest one. `up` receives an item parsed by the previous schema and
   * returns the input of the new one (it is parsed by `schema` after).
   */
  next<N extends AnyObjectSchema>(schema: N, up: (previous: z.output<S>) => z.input<N>): SchemaVersions<N> {
    return new SchemaVersions<N>([...this.steps, { schema, up: up as (previous: never) => unknown }]);
  }

  /**
   * Compiles the versions for an entity (the model calls it, so programs
   * without versions carry none of this code). @internal
   */
  compile(schema: AnyObjectSchema, attribute: string, decompress: Converter | undefined, fail: (message: string) => never): CompiledSchemaVersions {
    return compileSchemaVersions(this, schema, attribute, decompress, fail);
  }
}

/**
 * Starts an entity's schema history with version 1. Items stored before the
 * entity declared versions (no version attribute) are read as version 1.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { schemaVersions } from 'tablewright';
 * const UserV1 = z.object({ id: z.string(), name: z.string() });
 * const UserV2 = z.object({ id: z.string(), firstName: z.string(), lastName: z.string() });
 * const userVersions = schemaVersions(UserV1).next(UserV2, (u) => {
 *   const [firstName = '', ...rest] = u.name.split(' ');
 *   return { id: u.id, firstName, lastName: rest.join(' ') };
 * });
 * // table.entity('User', { schema: UserV2, versions: userVersions, keys: … })
 * ```
 */
export function schemaVersions<S extends AnyObjectSchema>(first: S): SchemaVersions<S> {
  return new SchemaVersions<S>([{ schema: first, up: undefined }]);
}

/** A version compiled for reading: its storage converter and migration. @internal */
interface CompiledStep {
  readonly schema: AnyObjectSchema;
  readonly fromStorage: Converter | undefined;
  readonly up: ((previous: unknown) => unknown) | undefined;
}

/** An entity's versions as the reader uses them. @internal */
export interface CompiledSchemaVersions {
  /** The table attribute holding the version. */
  readonly attribute: string;
  /** The version writes store. */
  readonly current: number;
  readonly steps: readonly CompiledStep[];
  /** Undoes compression before an older version's conversions (the same attributes are compressed in every version). */
  readonly decompress: Converter | undefined;
  /** {@link storedSchemaVersion} bound to these versions. */
  storedVersion(value: unknown, entity: string, key: Readonly<Record<string, unknown>> | undefined): number;
  /** {@link migrateStoredInput} bound to these versions. */
  migrate(input: Record<string, unknown>, from: number, entity: string, key: Readonly<Record<string, unknown>> | undefined): unknown;
}

/** Validates a `versions` declaration against the entity's schema and compiles it. @internal */
function compileSchemaVersions(
  versions: SchemaVersions,
  schema: AnyObjectSchema,
  attribute: string,
  decompress: Converter | undefined,
  fail: (message: string) => never,
): CompiledSchemaVersions {
  if (versions.current !== schema) fail('versions: the last schema version must be the entity schema (the same zod object)');
  const compiled: CompiledSchemaVersions = {
    attribute,
    current: versions.version,
    steps: versions.steps.map((s) => ({ schema: s.schema, fromStorage: compileFromStorage(s.schema), up: s.up as CompiledStep['up'] })),
    decompress,
    storedVersion: (value, entity, key) => storedSchemaVersion(compiled, value, entity, key),
    migrate: (input, from, entity, key) => migrateStoredInput(compiled, input, from, entity, key),
  };
  return compiled;
}

/** The version of a stored item (no attribute: 1); {@link SchemaVersionError} when newer than `current` or malformed. @internal */
export function storedSchemaVersion(
  versions: CompiledSchemaVersions,
  value: unknown,
  entity: string,
  key: Readonly<Record<string, unknown>> | undefined,
): number {
  if (value === undefined) return 1;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new SchemaVersionError({ reason: 'invalid', entity, key, storedVersion: value, currentVersion: versions.current });
  }
  if (value > versions.current) {
    throw new SchemaVersionError({ reason: 'newer', entity, key, storedVersion: value, currentVersion: versions.current });
  }
  return value;
}

/**
 * Brings a stored item (bookkeeping stripped, still in stored form) of
 * version `from` to the input of the current schema: each version validates
 * it before its migration runs. The caller validates the result with the
 * current schema (or picks a projection from it). Projections of versioned
 * entities fetch every attribute any version declares, so the item is whole.
 * @internal
 */
export function migrateStoredInput(
  versions: CompiledSchemaVersions,
  input: Record<string, unknown>,
  from: number,
  entity: string,
  key: Readonly<Record<string, unknown>> | undefined,
): unknown {
  const step = versions.steps[from - 1]!;
  let value: unknown = versions.decompress ? versions.decompress(input) : input;
  if (step.fromStorage) value = step.fromStorage(value);
  value = parseStep(step.schema, value, entity, key);
  for (let to = from + 1; to <= versions.current; to++) {
    const next = versions.steps[to - 1]!;
    try {
      value = next.up!(value);
    } catch (cause) {
      throw new MigrationError({ entity, key, fromVersion: to - 1, toVersion: to, cause });
    }
    if (to < versions.current) value = parseStep(next.schema, value, entity, key);
  }
  return value;
}

function parseStep(schema: z.ZodType, value: unknown, entity: string, key: Readonly<Record<string, unknown>> | undefined): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError({
    entity,
    key,
    issues: result.error.issues.map((i) => ({ path: i.path, message: i.message, code: i.code })),
    direction: 'read',
    cause: result.error,
  });
}
