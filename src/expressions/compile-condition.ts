import type { ConditionNode, Operand } from './condition-node.js';
import type { ExpressionContext } from './expression-context.js';

/** Compiles a condition tree into expression text, registering placeholders in `ctx`. */
export function compileCondition(node: ConditionNode, ctx: ExpressionContext): string {
  switch (node.kind) {
    case 'compare':
      return `${operand(node.left, ctx)} ${node.op} ${operand(node.right, ctx)}`;
    case 'between':
      return `${operand(node.operand, ctx)} BETWEEN ${operand(node.low, ctx)} AND ${operand(node.high, ctx)}`;
    case 'in':
      return `${operand(node.operand, ctx)} IN (${node.values.map((v) => operand(v, ctx)).join(', ')})`;
    case 'exists':
      return `${node.negated ? 'attribute_not_exists' : 'attribute_exists'}(${ctx.path(node.path)})`;
    case 'type':
      return `attribute_type(${ctx.path(node.path)}, ${ctx.value(node.type)})`;
    case 'beginsWith':
      return `begins_with(${ctx.path(node.path)}, ${operand(node.prefix, ctx)})`;
    case 'contains':
      return `contains(${ctx.path(node.path)}, ${operand(node.operand, ctx)})`;
    case 'and':
    case 'or': {
      if (node.conditions.length === 1) return compileCondition(node.conditions[0]!, ctx);
      const joiner = node.kind === 'and' ? ' AND ' : ' OR ';
      return node.conditions.map((c) => `(${compileCondition(c, ctx)})`).join(joiner);
    }
    case 'not':
      return `NOT (${compileCondition(node.condition, ctx)})`;
  }
}

function operand(o: Operand, ctx: ExpressionContext): string {
  switch (o.kind) {
    case 'path':
      return ctx.path(o.path);
    case 'size':
      return `size(${ctx.path(o.path)})`;
    case 'value':
      return ctx.value(o.value);
  }
}
