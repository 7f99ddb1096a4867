import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import { ConditionFailedError, TransactionCanceledError } from '../../src/index.js';
import { Order, table } from './fixture.js';

type Item = NonNullable<Awaited<ReturnType<typeof Order.get>>>;
const key = { orgId: 'o', orderId: 'a' };

// optional options accept an explicit undefined (exactOptionalPropertyTypes): the README's pagination pattern
async function pages(): Promise<void> {
  const page = await Order.query('primary', { orgId: 'o' }, { limit: 10 });
  expectTypeOf(page.cursor).toEqualTypeOf<string | undefined>();
  await Order.query('primary', { orgId: 'o' }, { cursor: page.cursor, limit: undefined, filter: undefined, sort: undefined });
  await Order.scan({ cursor: page.cursor, index: undefined });
  await Order.get(key, { consistent: undefined, abortSignal: undefined });
  await Order.delete(key, { condition: undefined, returnValues: undefined });
  await Order.update(key, { set: { total: 1 }, add: undefined }, { returnValues: undefined, condition: undefined });
  await table.transactWrite([Order.putOp({ ...key, status: 'open', total: 1, placedAt: new Date(), tags: new Set(), lines: [], address: { city: 'c' } }, { condition: undefined })], { token: undefined });
  await table.collection({ Order }, { index: undefined }).query({ orgId: 'o' }, { cursor: page.cursor });
}
void pages;

// an index that is not on the table names the problem
table.entity('Bad', {
  schema: z.object({ id: z.string() }),
  // @ts-expect-error says: index "foo" is not declared on this table
  keys: { primary: { pk: ['B', 'id'], sk: ['B'] }, foo: { pk: ['X', 'id'], sk: ['Y'] } },
});

// returnValues: the allowed values are what the error lists (the last overload takes any of them)
// @ts-expect-error says: Type '"ALL"' is not assignable to type 'UpdateReturnValues | undefined'
void Order.update(key, { set: { total: 1 } }, { returnValues: 'ALL' });
// the same for deletes
// @ts-expect-error says: Type '"ALL_NEW"' is not assignable to type '"NONE" | "ALL_OLD" | undefined'
void Order.delete(key, { returnValues: 'ALL_NEW' });
declare const mode: 'ALL_NEW' | 'NONE';
expectTypeOf(Order.update(key, { set: { total: 1 } }, { returnValues: mode })).resolves.toEqualTypeOf<Item | Partial<Item> | undefined>();
expectTypeOf(Order.update(key, { set: { total: 1 } }, { returnValues: 'ALL_NEW' })).resolves.toEqualTypeOf<Item>();
expectTypeOf(Order.update(key, { set: { total: 1 } })).resolves.toEqualTypeOf<void>();

// add/delete/append say what they take
void Order.update(key, { add: { total: 1, tags: new Set(['x']) }, delete: { tags: new Set(['y']) }, append: { lines: [{ sku: 's', qty: 1 }] } });
// @ts-expect-error says: add takes a number, a bigint or a Set; "status" is none of them
void Order.update(key, { add: { status: 'x' } });
// @ts-expect-error says: delete removes elements from a Set; "total" is not a Set
void Order.update(key, { delete: { total: 1 } });
// @ts-expect-error says: append and prepend take a list; "status" is not one
void Order.update(key, { append: { status: ['x'] } });
// @ts-expect-error says: add takes a number, a bigint or a Set; "status" is none of them
void Order.update(key, (u) => u.add('status', 'x'));

// condition failures typed by entity
declare const e: unknown;
if (e instanceof ConditionFailedError) {
  expectTypeOf(e.item).toEqualTypeOf<Record<string, unknown> | undefined>();
  expectTypeOf(e.itemOf(Order)).toEqualTypeOf<Item | undefined>();
}
if (e instanceof TransactionCanceledError) expectTypeOf(e.itemOf(0, Order)).toEqualTypeOf<Item | undefined>();
