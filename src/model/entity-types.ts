import type { z } from 'zod';
import type { KeyTemplate } from '../keys/key-template.js';
import type { UpdateInput } from '../expressions/update-builder.js';

/**
 * Any zod object schema. Its shape is zod's loose default: checking an
 * entity's schema against `z.ZodObject<z.ZodRawShape>` compared every field
 * schema with `$ZodType` structurally (a nested `z.object` afresh for each
 * entity), about a quarter of a definition's type-check cost.
 */
export type AnyObjectSchema = z.ZodObject;

/** Attribute names of a schema's output. */
export type AttributeOf<S extends AnyObjectSchema> = keyof z.output<S> & string;

/** Key templates of one index (or the primary key) of an entity. LSIs give only `sk`. */
export interface KeyTemplates<A extends string = string> {
  readonly pk?: KeyTemplate<A>;
  readonly sk?: KeyTemplate<A>;
}

/** Key templates of an entity: `primary` plus any of the table's indexes. */
export type EntityKeys<A extends string = string, I extends string = string> = {
  readonly primary: KeyTemplates<A> & { readonly pk: KeyTemplate<A> };
} & { readonly [P in I]?: KeyTemplates<A> };

/** The segments of a key template (`never` when absent). `infer … extends` keeps the tuple itself, not its intersection with the constraint. */
type Segments<T> = T extends readonly (infer E)[] ? E : never;

/** Attributes named by a key config's templates (static segments drop out). */
export type TemplateAttributes<T, Item> = T extends { readonly pk?: infer P; readonly sk?: infer S } ? Extract<Segments<P> | Segments<S>, keyof Item> : never;

/** The values needed to address one item: the primary key template's attributes. */
export type PrimaryKeyOf<Item, K extends EntityKeys> = { readonly [P in TemplateAttributes<K['primary'], Item>]: Item[P] };

/** The partition-key attributes of an index (or `primary`). */
export type PartitionKeyOf<Item, T> = T extends { readonly pk: infer P } ? { readonly [A in Extract<Segments<P>, keyof Item>]: Item[A] } : Record<string, never>;

/** The sort-key attributes of an index (or `primary`). */
export type SortKeyOf<Item, T> = T extends { readonly sk: infer S } ? { readonly [A in Extract<Segments<S>, keyof Item>]: Item[A] } : Record<string, never>;

/** The partition-key segments of index `I` (LSIs share the primary one). */
type PartitionSegments<K, I extends keyof K> = K[I] extends { readonly pk: infer P }
  ? Segments<P>
  : K extends { readonly primary: { readonly pk: infer P } }
    ? Segments<P>
    : never;

/** The values a query on index `I` (or `'primary'`) needs: its partition-key template's attributes. */
export type QueryKey<Item, K, I extends keyof K> = { readonly [A in Extract<PartitionSegments<K, I>, keyof Item>]: Item[A] };

/**
 * The items of a read that fetched attributes `A` of all attributes `All`:
 * the whole item when `A` is all of them (no `attributes` option), else
 * `Pick<Item, A>`.
 */
export type Projected<Item, A extends keyof Item, All extends keyof Item> = [All] extends [A] ? Item : Pick<Item, A>;

/** The sort-key template's attributes of index `I`, for sort-key conditions. */
export type SortValues<Item, K, I extends keyof K> = SortKeyOf<Item, K[I]>;

/**
 * Index names in an entity's `keys` that the table does not declare, each
 * typed as a message naming the problem (what a misspelt index shows in the
 * compiler's error instead of `never`).
 */
export type UndeclaredIndexKeys<K, I extends string> = {
  readonly [P in Exclude<keyof K, 'primary' | I>]: `index "${P & string}" is not declared on this table (add it to the table's indexes)`;
};

/**
 * What the type level knows of an entity's write rules, from its config: the
 * version attribute (`version` option) and the managed timestamps
 * (`timestamps` option); `never` when the entity has none.
 */
export interface WriteRules {
  readonly version: string;
  readonly managed: string;
}

/** The write rules of an entity without version locking or timestamps. */
export interface NoWriteRules extends WriteRules {
  readonly version: never;
  readonly managed: never;
}

/** The version attribute a `version` option names (`true`: `version`). */
type VersionAttributeOf<V> = V extends true ? 'version' : V extends { readonly attribute: infer A extends string } ? A : never;

/** One managed timestamp a `timestamps` option names (`true`: the default name; `false`: none). */
type TimestampAttributeOf<T, D extends 'createdAt' | 'updatedAt'> = T extends true
  ? D
  : T extends { readonly [P in D]?: infer A }
    ? A extends string
      ? A
      : A extends false
        ? never
        : D
    : never;

/** {@link WriteRules} from the `version` and `timestamps` options' types. */
export interface WriteRulesOf<V, T> extends WriteRules {
  readonly version: VersionAttributeOf<V>;
  readonly managed: TimestampAttributeOf<T, 'createdAt'> | TimestampAttributeOf<T, 'updatedAt'>;
}

/**
 * Attributes an update cannot change, each mapped to the message that says
 * why (what the compiler shows instead of `never`): the primary-key
 * attributes, the version attribute and the managed timestamps. Computed once
 * per entity type.
 */
export type LockedAttributes<Item, K extends EntityKeys, R extends WriteRules> = {
  readonly [P in TemplateAttributes<K['primary'], Item> | R['version'] | R['managed']]: P extends R['version']
    ? `"${P}" is the version attribute: updates increment it themselves (pass expectedVersion instead)`
    : P extends R['managed']
      ? `"${P}" is a managed timestamp: tablewright sets it on every write`
      : `"${P & string}" is part of the primary key: an update cannot change it (put a new item and delete the old one)`;
};

/** What a version-locked entity's write options must carry (`unknown` for other entities). */
export type ExpectedVersionOf<R extends WriteRules> = [R['version']] extends [never]
  ? unknown
  : {
      /** Required on a version-locked entity: the version read, or `'any'` to skip the check. */
      readonly expectedVersion: number | 'any';
    };

/**
 * The options parameter of a delete or update: optional, except on a
 * version-locked entity, where it must carry `expectedVersion` (the rest
 * parameter is named `optionsWithExpectedVersion`, so a missing argument is
 * reported by that name).
 */
export type WriteOptionsArgs<R extends WriteRules, O> = [R['version']] extends [never]
  ? [options?: O]
  : [optionsWithExpectedVersion: O & ExpectedVersionOf<R>];

/**
 * The changes an update of an entity takes: paths of its item, with its
 * primary-key attributes, version attribute and managed timestamps locked
 * (each reports why). One alias per entity, so it is computed once; the
 * `update`/`updateOp` methods and the `updateItem`/`updateOp` functions share it.
 */
export type EntityUpdate<S extends AnyObjectSchema, K extends EntityKeys, R extends WriteRules = NoWriteRules> = UpdateInput<
  z.output<S>,
  LockedAttributes<z.output<S>, K, R>
>;
