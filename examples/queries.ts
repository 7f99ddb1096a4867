/**
 * Conditions, updates, queries, collections and pagination.
 * Run: npx tsx examples/queries.ts   (starts its own DynamoDB Local; needs Java)
 */
import { z } from 'zod';
import { ConditionFailedError, CursorError, KeyError, Table } from '../src/index.js';
import { startDynamoDBLocal } from '../src/testing/index.js';
import { check, step } from './support/check.js';

const local = await startDynamoDBLocal();
try {
  const table = new Table({
    name: 'queries',
    client: local.client,
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: { byStatus: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } },
    cursorSecret: 'example-secret',
  });
  await table.create();

  const Org = table.entity('Org', {
    schema: z.object({ orgId: z.string(), name: z.string() }),
    keys: { primary: { pk: ['ORG', 'orgId'], sk: ['ORG'] } },
  });
  const User = table.entity('User', {
    schema: z.object({
      orgId: z.string(),
      userId: z.string(),
      name: z.string(), // a DynamoDB reserved word: placeholders make it just work
      profile: z.object({ city: z.string(), address: z.object({ street: z.string() }).optional() }),
      logins: z.number().default(0),
      tags: z.set(z.string()),
    }),
    keys: { primary: { pk: ['ORG', 'orgId'], sk: ['USER', 'userId'] } },
  });
  const Order = table.entity('Order', {
    schema: z.object({
      orgId: z.string(),
      orderId: z.string(),
      status: z.enum(['open', 'shipped']),
      total: z.number(),
      placedAt: z.date(),
    }),
    keys: {
      primary: { pk: ['ORG', 'orgId'], sk: ['ORDER', 'placedAt', 'orderId'] },
      byStatus: { pk: ['ORG', 'orgId', 'STATUS', 'status'], sk: ['AT', 'placedAt'] },
    },
  });

  await Org.put({ orgId: 'acme', name: 'Acme' });
  await User.put({ orgId: 'acme', userId: 'ada', name: 'Ada', profile: { city: 'London' }, tags: new Set(['admin']) });
  await User.put({ orgId: 'acme', userId: 'bob', name: 'Bob', profile: { city: 'Oslo' }, tags: new Set() });
  const day = (d: number) => new Date(Date.UTC(2024, 4, d));
  for (let d = 1; d <= 12; d++) {
    await Order.put({ orgId: 'acme', orderId: `o${d}`, status: d <= 8 ? 'shipped' : 'open', total: d * 10, placedAt: day(d) });
  }

  step('Conditions');
  await User.put(
    { orgId: 'acme', userId: 'ada', name: 'Ada L.', profile: { city: 'London' }, tags: new Set(['admin']) },
    { condition: (c) => c.and(c.eq('name', 'Ada'), c.contains('tags', 'admin'), c.eq(c.size('tags'), 1)) },
  );
  check('conditional put applied', (await User.get({ orgId: 'acme', userId: 'ada' }))?.name, 'Ada L.');
  const refused = await User.delete({ orgId: 'acme', userId: 'bob' }, { condition: (c) => c.exists('profile.address') }).catch((e) => e);
  check('failed condition is a ConditionFailedError', refused instanceof ConditionFailedError, true);

  step('A nested update');
  const ada = await User.update(
    { orgId: 'acme', userId: 'ada' },
    { set: { 'profile.address': { street: '1 Byron Rd' }, 'profile.city': 'Harrow' }, add: { logins: 1, tags: new Set(['beta']) } },
    { returnValues: 'ALL_NEW' },
  );
  check('nested set + ADD', [ada.profile, ada.logins, [...ada.tags].sort()], [
    { city: 'Harrow', address: { street: '1 Byron Rd' } },
    1,
    ['admin', 'beta'],
  ]);
  await User.update({ orgId: 'acme', userId: 'ada' }, { set: { 'profile.address.street': '2 Byron Rd' }, increment: { logins: 2 } });
  check('deep path + increment', await User.get({ orgId: 'acme', userId: 'ada' }, { attributes: ['profile', 'logins'] }), {
    profile: { city: 'Harrow', address: { street: '2 Byron Rd' } },
    logins: 3,
  });
  // A compile error too ("userId" is part of the primary key); the run-time check is shown here.
  // @ts-expect-error the type names the key attribute
  const keyChange = await User.update({ orgId: 'acme', userId: 'ada' }, { set: { userId: 'x' } }).catch((e) => e);
  check('changing a key attribute is refused', keyChange instanceof KeyError && keyChange.reason, 'key-attribute-update');
  const ship = await Order.update({ orgId: 'acme', orderId: 'o9', placedAt: day(9) }, { set: { status: 'shipped' } });
  check('status update rebuilds the index key (returns nothing by default)', ship, undefined);

  step('An index query');
  const open = await Order.query('byStatus', { orgId: 'acme', status: 'open' }, { order: 'desc' });
  check('open orders, newest first', open.items.map((o) => o.orderId), ['o12', 'o11', 'o10']);
  const may = await Order.query('primary', { orgId: 'acme' }, { sort: (k) => k.between({ placedAt: day(3) }, { placedAt: day(5) }) });
  check('sort-key range on the template', may.items.map((o) => o.orderId), ['o3', 'o4', 'o5']);
  check('count with a filter', await Order.count('primary', { orgId: 'acme' }, { filter: (c) => c.ge('total', 100) }), 3);

  step('A collection');
  const acme = table.collection({ org: Org, users: User, orders: Order });
  const { items } = await acme.query({ orgId: 'acme' });
  check('grouped by entity', [items.org.length, items.users.length, items.orders.length], [1, 2, 12]);
  check('each typed by its entity', items.users.map((u) => u.profile.city), ['Harrow', 'Oslo']);

  step('Pagination');
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await Order.query('primary', { orgId: 'acme' }, { limit: 5, ...(cursor && { cursor }) });
    seen.push(...page.items.map((o) => o.orderId));
    cursor = page.cursor;
    pages++;
  } while (cursor);
  check('every order once, page by page', [seen.length, new Set(seen).size, pages], [12, 12, 3]);
  let iterated = 0;
  for await (const page of Order.queryPages('primary', { orgId: 'acme' }, { limit: 4 })) iterated += page.items.length;
  check('async iteration over pages', iterated, 12);
  const first = await Order.query('primary', { orgId: 'acme' }, { limit: 5 });
  const tampered = first.cursor!.replace(/^./, (c) => (c === 'e' ? 'f' : 'e'));
  const error = await Order.query('primary', { orgId: 'acme' }, { cursor: tampered }).catch((e) => e);
  check('a tampered signed cursor is refused', error instanceof CursorError && error.reason, 'tampered');

  console.log('\nqueries: all checks passed');
} finally {
  await local.stop();
}
