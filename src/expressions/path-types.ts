/**
 * Type-level attribute paths of an item: `'a' | 'a.b' | 'list[0]' | 'list[0].c'`.
 * Depth is capped (4 levels) to keep type-checking fast across many entities;
 * deeper paths can always be written as segment arrays.
 */

type Depth = [never, 0, 1, 2, 3];

type Leaf = Date | Set<unknown> | Uint8Array | ArrayBuffer | string | number | boolean | bigint | null | undefined;

/** Every dotted/bracketed path into `T`, up to four levels deep. */
export type Path<T, D extends number = 4> = [D] extends [never]
  ? never
  : T extends Leaf
    ? never
    : T extends readonly (infer E)[]
      ? `[${number}]` | (NonNullable<E> extends Leaf ? never : `[${number}].${Path<NonNullable<E>, Depth[D]>}`)
      : {
          [K in keyof T & string]:
            | K
            | (NonNullable<T[K]> extends Leaf
                ? never
                : NonNullable<T[K]> extends readonly unknown[]
                  ? `${K}${Path<NonNullable<T[K]>, Depth[D]>}`
                  : `${K}.${Path<NonNullable<T[K]>, Depth[D]>}`);
        }[keyof T & string];

/** The type at `P` inside `T` (`unknown` when it cannot be resolved). */
export type PathValue<T, P extends string> = P extends keyof T
  ? T[P]
  : P extends `${infer Head}[${number}]${infer Rest}`
  ? Head extends ''
    ? T extends readonly (infer E)[]
      ? Rest extends ''
        ? E
        : Rest extends `.${infer R}`
          ? PathValue<NonNullable<E>, R>
          : PathValue<E, Rest>
      : unknown
    : Head extends `${infer A}.${infer B}`
      ? A extends keyof T
        ? PathValue<NonNullable<T[A]>, `${B}[0]${Rest}`>
        : unknown
      : Head extends keyof T
        ? PathValue<NonNullable<T[Head]>, `[0]${Rest}`>
        : unknown
  : P extends `${infer A}.${infer B}`
    ? A extends keyof T
      ? PathValue<NonNullable<T[A]>, B>
      : unknown
    : P extends keyof T
      ? T[P]
      : unknown;
