import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ExpressionError, Table, TablewrightError, condition as cb, type ConditionNode } from '../../src/index.js';
import { countingTransport } from '../helpers/counting-transport.js';
import { localClient, tableName } from '../helpers/local.js';

const client = localClient();
const transport = countingTransport(client);
const table = new Table({ name: tableName(), client, partitionKey: 'pk', sortKey: 'sk', transport });
const Order = table.entity('Order', {
  schema: z.object({
    id: z.string(),
    status: z.enum(['open', 'shipped']),
    total: z.number(),
    name: z.string(),
    tags: z.set(z.string()),
    lines: z.array(z.object({ sku: z.string(), qty: z.number() })),
    placedAt: z.date(),
    flag: z.boolean(),
    note: z.string().nullable().optional(),
    any: z.unknown().optional(),
  }),
  keys: { primary: { pk: ['ORDER', 'id'], sk: ['ORDER'] } },
});
const placedAt = new Date('2024-05-06T07:08:09.000Z');

beforeAll(async () => {
  await table.create();
  await Order.put({ id: 'o1', status: 'open', total: 10, name: 'Alpha', tags: new Set(['a']), lines: [{ sku: 's', qty: 1 }], placedAt, flag: true, note: null });
});
beforeEach(() => {
  transport.sent.length = 0;
});

const untyped = cb as unknown as { [K in keyof typeof cb]: (...args: unknown[]) => ConditionNode };

/** Each value, compared with `path`, must fail with ExpressionError naming operator and path, before any request. */
async function refused(node: () => ConditionNode, operator: string, path: string | undefined): Promise<ExpressionError> {
  const calls: Array<() => Promise<unknown>> = [
    () => Order.query('primary', { id: 'o1' }, { filter: node() }),
    () => Order.scan({ filter: node() }),
    () => Order.delete({ id: 'o1' }, { condition: node() }),
    () => Order.update({ id: 'o1' }, { set: { name: 'x' } }, { condition: node() }),
    () => Order.put({ id: 'o2', status: 'open', total: 1, name: 'B', tags: new Set(['b']), lines: [], placedAt, flag: false }, { condition: node() }),
    async () => Order.conditionOp({ id: 'o1' }, node()),
  ];
  let last: ExpressionError | undefined;
  for (const call of calls) {
    const error = await Promise.resolve().then(call).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpressionError);
    last = error as ExpressionError;
    expect(last.operator).toBe(operator);
    expect(last.path).toBe(path);
    if (path) expect(last.message).toContain(`"${path}"`);
  }
  expect(transport.sent).toEqual([]);
  return last!;
}

describe('condition operands are checked like written values', () => {
  it.each<[string, unknown]>([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['1e-131 (below DynamoDB range)', 1e-131],
    ['1e126 (above DynamoDB range)', 1e126],
    ['a 39-digit bigint', 10n ** 38n + 1n],
  ])('%s against a number attribute', async (_label, value) => {
    const error = await refused(() => untyped.eq('total', value), '=', 'total');
    expect(error.issues.length).toBeGreaterThan(0);
  });

  it('an empty Set, a mixed-type Set and an invalid Date', async () => {
    await refused(() => untyped.eq('tags', new Set()), '=', 'tags');
    await refused(() => untyped.eq('tags', new Set(['a', 1])), '=', 'tags');
    await refused(() => untyped.contains('tags', new Date(NaN)), 'contains', 'tags');
    await refused(() => untyped.lt('placedAt', new Date(NaN)), '<', 'placedAt');
    await refused(() => untyped.between('placedAt', placedAt, new Date(NaN)), 'BETWEEN', 'placedAt');
  });

  it('undefined, functions, symbols and class instances', async () => {
    const error = await refused(() => untyped.eq('name', undefined), '=', 'name');
    expect(error.message).toContain('notExists');
    await refused(() => untyped.eq('name', () => 1), '=', 'name');
    await refused(() => untyped.eq('name', Symbol('x')), '=', 'name');
    await refused(() => untyped.eq('any', new URL('http://x')), '=', 'any');
    await refused(() => untyped.in('any', [1, new (class Money {})()]), 'IN', 'any');
  });

  it('operands of the wrong kind for the schema', async () => {
    await refused(() => untyped.eq('status', 5), '=', 'status');
    await refused(() => untyped.eq('name', { first: 'A' }), '=', 'name');
    await refused(() => untyped.gt('total', '10'), '>', 'total');
    await refused(() => untyped.in('status', ['open', 1]), 'IN', 'status');
    await refused(() => untyped.eq('lines[0].qty', 'one'), '=', 'lines[0].qty');
    await refused(() => untyped.eq('flag', 'true'), '=', 'flag');
    await refused(() => untyped.eq('placedAt', 1714979289000), '=', 'placedAt');
    await refused(() => untyped.eq('name', null), '=', 'name');
    await refused(() => untyped.eq(cb.size('tags'), '2'), '=', 'tags');
    await refused(() => untyped.lt('any', { a: 1 }), '<', 'any');
  });

  it('beginsWith only on strings and binaries, contains only on strings, sets and lists', async () => {
    const error = await refused(() => untyped.beginsWith('total', '1'), 'begins_with', 'total');
    expect(error.message).toContain('a number');
    await refused(() => untyped.beginsWith('name', 1), 'begins_with', 'name');
    await refused(() => untyped.contains('total', 1), 'contains', 'total');
    await refused(() => untyped.contains('name', 1), 'contains', 'name');
    await refused(() => untyped.contains('tags', 1), 'contains', 'tags');
    await refused(() => untyped.contains('flag', true), 'contains', 'flag');
  });

  it('malformed nodes from untyped callers', async () => {
    await refused(() => ({ kind: 'nope' }) as never, '(node)', undefined);
    await refused(() => 'status = :x' as never, '(node)', undefined);
    await refused(() => untyped.type('name', 'STRING'), 'attribute_type', 'name');
    await refused(() => ({ kind: 'and', conditions: [] }) as never, 'and', undefined);
    await refused(() => ({ kind: 'compare', op: '=', left: { kind: 'path', path: [] }, right: { kind: 'value', value: 1 } }) as never, '=', undefined);
  });

  it('valid operands still work against DynamoDB Local', async () => {
    const holds = async (filter: ConditionNode) => (await Order.query('primary', { id: 'o1' }, { filter })).items.length === 1;
    expect(await holds(cb.eq('status', 'open'))).toBe(true);
    expect(await holds(untyped.between('total', 5n, 10))).toBe(true);
    expect(await holds(cb.eq('placedAt', placedAt))).toBe(true);
    expect(await holds(untyped.eq('placedAt', placedAt.toISOString()))).toBe(true);
    expect(await holds(untyped.beginsWith('placedAt', '2024-05'))).toBe(true);
    expect(await holds(cb.lt('placedAt', new Date('2025-01-01')))).toBe(true);
    expect(await holds(cb.eq('note', null))).toBe(true);
    expect(await holds(cb.eq('tags', new Set(['a'])))).toBe(true);
    expect(await holds(cb.contains('tags', 'a'))).toBe(true);
    expect(await holds(cb.contains('name', 'lph'))).toBe(true);
    expect(await holds(cb.eq('lines[0]', { sku: 's', qty: 1 }))).toBe(true);
    expect(await holds(cb.eq(cb.size('lines'), 1))).toBe(true);
    expect(await holds(untyped.eq('any', 'whatever'))).toBe(false);
    expect(transport.sent.length).toBe(13);
    await Order.update({ id: 'o1' }, { set: { total: 11 } }, { condition: (c) => c.and(c.eq('status', 'open'), c.ge('total', 10)) });
    expect((await Order.get({ id: 'o1' }))?.total).toBe(11);
  });

  it('property: hostile operand values never produce an error outside the hierarchy', async () => {
    const hostile = fc.oneof(
      fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true }),
      fc.constantFrom(NaN, Infinity, -0, 1e-131, 1e126, 10n ** 40n, new Date(NaN), new Set(), new Set([1, 'a']), 'a\ud800', Symbol('s'), () => 1),
      fc.double(),
      fc.string({ unit: 'binary' }),
    );
    const paths = fc.constantFrom('status', 'total', 'name', 'tags', 'lines', 'lines[0].qty', 'placedAt', 'flag', 'note', 'any');
    const ops = fc.constantFrom('eq', 'ne', 'lt', 'ge', 'between', 'in', 'beginsWith', 'contains');
    await fc.assert(
      fc.asyncProperty(ops, paths, hostile, hostile, async (op, path, a, b) => {
        const build = () =>
          op === 'between' ? untyped.between(path, a, b) : op === 'in' ? untyped.in(path, [a, b]) : untyped[op as 'eq'](path, a);
        const error = await Promise.resolve()
          .then(() => Order.query('primary', { id: 'o1' }, { filter: build() }))
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        if (error !== undefined) expect(error, String(error)).toBeInstanceOf(TablewrightError);
      }),
      { numRuns: 150 },
    );
  });
});
