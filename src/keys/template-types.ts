/**
 * Compile-time half of the key-template typo check: a plain static segment
 * that equals an attribute name case-insensitively, while the template does
 * not use that attribute, is a type error naming both (the run-time check
 * also catches near misses such as `tennantId`). Write `{ static: 'tenantID' }`
 * when the text is meant.
 */

/** Attributes of `A` (three characters or more, as at run time) that `Seg` equals case-insensitively. */
type CaseTwins<Seg extends string, A extends string> = A extends `${string}${infer _B}${infer _C}${infer _D}`
  ? A extends `${infer _1}${infer _2}${infer _3}${infer _Rest}`
    ? Lowercase<Seg> extends Lowercase<A>
      ? A
      : never
    : never
  : never;

/**
 * The attribute a plain static segment mimics, or `never`. Segments resembling
 * an attribute the template uses are its labels. The `Lowercase` test first
 * rejects almost every segment without distributing over the attributes.
 */
type Mimicked<Seg, A extends string, Used> = Seg extends string
  ? string extends Seg
    ? never
    : Seg extends A
      ? never
      : Lowercase<Seg> extends Lowercase<A>
        ? [CaseTwins<Seg, Extract<Used, A>>] extends [never]
          ? CaseTwins<Seg, A>
          : never
        : never
  : never;

/** Every attribute some static segment of template `T` mimics (`never` when the template is fine). */
type TemplateTypos<T, A extends string> = T extends readonly unknown[] ? Mimicked<T[number], A, T[number]> : never;

/**
 * What a template must also satisfy when it has a typo: for a suspicious
 * segment, an object whose only property is the explanation, so the compiler
 * reports it at the segment; `unknown` for the others.
 */
export type CheckedTemplate<T, A extends string> = T extends readonly unknown[]
  ? { readonly [I in keyof T]: [Mimicked<T[I], A, T[number]>] extends [never] ? unknown : StaticSegmentLooksLikeAttribute<T[I] & string, Mimicked<T[I], A, T[number]>> }
  : unknown;

/**
 * The error a mistyped static segment reports. Named for what is wrong, since
 * the compiler prints this name (`… is not assignable to type '"tenantID" &
 * StaticSegmentLooksLikeAttribute<"tenantID", "tenantId">'`).
 */
export type StaticSegmentLooksLikeAttribute<Seg extends string, Attr extends string> = {
  readonly [M in `static key segment "${Seg}" looks like attribute "${Attr}": write "${Attr}", or { static: '${Seg}' } if the text is meant`]: true;
};

/** The error a mistyped static segment reports (the type `StaticSegmentLooksLikeAttribute`, whose key is the message). */
export type TemplateTypo<Seg extends string, Attr extends string> = StaticSegmentLooksLikeAttribute<Seg, Attr>;

/** Attributes mimicked anywhere in an entity's key config. */
type KeyTypos<K, A extends string> = { readonly [P in keyof K]: { readonly [R in keyof K[P]]: TemplateTypos<K[P][R], A> }[keyof K[P]] }[keyof K];

/**
 * What an entity's key config must also satisfy (it is intersected with the
 * config's own type): `unknown` when no template has a typo, so a correct
 * definition costs one cheap scan; otherwise {@link CheckedTemplate} for every
 * template, which puts the message on the segment. Comparing key tuples with
 * mapped tuples was most of an entity definition's check time.
 */
export type CheckedKeys<K, A extends string> = [KeyTypos<K, A>] extends [never]
  ? unknown
  : { readonly [P in keyof K]: { readonly [R in keyof K[P]]: CheckedTemplate<K[P][R], A> } };
