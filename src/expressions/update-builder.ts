import { ExpressionError } from '../errors.js';
import { describeInput, readingInput, thrownMessage } from '../errors/hostile-input.js';
import { parsePath, type PathInput, type PathSegment } from './attribute-path.js';
import type { ConditionPath } from './condition-builder.js';
import type { Path, PathValue } from './path-types.js';
import type { UpdateAction, UpdateOperand } from './update-node.js';

type ValueAt<T, P> = P extends string ? PathValue<T, P> : unknown;
type ElementOf<V> = V extends readonly (infer E)[] ? E : unknown;
type SetOf<V> = V extends Set<infer E> ? Set<E> : never;
/**
 * What a counter at path `P` of value type `V` is changed by: a number, a
 * bigint for `z.bigint()` attributes; any other attribute gets a message
 * naming the problem.
 */
type CounterValue<V, P> = unknown extends V
  ? number | bigint
  : [NonNullable<V>] extends [number]
    ? number
    : [NonNullable<V>] extends [bigint]
      ? bigint
      : `increment and decrement apply to number attributes; "${P & string}" is not a number`;
/** `P` when a counter applies to it, else the message of {@link CounterValue}. */
type CounterPath<T, P> = P extends string ? (CounterValue<PathValue<T, P>, P> extends string ? CounterValue<PathValue<T, P>, P> : P) : P;
/**
 * Attributes an update may not change, mapped to the message that says why
 * (an entity's primary-key attributes, version attribute and managed
 * timestamps; see `LockedAttributes`). `{}` when nothing is locked.
 */
export type Locks = { readonly [attribute: string]: string };
/** `P`, or the message of a locked attribute. */
type Unlocked<L extends Locks, P> = P extends keyof L ? L[P] : P;
/** The value an update form takes at `P`: `V`, or the message of a locked attribute. */
type WritableValue<L extends Locks, P, V> = P extends keyof L ? L[P] : V;
/**
 * What `add`, `delete` and `append`/`prepend` take at path `P` of value type
 * `V`; a path of another kind gets a message naming the problem instead of
 * `never`/`undefined`.
 */
type AddValue<V, P> = unknown extends V
  ? number | bigint | Set<unknown>
  : [NonNullable<V>] extends [number]
    ? number
    : [NonNullable<V>] extends [bigint]
      ? bigint
      : [NonNullable<V>] extends [Set<infer E>]
        ? Set<E>
        : `add takes a number, a bigint or a Set; "${P & string}" is none of them`;
type DeleteValue<V, P> = unknown extends V
  ? Set<unknown>
  : [NonNullable<V>] extends [Set<infer E>]
    ? Set<E>
    : `delete removes elements from a Set; "${P & string}" is not a Set`;
type ListItems<V, P> = unknown extends V
  ? readonly unknown[]
  : [NonNullable<V>] extends [readonly (infer E)[]]
    ? readonly E[]
    : `append and prepend take a list; "${P & string}" is not one`;

/** A path or an update operand (`u.ref`, `u.plus`, `u.ifNotExists`…), usable as a SET value. */
export interface UpdateExpressionValue {
  readonly kind: UpdateOperand['kind'];
}

/**
 * The object form of an update. Keys are typed attribute paths (`'profile.city'`,
 * `'items[0].qty'`); use the builder form for names containing `.` or `[`.
 *
 * @example
 * ```ts
 * await User.update({ orgId, userId }, {
 *   set: { 'profile.city': 'Oslo', status: 'active' },
 *   remove: ['nickname'],
 *   add: { logins: 1, tags: new Set(['beta']) },
 *   append: { history: [{ at: new Date(), what: 'moved' }] },
 * });
 * ```
 */
export interface UpdateChanges<T, L extends Locks = {}> {
  /** Replace values (deep paths allowed; the parent map must exist). `undefined` removes an optional attribute. */
  readonly set?: { readonly [P in Path<T>]?: WritableValue<L, P, PathValue<T, P>> } | undefined;
  /**
   * Remove attributes or list elements. A locked attribute is refused: its
   * message stands in the list of allowed paths the compiler prints (a list
   * element has no value type that could carry it).
   */
  readonly remove?: readonly (Exclude<Path<T>, keyof L> | L[keyof L] | readonly PathSegment[])[] | undefined;
  /** Add to a number or bigint (missing counts as 0; bigints stay exact) or add elements to a set. */
  readonly add?: { readonly [P in Path<T>]?: WritableValue<L, P, AddValue<PathValue<T, P>, P>> } | undefined;
  /** Remove elements from a set. */
  readonly delete?: { readonly [P in Path<T>]?: WritableValue<L, P, DeleteValue<PathValue<T, P>, P>> } | undefined;
  /** Append elements to a list (a missing list is created). */
  readonly append?: { readonly [P in Path<T>]?: WritableValue<L, P, ListItems<PathValue<T, P>, P>> } | undefined;
  /** Prepend elements to a list (a missing list is created). */
  readonly prepend?: { readonly [P in Path<T>]?: WritableValue<L, P, ListItems<PathValue<T, P>, P>> } | undefined;
  /** Set only if the attribute does not exist yet. */
  readonly ifNotExists?: { readonly [P in Path<T>]?: WritableValue<L, P, PathValue<T, P>> } | undefined;
  /**
   * `path = if_not_exists(path, 0) + n` (negative to decrement); works on
   * nested numbers too. A `z.bigint()` attribute takes a bigint (exact up to
   * DynamoDB's 38 digits).
   */
  readonly increment?: { readonly [P in Path<T>]?: WritableValue<L, P, CounterValue<PathValue<T, P>, P>> } | undefined;
}

/**
 * Builds update actions. Each method returns an immutable action; pass an
 * array of them (or one) from the function form of `Entity.update`.
 *
 * @example
 * ```ts
 * await Order.update(key, (u) => [
 *   u.set(['meta', 'a.b'], 'dotted name'),
 *   u.set('total', u.plus(u.ref('total'), u.ref('shipping'))),
 *   u.delete('tags', new Set(['old'])),
 * ]);
 * ```
 */
export interface UpdateBuilder<T, L extends Locks = {}> {
  set<P extends ConditionPath<T>>(path: Unlocked<L, P>, value: NoInfer<ValueAt<T, P> | UpdateExpressionValue>): UpdateAction;
  remove<P extends ConditionPath<T>>(path: Unlocked<L, P>): UpdateAction;
  add<P extends ConditionPath<T>>(path: Unlocked<L, P>, value: NoInfer<AddValue<ValueAt<T, P>, P>>): UpdateAction;
  delete<P extends ConditionPath<T>>(path: Unlocked<L, P>, value: NoInfer<DeleteValue<ValueAt<T, P>, P>>): UpdateAction;
  append<P extends ConditionPath<T>>(path: Unlocked<L, P>, items: NoInfer<ListItems<ValueAt<T, P>, P>>): UpdateAction;
  prepend<P extends ConditionPath<T>>(path: Unlocked<L, P>, items: NoInfer<ListItems<ValueAt<T, P>, P>>): UpdateAction;
  /** `SET path = if_not_exists(path, value)`. */
  ifNotExists<P extends ConditionPath<T>>(path: Unlocked<L, P>, value: NoInfer<ValueAt<T, P>>): UpdateAction;
  /** `SET path = if_not_exists(path, 0) + by` (default 1; a bigint for `z.bigint()` attributes). */
  increment<P extends ConditionPath<T>>(path: Unlocked<L, CounterPath<T, P>>, by?: NoInfer<P extends string ? CounterValue<PathValue<T, P>, P> : number | bigint>): UpdateAction;
  /** `SET path = if_not_exists(path, 0) - by` (default 1; a bigint for `z.bigint()` attributes). */
  decrement<P extends ConditionPath<T>>(path: Unlocked<L, CounterPath<T, P>>, by?: NoInfer<P extends string ? CounterValue<PathValue<T, P>, P> : number | bigint>): UpdateAction;
  /** The current value of another attribute, as an operand. */
  ref(path: ConditionPath<T>): UpdateExpressionValue;
  /** `if_not_exists(path, fallback)` as an operand. */
  valueOr(path: ConditionPath<T>, fallback: unknown): UpdateExpressionValue;
  /** `a + b`; numbers and bigints become values. */
  plus(a: UpdateExpressionValue | number | bigint, b: UpdateExpressionValue | number | bigint): UpdateExpressionValue;
  /** `a - b`; numbers and bigints become values. */
  minus(a: UpdateExpressionValue | number | bigint, b: UpdateExpressionValue | number | bigint): UpdateExpressionValue;
}

/** An update: the object form, or a function returning builder actions. */
export type UpdateInput<T, L extends Locks = {}> = UpdateChanges<T, L> | ((u: UpdateBuilder<T, L>) => UpdateAction | readonly UpdateAction[]);

/** Operands made by the builder. A user's data value shaped like `{ kind: 'path' }` is never taken for one. */
const ACTION_KINDS = new Set(['set', 'remove', 'add', 'delete']);
const OPERAND_BRAND = new WeakSet<object>();

/** True for operands built by the builder. @internal */
export function isOperand(v: unknown): v is UpdateOperand {
  return v !== null && typeof v === 'object' && OPERAND_BRAND.has(v);
}
const brand = (o: UpdateOperand): UpdateOperand => {
  OPERAND_BRAND.add(o);
  return o;
};

const p = (path: PathInput): readonly [PathSegment, ...PathSegment[]] => parsePath(path);
type Seal = <T extends object>(node: T) => T;

/**
 * The node makers behind the builder, with `seal` applied to every node:
 * `Object.freeze` for the public builder (its actions are values callers
 * keep), nothing for the object form, whose nodes never leave tablewright
 * (freezing costs a hidden-class change per node on every update).
 */
function nodeMakers(seal: Seal) {
  const value = (v: unknown): UpdateOperand => seal({ kind: 'value', value: v });
  const num = (v: UpdateExpressionValue | number | bigint): UpdateOperand => (typeof v === 'number' || typeof v === 'bigint' ? value(v) : (v as UpdateOperand));
  const listAppend = (path: PathInput, items: readonly unknown[], prepend: boolean): UpdateAction => {
    const at = p(path);
    const existing: UpdateOperand = seal({ kind: 'ifNotExists', path: at, fallback: value([]) });
    const added = value(items);
    return seal({ kind: 'set', path: at, operand: seal({ kind: 'listAppend', left: prepend ? added : existing, right: prepend ? existing : added }) });
  };
  const counter = (path: PathInput, by: number | bigint, op: '+' | '-'): UpdateAction => {
    const at = p(path);
    const left: UpdateOperand = seal({ kind: 'ifNotExists', path: at, fallback: value(typeof by === 'bigint' ? 0n : 0) });
    return seal({ kind: 'set', path: at, operand: seal({ kind: 'arithmetic', op, left, right: value(by) }) });
  };
  return {
    set: (path: PathInput, v: unknown): UpdateAction => seal({ kind: 'set', path: p(path), operand: isOperand(v) ? v : value(v) }),
    remove: (path: PathInput): UpdateAction => seal({ kind: 'remove', path: p(path) }),
    add: (path: PathInput, v: unknown): UpdateAction => seal({ kind: 'add', path: p(path), value: v }),
    delete: (path: PathInput, v: unknown): UpdateAction => seal({ kind: 'delete', path: p(path), value: v }),
    append: (path: PathInput, items: readonly unknown[]) => listAppend(path, items, false),
    prepend: (path: PathInput, items: readonly unknown[]) => listAppend(path, items, true),
    ifNotExists: (path: PathInput, v: unknown): UpdateAction => {
      const at = p(path);
      return seal({ kind: 'set', path: at, operand: seal({ kind: 'ifNotExists', path: at, fallback: value(v) }) });
    },
    increment: (path: PathInput, by: number | bigint = 1) => counter(path, by, '+'),
    decrement: (path: PathInput, by: number | bigint = 1) => counter(path, by, '-'),
    ref: (path: PathInput) => brand(seal({ kind: 'path', path: p(path) })),
    valueOr: (path: PathInput, fallback: unknown) => brand(seal({ kind: 'ifNotExists', path: p(path), fallback: isOperand(fallback) ? fallback : value(fallback) })),
    plus: (a: UpdateExpressionValue | number | bigint, b: UpdateExpressionValue | number | bigint) => brand(seal({ kind: 'arithmetic', op: '+', left: num(a), right: num(b) })),
    minus: (a: UpdateExpressionValue | number | bigint, b: UpdateExpressionValue | number | bigint) => brand(seal({ kind: 'arithmetic', op: '-', left: num(a), right: num(b) })),
  };
}

/** The untyped update builder. @internal */
export const updateBuilder: UpdateBuilder<any> = Object.freeze(nodeMakers(Object.freeze)) as unknown as UpdateBuilder<any>;
/** The object form's node makers (unfrozen nodes, internal only). */
const objectForm = nodeMakers((node) => node);

/** Turns the object form into actions (in a stable order). @internal */
export function changesToActions(changes: UpdateChanges<unknown>): UpdateAction[] {
  const out: UpdateAction[] = [];
  eachChange(out, changes.set, setOrRemove);
  for (const path of changes.remove ?? []) out.push(objectForm.remove(path as PathInput));
  eachChange(out, changes.add, objectForm.add);
  eachChange(out, changes.delete, objectForm.delete);
  eachChange(out, changes.append, objectForm.append as (path: string, value: unknown) => UpdateAction);
  eachChange(out, changes.prepend, objectForm.prepend as (path: string, value: unknown) => UpdateAction);
  eachChange(out, changes.ifNotExists, objectForm.ifNotExists);
  eachChange(out, changes.increment, objectForm.increment as (path: string, value: unknown) => UpdateAction);
  return out;
}

/** `set` of `undefined` removes the attribute. */
const setOrRemove = (path: string, value: unknown): UpdateAction => (value === undefined ? objectForm.remove(path) : objectForm.set(path, value));

/**
 * One part's own enumerable keys in order, each value read once, as
 * `Object.entries` would, without an entries array per part (this runs on
 * every update). Module-level so a call allocates no closure.
 */
function eachChange(out: UpdateAction[], part: unknown, make: (path: string, value: unknown) => UpdateAction): void {
  if (part === undefined || part === null) return;
  const o = part as Record<string, unknown>;
  for (const path of Object.keys(o)) out.push(make(path, o[path]));
}

/** Resolves an {@link UpdateInput} to actions. @internal */
export function resolveUpdate<T, L extends Locks = {}>(input: UpdateInput<T, L>): UpdateAction[] {
  return readingInput(
    () => {
      if (typeof input === 'function') {
        const result = input(updateBuilder as unknown as UpdateBuilder<T, L>);
        const actions = Array.isArray(result) ? [...result] : [result as UpdateAction];
        actions.forEach((action: unknown, i) => {
          const a = action as { kind?: unknown; path?: unknown } | null;
          if (a === null || typeof a !== 'object' || !ACTION_KINDS.has(a.kind as string) || !Array.isArray(a.path)) {
            throw new ExpressionError(`The update function must return update-builder actions (u.set, u.remove …); #${i} is ${describeInput(action)}`, action);
          }
        });
        return actions;
      }
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        throw new ExpressionError(`An update is an object of changes ({ set, remove, add, … }) or a function of the update builder, got ${describeInput(input)}`, input);
      }
      const changes = input as UpdateChanges<unknown>;
      if (changes.remove !== undefined && !Array.isArray(changes.remove)) {
        throw new ExpressionError(`remove takes an array of attribute paths, got ${describeInput(changes.remove)}`, changes.remove);
      }
      for (const part of ['set', 'add', 'delete', 'append', 'prepend', 'ifNotExists', 'increment'] as const) {
        const value = changes[part];
        if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
          throw new ExpressionError(`${part} takes an object of attribute paths and values, got ${describeInput(value)}`, value);
        }
      }
      return changesToActions(changes);
    },
    (cause) => new ExpressionError(`The update could not be read (${thrownMessage(cause)})`, input),
  );
}
