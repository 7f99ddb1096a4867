import type { AttributePath } from './attribute-path.js';

/**
 * Update expressions as immutable data. Builders and the object form of
 * `Entity.update` create these nodes; {@link compileUpdate} turns them into
 * `SET … REMOVE … ADD … DELETE …` text with placeholders.
 */

/** The right-hand side of a SET action. */
export type UpdateOperand =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'path'; readonly path: AttributePath }
  /** `if_not_exists(path, fallback)` */
  | { readonly kind: 'ifNotExists'; readonly path: AttributePath; readonly fallback: UpdateOperand }
  /** `list_append(left, right)` */
  | { readonly kind: 'listAppend'; readonly left: UpdateOperand; readonly right: UpdateOperand }
  /** `left + right` or `left - right` */
  | { readonly kind: 'arithmetic'; readonly op: '+' | '-'; readonly left: UpdateOperand; readonly right: UpdateOperand };

/** One action of an update expression. */
export type UpdateAction =
  | { readonly kind: 'set'; readonly path: AttributePath; readonly operand: UpdateOperand }
  | { readonly kind: 'remove'; readonly path: AttributePath }
  /** Adds to a number (or creates it) or adds elements to a set (top-level attributes only, as in DynamoDB). */
  | { readonly kind: 'add'; readonly path: AttributePath; readonly value: unknown }
  /** Removes elements from a set. */
  | { readonly kind: 'delete'; readonly path: AttributePath; readonly value: unknown };

/** @internal */
export const valueOperand = (value: unknown): UpdateOperand => Object.freeze({ kind: 'value', value });
/** @internal */
export const setAction = (path: AttributePath, operand: UpdateOperand): UpdateAction => Object.freeze({ kind: 'set', path, operand });
/** @internal */
export const removeAction = (path: AttributePath): UpdateAction => Object.freeze({ kind: 'remove', path });
/** @internal */
export const ifNotExistsOperand = (path: AttributePath, fallback: UpdateOperand): UpdateOperand =>
  Object.freeze({ kind: 'ifNotExists', path, fallback });
