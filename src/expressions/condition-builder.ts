import { readingInput, thrownMessage } from '../errors/hostile-input.js';
import { ExpressionError } from '../errors.js';
import { parsePath, type PathInput, type PathSegment } from './attribute-path.js';
import type { AttributeTypeName, ComparisonOperator, ConditionNode, Operand } from './condition-node.js';
import type { Path, PathValue } from './path-types.js';
import { checkCondition, type ConditionTarget } from './check-condition.js';

/** A typed reference to `size(path)`, usable on the left of a comparison. */
export interface SizeOf {
  readonly kind: 'size';
  readonly path: readonly [PathSegment, ...PathSegment[]];
}

/** A reference to another attribute, usable as the right side of a comparison (`a < b`). */
export interface AttributeRef {
  readonly kind: 'path';
  readonly path: readonly [PathSegment, ...PathSegment[]];
}

/** Paths accepted by the builder: typed strings, or segment arrays for names with `.`/`[`. */
export type ConditionPath<T> = Path<T> | readonly PathSegment[];

/** The declared type at a path (`unknown` for segment arrays and unknown shapes). */
type ValueAt<T, P> = P extends string ? PathValue<T, P> : unknown;

/**
 * What a comparison at `P` accepts: the attribute's own type (never
 * `undefined`: test absence with `notExists`), another attribute, or, for
 * `size(path)`, a number.
 */
export type OperandAt<T, P> = P extends SizeOf ? number | SizeOf | AttributeRef : Exclude<ValueAt<T, P>, undefined> | AttributeRef;

/** What `contains` takes at `P`: a substring for strings, an element for sets and lists. */
type ContainsValue<T, P> = unknown extends ValueAt<T, P> ? unknown : ContainsOperand<NonNullable<ValueAt<T, P>>>;

/** Element type `contains` takes on a (non-null) value of type `V`. */
type ContainsOperand<V> = V extends string | Date
    ? string
    : V extends ReadonlySet<infer E>
      ? E
      : V extends readonly (infer E)[]
        ? E
        : never;

/** `P` when `beginsWith` applies to it (strings, binaries, dates), else a message naming the problem. */
export type BeginsWithPath<T, P> = P extends string
  ? unknown extends ValueAt<T, P>
    ? P
    : [NonNullable<ValueAt<T, P>>] extends [string | Date | Uint8Array]
      ? P
      : `beginsWith applies to string and binary attributes; "${P}" is not one`
  : P;

/** `P` when `contains` applies to it (strings, sets, lists), else a message naming the problem. */
export type ContainsPath<T, P> = P extends string
  ? [ContainsValue<T, P>] extends [never]
    ? `contains applies to string, set and list attributes; "${P}" is not one`
    : P
  : P;

/**
 * Builds conditions and filters over the attributes of `T`. Every method
 * returns an immutable {@link ConditionNode}; nothing is compiled until the
 * request is made. Operands are typed by the attribute at their path
 * (`c.eq('status', 5)` on a string enum does not compile) and checked again
 * at run time, before any request, with the same rules as written values.
 *
 * @example
 * ```ts
 * await Order.put(order, { condition: (c) => c.or(c.notExists('orderId'), c.eq('status', 'open')) });
 * await Order.query('primary', { orgId }, { filter: (c) => c.and(c.gt('total', 100), c.contains('tags', 'vip')) });
 * ```
 */
export interface ConditionBuilder<T> {
  // Value parameters are `NoInfer`: inferring `P` from them would walk every branch of `PathValue` (most of the type-check cost).
  /** `path = value`; `path` may be `c.size(path)`, `value` may be `c.attr(other)`. */
  eq<P extends ConditionPath<T> | SizeOf>(path: P, value: NoInfer<OperandAt<T, P>>): ConditionNode;
  /** `path <> value`. */
  ne<P extends ConditionPath<T> | SizeOf>(path: P, value: NoInfer<OperandAt<T, P>>): ConditionNode;
  /** `path < value` (strings, numbers, binaries and dates). */
  lt<P extends ConditionPath<T> | SizeOf>(path: P, value: NoInfer<OperandAt<T, P>>): ConditionNode;
  /** `path <= value`. */
  le<P extends ConditionPath<T> | SizeOf>(path: P, value: NoInfer<OperandAt<T, P>>): ConditionNode;
  /** `path > value`. */
  gt<P extends ConditionPath<T> | SizeOf>(path: P, value: NoInfer<OperandAt<T, P>>): ConditionNode;
  /** `path >= value`. */
  ge<P extends ConditionPath<T> | SizeOf>(path: P, value: NoInfer<OperandAt<T, P>>): ConditionNode;
  /** `path BETWEEN low AND high` (inclusive). */
  between<P extends ConditionPath<T> | SizeOf>(path: P, low: NoInfer<OperandAt<T, P>>, high: NoInfer<OperandAt<T, P>>): ConditionNode;
  /** `path IN (…)`, 1 to 100 values. */
  in<P extends ConditionPath<T>>(path: P, values: readonly NoInfer<OperandAt<T, P>>[]): ConditionNode;
  /** `begins_with(path, prefix)`: string, binary and date attributes only. */
  beginsWith<P extends ConditionPath<T>>(path: BeginsWithPath<T, P>, prefix: string | Uint8Array | AttributeRef): ConditionNode;
  /** A string attribute contains a substring, or a set/list contains an element. */
  contains<P extends ConditionPath<T>>(path: ContainsPath<T, P>, value: NoInfer<ContainsValue<T, P> | AttributeRef>): ConditionNode;
  /** `attribute_exists(path)`. */
  exists(path: ConditionPath<T>): ConditionNode;
  /** `attribute_not_exists(path)`. */
  notExists(path: ConditionPath<T>): ConditionNode;
  /** `attribute_type(path, type)`, e.g. `c.type('tags', 'SS')`. */
  type(path: ConditionPath<T>, type: AttributeTypeName): ConditionNode;
  /** `size(path)`: compare it with `c.gt(c.size('tags'), 3)`. */
  size(path: ConditionPath<T>): SizeOf;
  /** Another attribute as a value: `c.lt('spent', c.attr('budget'))`. */
  attr(path: ConditionPath<T>): AttributeRef;
  /** Every condition holds. */
  and(...conditions: ConditionNode[]): ConditionNode;
  /** At least one condition holds. */
  or(...conditions: ConditionNode[]): ConditionNode;
  /** The condition does not hold. */
  not(condition: ConditionNode): ConditionNode;
}

/** A condition, or a function that builds one from a {@link ConditionBuilder}. */
export type ConditionInput<T> = ConditionNode | ((c: ConditionBuilder<T>) => ConditionNode);

const toPath = (p: PathInput) => parsePath(p);

// Operands may be hostile (a proxy or getter that throws when looked at): that is an ExpressionError.
const unreadable = (cause: unknown) => new ExpressionError(`A condition operand could not be read (${thrownMessage(cause)})`);

function left(p: unknown): Operand {
  return readingInput(() => {
    if (p && typeof p === 'object' && !Array.isArray(p) && (p as SizeOf).kind === 'size') return p as SizeOf;
    return { kind: 'path', path: toPath(p as PathInput) };
  }, unreadable);
}

function right(v: unknown): Operand {
  return readingInput(() => {
    if (v && typeof v === 'object' && !Array.isArray(v) && ((v as AttributeRef).kind === 'path' || (v as SizeOf).kind === 'size')) {
      const ref = v as AttributeRef | SizeOf;
      if (Array.isArray(ref.path)) return ref;
    }
    return { kind: 'value', value: v } as Operand;
  }, unreadable);
}

const compare =
  (op: ComparisonOperator) =>
  (p: unknown, v: unknown): ConditionNode => node({ kind: 'compare', op, left: left(p), right: right(v) });

/** Nodes are frozen: a condition can be shared and reused safely. */
const node = (n: ConditionNode): ConditionNode => Object.freeze(n);

function group(kind: 'and' | 'or', conditions: ConditionNode[]): ConditionNode {
  if (conditions.length === 0) throw new ExpressionError(`${kind}() needs at least one condition`);
  return Object.freeze({ kind, conditions: Object.freeze([...conditions]) });
}

/** The untyped builder behind every {@link ConditionBuilder}. @internal */
export const conditionBuilder: ConditionBuilder<any> = Object.freeze({
  eq: compare('='),
  ne: compare('<>'),
  lt: compare('<'),
  le: compare('<='),
  gt: compare('>'),
  ge: compare('>='),
  between: (p: unknown, low: unknown, high: unknown): ConditionNode => node({
    kind: 'between',
    operand: left(p),
    low: right(low),
    high: right(high),
  }),
  in: (p: unknown, values: readonly unknown[]): ConditionNode => {
    if (values.length === 0 || values.length > 100) throw new ExpressionError(`IN takes 1 to 100 values, got ${values.length}`, values);
    return node({ kind: 'in', operand: left(p), values: Object.freeze(values.map(right)) });
  },
  beginsWith: (p: PathInput, prefix: unknown): ConditionNode => node({ kind: 'beginsWith', path: toPath(p), prefix: right(prefix) }),
  contains: (p: PathInput, value: unknown): ConditionNode => node({ kind: 'contains', path: toPath(p), operand: right(value) }),
  exists: (p: PathInput): ConditionNode => node({ kind: 'exists', path: toPath(p), negated: false }),
  notExists: (p: PathInput): ConditionNode => node({ kind: 'exists', path: toPath(p), negated: true }),
  type: (p: PathInput, type: AttributeTypeName): ConditionNode => node({ kind: 'type', path: toPath(p), type }),
  size: (p: PathInput): SizeOf => Object.freeze({ kind: 'size', path: toPath(p) }),
  attr: (p: PathInput): AttributeRef => Object.freeze({ kind: 'path', path: toPath(p) }),
  and: (...conditions: ConditionNode[]) => group('and', conditions),
  or: (...conditions: ConditionNode[]) => group('or', conditions),
  not: (condition: ConditionNode): ConditionNode => node({ kind: 'not', condition }),
} as ConditionBuilder<any>);

/**
 * Resolves a {@link ConditionInput} to its node and checks its operands like
 * written values (against `target`'s schema when given), so nothing invalid
 * reaches a request. @internal
 */
export function resolveCondition<T>(input: ConditionInput<T>, target?: ConditionTarget): ConditionNode {
  const node = typeof input === 'function' ? input(conditionBuilder as ConditionBuilder<T>) : input;
  return checkCondition(node, target);
}
