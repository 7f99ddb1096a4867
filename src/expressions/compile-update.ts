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
  const clauses: Record<UpdateAction['kind'], string[]> = { set: [], remove: [], add: [], delete: [] };
  for (const action of actions) {
    const path = ctx.path(action.path);
    switch (action.kind) {
      case 'set':
        clauses.set.push(`${path} = ${operand(action.operand, ctx)}`);
        break;
      case 'remove':
        clauses.remove.push(path);
        break;
      case 'add':
      case 'delete':
        clauses[action.kind].push(`${path} ${ctx.value(action.value)}`);
        break;
    }
  }
  const parts: string[] = [];
  if (clauses.set.length) parts.push(`SET ${clauses.set.join(', ')}`);
  if (clauses.remove.length) parts.push(`REMOVE ${clauses.remove.join(', ')}`);
  if (clauses.add.length) parts.push(`ADD ${clauses.add.join(', ')}`);
  if (clauses.delete.length) parts.push(`DELETE ${clauses.delete.join(', ')}`);
  return parts.join(' ');
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
  const seen: string[] = [];
  for (const action of actions) {
    const id = pathId(action.path);
    for (const other of seen) {
      if (other === id || other.startsWith(id + '\u0000') || id.startsWith(other + '\u0000')) return [display(other), display(id)];
    }
    seen.push(id);
  }
  return undefined;
}

const pathId = (path: readonly (string | number)[]) => path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('\u0000');
const display = (id: string) => id.split('\u0000').join('').replace(/^\./, '');
