import type { z } from 'zod';
import type { KeyTemplate } from '../keys/key-template.js';

/** Any zod object schema. */
export type AnyObjectSchema = z.ZodObject<z.ZodRawShape>;

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

/** Attributes named by a key config's templates (static segments drop out). */
export type TemplateAttributes<T, Item> = T extends { readonly pk?: infer P; readonly sk?: infer S }
  ? Extract<(P extends readonly unknown[] ? P[number] : never) | (S extends readonly unknown[] ? S[number] : never), keyof Item>
  : never;

/** The values needed to address one item: the primary key template's attributes. */
export type PrimaryKeyOf<Item, K extends EntityKeys> = { readonly [P in TemplateAttributes<K['primary'], Item>]: Item[P] };

/** The partition-key attributes of an index (or `primary`). */
export type PartitionKeyOf<Item, T> = T extends { readonly pk: infer P }
  ? { readonly [A in Extract<P extends readonly unknown[] ? P[number] : never, keyof Item>]: Item[A] }
  : Record<string, never>;

/** The sort-key attributes of an index (or `primary`). */
export type SortKeyOf<Item, T> = T extends { readonly sk: infer S }
  ? { readonly [A in Extract<S extends readonly unknown[] ? S[number] : never, keyof Item>]: Item[A] }
  : Record<string, never>;
