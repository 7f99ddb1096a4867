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

/** The attribute a plain static segment mimics, or `never`. Segments resembling an attribute the template uses are its labels. */
type Mimicked<Seg, A extends string, Used> = Seg extends string
  ? string extends Seg
    ? never
    : Seg extends A
      ? never
      : [CaseTwins<Seg, Extract<Used, A>>] extends [never]
        ? CaseTwins<Seg, A>
        : never
  : never;

/**
 * What a template must also satisfy: `unknown` for fine segments; for a
 * suspicious one, an object whose only property is the explanation, so the
 * compiler reports it at the segment.
 */
export type CheckedTemplate<T, A extends string> = T extends readonly unknown[]
  ? { readonly [I in keyof T]: [Mimicked<T[I], A, T[number]>] extends [never] ? unknown : TemplateTypo<T[I] & string, Mimicked<T[I], A, T[number]>> }
  : unknown;

/** The error a mistyped static segment reports. */
export type TemplateTypo<Seg extends string, Attr extends string> = {
  readonly [M in `static key segment "${Seg}" looks like attribute "${Attr}": write "${Attr}", or { static: '${Seg}' } if the text is meant`]: true;
};

/** {@link CheckedTemplate} for every template of an entity's key config (intersected with the config's own type). */
export type CheckedKeys<K, A extends string> = {
  readonly [P in keyof K]: { readonly [R in keyof K[P]]: CheckedTemplate<K[P][R], A> };
};
