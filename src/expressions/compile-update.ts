import { ExpressionError } from '../errors.js';
import type { ExpressionContext } from './expression-context.js';
import type { UpdateAction, UpdateOperand } from './update-node.js';

/**
 * Compiles update actions into one UpdateExpression (`SET a = :v, b = b + :w
 * REMOVE c ADD d :x DELETE e :y`), registering placeholders in `ctx`.
 * Throws when two actions touch the same or overlapping paths, which DynamoDB
 * would reject with a less helpful message.
 */
export function compileUpdate(actions: readonly UpdateAction[], ctx: ExpressionContext): string {
  if (actions.length === 0) throw new ExpressionError('An update needs at least one action');
  // One string per clause, appended in action order (no array per clause: this runs per update).
  let set = '';
  let remove = '';
  let add = '';
  let del = '';
  for (const action of actions) {
    const path = ctx.path(action.path);
    switch (action.kind) {
      case 'set':
        set += `${set === '' ? 'SET ' : ', '}${path} = ${operand(action.operand, ctx)}`;
        break;
      case 'remove':
        remove += `${remove === '' ? 'REMOVE ' : ', '}${path}`;
        break;
      case 'add':
        add += `${add === '' ? 'ADD ' : ', '}${path} ${ctx.value(action.value)}`;
        break;
      case 'delete':
        del += `${del === '' ? 'DELETE ' : ', '}${path} ${ctx.value(action.value)}`;
        break;
    }
  }
  let out = set;
  for (const clause of [remove, add, del]) if (clause !== '') out = out === '' ? clause : `${out} ${clause}`;
  return out;
}

function operand(o: UpdateOperand, ctx: ExpressionContext): string {
  switch (o.kind) {
    case 'value':
      return ctx.value(o.value);
    case 'path':
      return ctx.path(o.path);
    case 'ifNotExists':
      return `if_not_exists(${ctx.path(o.path)}, ${operand(o.fallback, ctx)})`;
    case 'listAppend':
      return `list_append(${operand(o.left, ctx)}, ${operand(o.right, ctx)})`;
    case 'arithmetic':
      return `${operand(o.left, ctx)} ${o.op} ${operand(o.right, ctx)}`;
  }
}

/** Finds two actions whose paths overlap (`a` and `a.b`, or the same path twice). @internal */
export function overlappingPaths(actions: readonly UpdateAction[]): [string, string] | undefined {
  // Segment by segment, no strings built: this runs on every update, and finds nothing nearly always.
  for (let j = 1; j < actions.length; j++) {
    const path = actions[j]!.path;
    for (let i = 0; i < j; i++) {
      const other = actions[i]!.path;
      if (isPrefix(other, path) || isPrefix(path, other)) return [display(other), display(path)];
    }
  }
  return undefined;
}

/** Whether `a` is `b` or one of its ancestors; `'1'` and `1` differ (a map key and a list index). */
function isPrefix(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const display = (path: readonly (string | number)[]) => path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
