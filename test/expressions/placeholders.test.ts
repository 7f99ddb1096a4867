import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Table, condition as c, update as u, sortKey as k, type ConditionNode, type UpdateAction } from '../../src/index.js';
import { compileCondition } from '../../src/expressions/compile-condition.js';
import { compileUpdate } from '../../src/expressions/compile-update.js';
import { ExpressionContext } from '../../src/expressions/expression-context.js';
import { compileKeyCondition } from '../../src/expressions/key-condition.js';
import { compileKeyTemplate } from '../../src/keys/key-template.js';
import { projectionExpression } from '../../src/request/projection.js';

/**
 * Pure property tests: whatever names and values users give, expression text
 * is made only of placeholders and the expression grammar's own tokens.
 */

const KEYWORDS =
  /\b(AND|OR|NOT|BETWEEN|IN|SET|REMOVE|ADD|DELETE|attribute_exists|attribute_not_exists|attribute_type|begins_with|contains|size|list_append|if_not_exists)\b/g;

/** Strips placeholders and keywords; what is left must be punctuation, operators and list indexes. */
function assertOnlyGrammar(expression: string) {
  const rest = expression.replace(/#n\d+/g, ' ').replace(/:v\d+/g, ' ').replace(KEYWORDS, ' ');
  expect(rest).toMatch(/^[\s(),.[\]0-9=<>+-]*$/);
  // digits may only be list indexes
  expect(rest.replace(/\[\d+\]/g, '')).toMatch(/^[\s(),.=<>+-]*$/);
}

const name = fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' });
const nameOrReserved = fc.oneof(name, fc.constantFrom('status', 'name', 'ttl', 'data', 'a.b', '#n0', ':v0', 'x[0]', 'AND', ' '));
const scalar = fc.oneof(fc.string({ unit: 'grapheme' }), fc.integer(), fc.boolean(), fc.constantFrom('#n1', ':v1', ') OR (1=1'));
const path = fc.tuple(nameOrReserved, fc.array(fc.oneof(nameOrReserved, fc.nat(5)), { maxLength: 3 })).map(([h, t]) => [h, ...t] as [string, ...(string | number)[]]);

const leaf: fc.Arbitrary<ConditionNode> = fc.oneof(
  fc.tuple(fc.constantFrom('eq', 'ne', 'lt', 'le', 'gt', 'ge') as fc.Arbitrary<'eq'>, path, scalar).map(([op, p, v]) => c[op](p, v)),
  fc.tuple(path, scalar, scalar).map(([p, a, b]) => c.between(p, a, b)),
  fc.tuple(path, fc.array(scalar, { minLength: 1, maxLength: 4 })).map(([p, vs]) => c.in(p, vs)),
  fc.tuple(path, fc.string({ unit: 'grapheme' })).map(([p, v]) => c.beginsWith(p, v)),
  fc.tuple(path, scalar).map(([p, v]) => c.contains(p, v)),
  path.map((p) => c.exists(p)),
  path.map((p) => c.notExists(p)),
  fc.tuple(path, fc.constantFrom('S', 'N', 'L', 'M', 'SS') as fc.Arbitrary<'S'>).map(([p, t]) => c.type(p, t)),
  fc.tuple(path, fc.nat()).map(([p, n]) => c.gt(c.size(p), n)),
  fc.tuple(path, path).map(([a, b]) => c.lt(a, c.attr(b))),
);
const tree: fc.Arbitrary<ConditionNode> = fc.letrec<{ node: ConditionNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((cs) => c.and(...cs)),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((cs) => c.or(...cs)),
    tie('node').map((n) => c.not(n)),
  ),
})).node;

const action: fc.Arbitrary<UpdateAction> = fc.oneof(
  fc.tuple(path, scalar).map(([p, v]) => u.set(p, v)),
  path.map((p) => u.remove(p)),
  fc.tuple(path, fc.integer()).map(([p, n]) => u.add(p, n)),
  fc.tuple(path, fc.string({ unit: 'grapheme' })).map(([p, v]) => u.delete(p, new Set([v]))),
  fc.tuple(path, fc.array(scalar, { maxLength: 3 })).map(([p, vs]) => u.append(p, vs)),
  fc.tuple(path, fc.array(scalar, { maxLength: 3 })).map(([p, vs]) => u.prepend(p, vs)),
  fc.tuple(path, scalar).map(([p, v]) => u.ifNotExists(p, v)),
  fc.tuple(path, fc.integer()).map(([p, n]) => u.increment(p, n)),
  fc.tuple(path, path, fc.integer()).map(([p, q, n]) => u.set(p, u.minus(u.plus(u.ref(q), n), u.valueOr(q, 0)))),
);

function userNames(paths: readonly (readonly (string | number)[])[]) {
  return new Set(paths.flatMap((p) => p.filter((s): s is string => typeof s === 'string')));
}

describe('placeholders only', () => {
  it('condition expressions contain no user name or value', () => {
    fc.assert(
      fc.property(tree, (node) => {
        const ctx = new ExpressionContext();
        const text = compileCondition(node, ctx);
        assertOnlyGrammar(text);
        const req = ctx.toRequest();
        for (const placeholder of text.match(/#n\d+|:v\d+/g) ?? []) {
          expect(placeholder.startsWith('#') ? req.ExpressionAttributeNames : req.ExpressionAttributeValues).toHaveProperty([placeholder]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('update expressions contain no user name or value, and every name maps back', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 6 }), (actions) => {
        const ctx = new ExpressionContext();
        const text = compileUpdate(actions, ctx);
        assertOnlyGrammar(text);
        const mapped = new Set(Object.values(ctx.toRequest().ExpressionAttributeNames ?? {}));
        expect(mapped).toEqual(userNames([...actions.map((a) => a.path), ...actions.flatMap((a) => operandPaths(a))]));
      }),
      { numRuns: 300 },
    );
  });

  it('key conditions contain no user value, for every sort-key operator', () => {
    const pk = compileKeyTemplate({ template: ['ORG', 'org'], isAttribute: (s) => s === 'org', delimiter: '#', keyAttribute: 'pk', role: 'partition', index: 'primary', entity: 'E' });
    const sk = compileKeyTemplate({ template: ['A', 'a', 'B', 'b'], isAttribute: (s) => s === 'a' || s === 'b', delimiter: '#', keyAttribute: 'sk', role: 'sort', index: 'primary', entity: 'E' });
    const target = { partitionKeyAttribute: 'pk', sortKeyAttribute: 'sk', pk, sk, delimiter: '#' };
    const value = fc.string({ minLength: 1, unit: 'grapheme' });
    const sort = fc.oneof(
      fc.tuple(value, value).map(([a, b]) => k.eq({ a, b })),
      fc.tuple(fc.constantFrom('lt', 'le', 'gt', 'ge') as fc.Arbitrary<'lt'>, value, fc.option(value, { nil: undefined })).map(([op, a, b]) => k[op](b === undefined ? { a } : { a, b })),
      // Bounds in DynamoDB's order (code points): an inverted range is refused before sending (KeyError).
      fc.tuple(value, value).map(([a, b]) => (byCodePoint(a, b) <= 0 ? k.between({ a }, { a: b }) : k.between({ a: b }, { a }))),
      fc.tuple(value, fc.boolean()).map(([a, partial]) => k.beginsWith({ a }, { partial })),
      fc.constant(undefined),
    );
    fc.assert(
      fc.property(value, sort, (org, s) => {
        const ctx = new ExpressionContext();
        const text = compileKeyCondition(target, { org }, s, ctx);
        assertOnlyGrammar(text);
        expect(Object.values(ctx.toRequest().ExpressionAttributeNames ?? {}).sort()).toEqual(['pk', 'sk'].slice(0, text.includes('#n1') ? 2 : 1));
      }),
      { numRuns: 300 },
    );
  });

  it('projections contain no user name', () => {
    fc.assert(
      fc.property(fc.uniqueArray(nameOrReserved, { minLength: 1, maxLength: 6 }), (names) => {
        const table = new Table({ name: 'prop_table', client: new DynamoDBClient({ region: 'us-east-1' }), partitionKey: 'pk' });
        fc.pre(!names.includes('pk') && !names.includes('_et'));
        // projections name schema attributes only: give the schema every generated name
        const shape = Object.fromEntries([...names, 'id'].map((n) => [n, z.string()]));
        const entity = table.entity('E', { schema: z.object(shape), keys: { primary: { pk: ['id'] } } });
        const ctx = new ExpressionContext();
        const text = projectionExpression(entity.model, names, ctx);
        assertOnlyGrammar(text);
        expect(new Set(Object.values(ctx.names))).toEqual(new Set([...names, '_et']));
      }),
      { numRuns: 100 },
    );
  });
});

function operandPaths(a: UpdateAction): (readonly (string | number)[])[] {
  if (a.kind !== 'set') return [];
  const out: (readonly (string | number)[])[] = [];
  const walk = (o: import('../../src/index.js').UpdateOperand): void => {
    if (o.kind === 'path') out.push(o.path);
    else if (o.kind === 'ifNotExists') {
      out.push(o.path);
      walk(o.fallback);
    } else if (o.kind === 'listAppend' || o.kind === 'arithmetic') {
      walk(o.left);
      walk(o.right);
    }
  };
  walk(a.operand);
  return out;
}

/** DynamoDB's key order (UTF-8 bytes, i.e. code points). */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
