import { ExpressionError } from '../errors.js';
import { parsePath, type PathInput, type PathSegment } from './attribute-path.js';
import type { AttributeTypeName, ComparisonOperator, ConditionNode, Operand } from './condition-node.js';
import type { Path, PathValue } from './path-types.js';

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

type ValueAt<T, P> = P extends string ? PathValue<T, P> : unknown;
type Comparable<T, P> = ValueAt<T, P> | AttributeRef;

/**
 * Builds conditions and filters over the attributes of `T`. Every method
 * returns an immutable {@link ConditionNode}; nothing is compiled until the
 * request is made.
 *
 * @example
 * ```ts
 * await Order.put(order, { condition: (c) => c.or(c.notExists('orderId'), c.eq('status', 'open')) });
 * await Order.query('primary', { orgId }, { filter: (c) => c.and(c.gt('total', 100), c.contains('tags', 'vip')) });
 * ```
 */
export interface ConditionBuilder<T> {
  eq<P extends ConditionPath<T>>(path: P | SizeOf, value: Comparable<T, P> | number): ConditionNode;
  ne<P extends ConditionPath<T>>(path: P | SizeOf, value: Comparable<T, P> | number): ConditionNode;
  lt<P extends ConditionPath<T>>(path: P | SizeOf, value: Comparable<T, P> | number): ConditionNode;
  le<P extends ConditionPath<T>>(path: P | SizeOf, value: Comparable<T, P> | number): ConditionNode;
  gt<P extends ConditionPath<T>>(path: P | SizeOf, value: Comparable<T, P> | number): ConditionNode;
  ge<P extends ConditionPath<T>>(path: P | SizeOf, value: Comparable<T, P> | number): ConditionNode;
  between<P extends ConditionPath<T>>(path: P | SizeOf, low: Comparable<T, P> | number, high: Comparable<T, P> | number): ConditionNode;
  /** `path IN (…)`, 1 to 100 values. */
  in<P extends ConditionPath<T>>(path: P, values: readonly ValueAt<T, P>[]): ConditionNode;
  beginsWith<P extends ConditionPath<T>>(path: P, prefix: string | AttributeRef): ConditionNode;
  /** A string attribute contains a substring, or a set/list contains an element. */
  contains<P extends ConditionPath<T>>(path: P, value: unknown): ConditionNode;
  exists(path: ConditionPath<T>): ConditionNode;
  notExists(path: ConditionPath<T>): ConditionNode;
  type(path: ConditionPath<T>, type: AttributeTypeName): ConditionNode;
  /** `size(path)`: compare it with `c.gt(c.size('tags'), 3)`. */
  size(path: ConditionPath<T>): SizeOf;
  /** Another attribute as a value: `c.lt('spent', c.attr('budget'))`. */
  attr(path: ConditionPath<T>): AttributeRef;
  and(...conditions: ConditionNode[]): ConditionNode;
  or(...conditions: ConditionNode[]): ConditionNode;
  not(condition: ConditionNode): ConditionNode;
}

/** A condition, or a function that builds one from a {@link ConditionBuilder}. */
export type ConditionInput<T> = ConditionNode | ((c: ConditionBuilder<T>) => ConditionNode);

const toPath = (p: PathInput) => parsePath(p);

function left(p: unknown): Operand {
  if (p && typeof p === 'object' && !Array.isArray(p) && (p as SizeOf).kind === 'size') return p as SizeOf;
  return { kind: 'path', path: toPath(p as PathInput) };
}

function right(v: unknown): Operand {
  if (v && typeof v === 'object' && !Array.isArray(v) && ((v as AttributeRef).kind === 'path' || (v as SizeOf).kind === 'size')) {
    const ref = v as AttributeRef | SizeOf;
    if (Array.isArray(ref.path)) return ref;
  }
  return { kind: 'value', value: v };
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

/** Resolves a {@link ConditionInput} to its node. @internal */
export function resolveCondition<T>(input: ConditionInput<T>): ConditionNode {
  return typeof input === 'function' ? input(conditionBuilder as ConditionBuilder<T>) : input;
}
