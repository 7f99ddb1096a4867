import { describe, expect, it } from 'vitest';
import { update as u, type UpdateAction } from '../../src/index.js';
import { compileUpdate, overlappingPaths } from '../../src/expressions/compile-update.js';
import { ExpressionContext } from '../../src/expressions/expression-context.js';
import { changesToActions } from '../../src/expressions/update-builder.js';

/** Pure: the update compiler's clause order and the overlap check, as DynamoDB reads paths. */

const at = (...path: (string | number)[]): UpdateAction => ({ kind: 'remove', path: path as never });

describe('overlappingPaths', () => {
  it('finds a path and its ancestor in either order, and the same path twice, earlier action first', () => {
    expect(overlappingPaths([at('a'), at('a', 'b')])).toEqual(['a', 'a.b']);
    expect(overlappingPaths([at('a', 'b'), at('c'), at('a')])).toEqual(['a.b', 'a']);
    expect(overlappingPaths([at('x', 0), at('x', 0)])).toEqual(['x[0]', 'x[0]']);
    expect(overlappingPaths([at('x'), at('x', 2, 'y')])).toEqual(['x', 'x[2].y']);
  });

  it('tells a list index from a map key of the same digits, and a dotted name from a nested path', () => {
    expect(overlappingPaths([at('a', 1), at('a', '1')])).toBeUndefined();
    expect(overlappingPaths([at('a.b'), at('a', 'b')])).toBeUndefined();
    expect(overlappingPaths([at('ab'), at('a', 'b')])).toBeUndefined();
    expect(overlappingPaths([at('a', 'b'), at('a', 'c'), at('b')])).toBeUndefined();
  });
});

describe('compileUpdate', () => {
  it('writes SET, REMOVE, ADD, DELETE in that order, each clause in action order', () => {
    const ctx = new ExpressionContext();
    const text = compileUpdate(
      [u.delete('tags', new Set(['x'])), u.set('a', 1), u.remove('b'), u.add('n', 2), u.set('c', 3), u.remove('d')],
      ctx,
    );
    expect(text).toBe('SET #n1 = :v1, #n4 = :v3 REMOVE #n2, #n5 ADD #n3 :v2 DELETE #n0 :v0');
    expect(ctx.names).toEqual({ '#n0': 'tags', '#n1': 'a', '#n2': 'b', '#n3': 'n', '#n4': 'c', '#n5': 'd' });
  });

  it('compiles the object form exactly as the builder form', () => {
    const changes = { set: { 'p.q': 'v', gone: undefined }, remove: ['r'], add: { n: 1 }, increment: { c: 2 }, append: { l: [1] }, ifNotExists: { i: 0 } };
    const built = [u.set('p.q', 'v'), u.remove('gone'), u.remove('r'), u.add('n', 1), u.append('l', [1]), u.ifNotExists('i', 0), u.increment('c', 2)];
    const a = new ExpressionContext();
    const b = new ExpressionContext();
    expect(compileUpdate(changesToActions(changes as never), a)).toBe(compileUpdate(built, b));
    expect(a.toRequest()).toEqual(b.toRequest());
  });

  it('reuses a name placeholder past the first 32 names (long updates switch to a map)', () => {
    const ctx = new ExpressionContext();
    const names = Array.from({ length: 40 }, (_, i) => `attr${i}`);
    const first = names.map((n) => ctx.name(n));
    expect(names.map((n) => ctx.name(n))).toEqual(first);
    expect(new Set(first).size).toBe(40);
    expect(first[39]).toBe('#n39');
    expect(Object.keys(ctx.names)).toHaveLength(40);
  });
});
