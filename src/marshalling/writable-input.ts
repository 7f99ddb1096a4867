import { ValidationError } from '../errors.js';
import { MAX_CONTAINER_DEPTH } from './number-value.js';
import { marshallFailure, UnstorableValue, type MarshallContext } from './unstorable-value.js';

/**
 * Checks what a caller hands to a write *before* zod sees it, for the inputs
 * zod would silently lose or never return from:
 * - an own key `__proto__` at any depth: zod skips it in records, loose
 *   objects and catch-alls, and a JS object cannot hold it by assignment, so
 *   it would vanish without a word; refused instead;
 * - a getter or proxy trap that throws (zod would let that error escape);
 * - a cycle, or nesting deeper than DynamoDB's 32 levels (zod's recursion
 *   would overflow the stack on a cycle under `z.any()` or `z.lazy()`).
 *
 * Walks plain objects, arrays and `Map` values only (what marshals to M and
 * L); everything else is left to zod and the marshaller. Throws a
 * {@link ValidationError} naming the path. Cheap: one own-key test per object.
 * @internal
 */
export function assertWritable(value: unknown, context: MarshallContext, path: PropertyKey[] = []): void {
  try {
    walk(value, path, 0);
  } catch (error) {
    throw error instanceof ValidationError ? error : marshallFailure(error, path, 'write', context);
  }
}

/**
 * {@link assertWritable} for update actions (`{ path, value }` or
 * `{ path, operand }`, operands nesting through `fallback`/`left`/`right`),
 * each reported at its attribute path.
 * @internal
 */
export function assertWritableUpdate(actions: readonly object[], context: MarshallContext): void {
  for (const action of actions) {
    const { path, value, operand } = action as { path?: readonly PropertyKey[]; value?: unknown; operand?: unknown };
    if (isContainer(value)) assertWritable(value, context, path ? [...path] : []);
    if (operand !== undefined) walkOperand(operand, context, path ?? []);
  }
}

/** Only objects are walked (primitives pass), so the path is copied for them alone. */
const isContainer = (value: unknown): boolean => value !== null && typeof value === 'object';

function walkOperand(operand: unknown, context: MarshallContext, path: readonly PropertyKey[]): void {
  if (operand === null || typeof operand !== 'object') return;
  const o = operand as { kind?: unknown; value?: unknown; fallback?: unknown; left?: unknown; right?: unknown };
  if (o.kind === 'value' && isContainer(o.value)) assertWritable(o.value, context, [...path]);
  if (o.fallback !== undefined) walkOperand(o.fallback, context, path);
  if (o.left !== undefined) walkOperand(o.left, context, path);
  if (o.right !== undefined) walkOperand(o.right, context, path);
}

const hasOwn = Object.prototype.hasOwnProperty;

function walk(value: unknown, path: PropertyKey[], depth: number): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    enter(path, depth);
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walk(value[i], path, depth + 1);
      path.pop();
    }
    return;
  }
  if (value instanceof Map) {
    enter(path, depth);
    for (const [k, v] of value) {
      path.push(typeof k === 'string' ? k : String(k));
      if (k === '__proto__') throw protoKey(path);
      walk(v, path, depth + 1);
      path.pop();
    }
    return;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return;
  enter(path, depth);
  if (hasOwn.call(value, '__proto__')) {
    path.push('__proto__');
    throw protoKey(path);
  }
  for (const key in value) {
    path.push(key);
    walk((value as Record<string, unknown>)[key], path, depth + 1);
    path.pop();
  }
}

function enter(path: PropertyKey[], depth: number): void {
  if (depth > MAX_CONTAINER_DEPTH) {
    throw new UnstorableValue(
      path,
      'nesting_too_deep',
      `maps and lists nest at most ${MAX_CONTAINER_DEPTH} deep (32 levels counting the item); a cyclic value never ends`,
    );
  }
}

function protoKey(path: PropertyKey[]): UnstorableValue {
  return new UnstorableValue(
    path,
    'reserved_key',
    '"__proto__" cannot be used as an attribute or map key (zod drops it and plain objects cannot hold it); rename it',
  );
}
