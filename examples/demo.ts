/**
 * The tour behind `npm start`: starts an embedded DynamoDB Local, creates a
 * table, and walks through tablewright's main features, printing each step.
 * Exits non-zero if anything it reads back differs from what it expects.
 */
import { z } from 'zod';
import {
  batchGet,
  batchWrite,
  ConditionFailedError,
  ItemTooLargeError,
  KeyError,
  Table,
  TransactionCanceledError,
  transactWrite,
  ValidationError,
  VersionConflictError,
} from '../src/index.js';
import { startDynamoDBLocal } from '../src/testing/index.js';
import { check, step } from './support/check.js';

// The SDK warns that Node 20 support ends in 2027; the README says so once, the tour stays quiet.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

step('Starting DynamoDB Local (embedded, in memory)');
const local = await startDynamoDBLocal();
console.log(`  listening on ${local.endpoint}`);

try {
  step('Declaring and creating a single table with a GSI');
  const clock = { now: Date.now() }; // injected so the tour can jump forward in time (TTL)
  const table = new Table({
    name: 'demo',
    client: local.client,
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: { byStatus: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } },
    ttlAttribute: 'ttl',
    clock: () => clock.now,
  });
  const ensured = await table.ensure();
  console.log(`  ensure(): ${ensured.actions.join(', ')}`);
  check('no drift after ensure()', (await table.describe()).drift, []);

  step('Defining entities with zod schemas and key templates');
  const Customer = table.entity('Customer', {
    schema: z.object({ orgId: z.string(), customerId: z.string(), name: z.string(), tier: z.enum(['free', 'pro']) }),
    keys: { primary: { pk: ['ORG', 'orgId'], sk: ['CUSTOMER', 'customerId'] } },
  });
  const Order = table.entity('Order', {
    schema: z.object({
      orgId: z.string(),
      orderId: z.string(),
      customerId: z.string(),
      total: z.number(),
      status: z.enum(['open', 'shipped']),
      placedAt: z.date(),
      lines: z.array(z.object({ sku: z.string(), qty: z.number().int() })),
    }),
    keys: {
      primary: { pk: ['ORG', 'orgId'], sk: ['ORDER', 'orderId'] },
      byStatus: { pk: ['ORG', 'orgId', 'STATUS', 'status'], sk: ['AT', 'placedAt'] },
    },
  });
  console.log('  Customer keys: ORG#<orgId> / CUSTOMER#<customerId>');
  console.log('  Order keys:    ORG#<orgId> / ORDER#<orderId>, index byStatus: ORG#<orgId>#STATUS#<status> / AT#<placedAt>');

  step('Writing items (validated by zod before the request)');
  await Customer.put({ orgId: 'acme', customerId: 'c1', name: 'Ada Lovelace', tier: 'pro' });
  const placedAt = new Date('2024-03-01T12:00:00.000Z');
  const order = {
    orgId: 'acme',
    orderId: 'o#1', // a delimiter inside a value is escaped, never confused with structure
    customerId: 'c1',
    total: 99.5,
    status: 'open' as const,
    placedAt,
    lines: [{ sku: 'book', qty: 2 }],
  };
  await Order.put(order);
  const stored = Order.toStored(order);
  console.log(`  stored keys: pk=${stored.pk} sk=${stored.sk} gsi1pk=${stored.gsi1pk} gsi1sk=${stored.gsi1sk}`);
  check('escaped sort key', stored.sk, 'ORDER#o\\#1');

  step('Reading them back, typed and parsed');
  const read = await Order.get({ orgId: 'acme', orderId: 'o#1' });
  console.log(`  Order.get → total ${read?.total}, placedAt ${read?.placedAt.toISOString()}`);
  check('order round-trips', read, order);
  const name = await Customer.get({ orgId: 'acme', customerId: 'c1' }, { attributes: ['name'] });
  check('projection narrows the result', name, { name: 'Ada Lovelace' });

  step('Refusing bad input before any request');
  const invalid = await Order.put({ ...order, total: Number.NaN }).catch((e: unknown) => e);
  console.log(`  ${(invalid as Error).name}: ${(invalid as Error).message}`);
  check('ValidationError names the attribute', invalid instanceof ValidationError && invalid.issues[0]?.path, ['total']);
  const longKey = await Customer.get({ orgId: 'acme', customerId: 'x'.repeat(2000) }).catch((e: unknown) => e);
  console.log(`  ${(longKey as Error).name}: ${(longKey as Error).message}`);
  check('KeyError for an oversized sort key', longKey instanceof KeyError && longKey.reason, 'too-large');

  step('Conditional writes');
  const dup = await Customer.create({ orgId: 'acme', customerId: 'c1', name: 'Someone else', tier: 'free' }).catch((e: unknown) => e);
  console.log(`  create() on an existing key → ${(dup as Error).name}, current item carried: ${JSON.stringify((dup as ConditionFailedError).item?.name)}`);
  check('create() refuses to overwrite', dup instanceof ConditionFailedError, true);
  await Order.delete({ orgId: 'acme', orderId: 'o#1' }, { condition: (c) => c.eq('status', 'open') });
  check('conditional delete removed the order', await Order.get({ orgId: 'acme', orderId: 'o#1' }), undefined);

  step('Queries, updates and collections');
  for (let i = 1; i <= 6; i++) {
    await Order.put({ ...order, orderId: `o${i}`, total: i * 10, status: i <= 4 ? 'shipped' : 'open', placedAt: new Date(Date.UTC(2024, 2, i)) });
  }
  const open = await Order.query('byStatus', { orgId: 'acme', status: 'open' }, { order: 'desc' });
  console.log(`  open orders, newest first: ${open.items.map((o) => o.orderId).join(', ')}`);
  check('index query', open.items.map((o) => o.orderId), ['o6', 'o5']);
  const partial = await Order.update({ orgId: 'acme', orderId: 'o5' }, { set: { status: 'shipped' } }).catch((e: unknown) => e);
  console.log(`  ${(partial as Error).name}: ${(partial as Error).message}`);
  check('no silently stale index keys', partial instanceof KeyError && partial.missing, ['placedAt']);
  const o5 = await Order.get({ orgId: 'acme', orderId: 'o5' });
  await Order.update({ orgId: 'acme', orderId: 'o5' }, { set: { status: 'shipped', placedAt: o5!.placedAt }, increment: { total: 5 } });
  check('the update moved o5 out of the open index', (await Order.query('byStatus', { orgId: 'acme', status: 'open' })).items.length, 1);
  check('count with a filter', await Order.count('primary', { orgId: 'acme' }, { filter: (c) => c.ge('total', 40) }), 3);
  const pages: number[] = [];
  for await (const page of Order.queryPages('primary', { orgId: 'acme' }, { limit: 4 })) pages.push(page.items.length);
  console.log(`  paginated 4 at a time: pages of ${pages.join(' + ')}`);
  check('pagination sees every order once', pages.reduce((a, b) => a + b, 0), 6);
  const { items } = await table.collection({ customers: Customer, orders: Order }).query({ orgId: 'acme' });
  console.log(`  collection ORG#acme: ${items.customers.length} customer, ${items.orders.length} orders (each typed by its entity)`);
  check('collection groups by entity', [items.customers.length, items.orders.length], [1, 6]);

  step('Item size computed exactly, before the request');
  const Note = table.entity('Note', {
    schema: z.object({ id: z.string(), body: z.string() }),
    keys: { primary: { pk: ['NOTE', 'id'], sk: ['NOTE'] } },
  });
  const big = { id: 'n1', body: 'lorem ipsum dolor sit amet '.repeat(16_000) };
  const tooLarge = await Note.put(big).catch((e: unknown) => e);
  console.log(`  ${(tooLarge as Error).message}`);
  check('ItemTooLargeError names the biggest attribute', tooLarge instanceof ItemTooLargeError && tooLarge.largest[0]?.attribute, 'body');
  const Compressed = table.entity('CompressedNote', {
    schema: z.object({ id: z.string(), body: z.string() }),
    keys: { primary: { pk: ['CNOTE', 'id'], sk: ['NOTE'] } },
    compress: { body: 'brotli' },
  });
  await Compressed.put(big);
  console.log(`  with compress: { body: 'brotli' } it is ${Compressed.size(big).toLocaleString('en-US')} bytes as stored`);
  check('the compressed note reads back as text', (await Compressed.get({ id: 'n1' }))?.body === big.body, true);

  step('Transactions and batches');
  const Account = table.entity('Account', {
    schema: z.object({ id: z.string(), balance: z.number().nonnegative(), version: z.number().int().optional() }),
    keys: { primary: { pk: ['ACCOUNT', 'id'], sk: ['ACCOUNT'] } },
    version: true,
  });
  const a = await Account.put({ id: 'a', balance: 100 });
  const b = await Account.put({ id: 'b', balance: 0 });
  await transactWrite(
    [
      Account.updateOp({ id: 'a' }, { add: { balance: -25 } }, { expectedVersion: a.version!, condition: (c) => c.ge('balance', 25) }),
      Account.updateOp({ id: 'b' }, { add: { balance: 25 } }, { expectedVersion: b.version! }),
    ],
    { token: 'transfer-1' }, // idempotent: resending the same transfer within 10 minutes is a no-op
  );
  const [a2, b2] = await batchGet([Account.getOp({ id: 'a' }), Account.getOp({ id: 'b' })] as const);
  console.log(`  transferred 25: a=${a2?.balance} (v${a2?.version}) b=${b2?.balance} (v${b2?.version})`);
  check('balances after the transfer', [a2?.balance, b2?.balance], [75, 25]);
  const stale = await Account.put({ ...a, balance: 0 }).catch((e: unknown) => e);
  console.log(`  writing with the version read before the transfer → ${(stale as Error).name}`);
  check('stale write refused', stale instanceof VersionConflictError && stale.currentVersion, 2);
  const cancelled = await transactWrite([
    Account.putOp({ ...a2!, balance: 50 }),
    Account.conditionOp({ id: 'b' }, (c) => c.gt('balance', 1000)),
  ]).catch((e: unknown) => e);
  const reasons = cancelled instanceof TransactionCanceledError ? cancelled.reasons.map((r) => r.code) : [];
  console.log(`  a transaction whose condition fails → reasons per operation: ${reasons.join(', ')}`);
  check('cancellation reasons in input order', reasons, ['None', 'ConditionalCheckFailed']);
  const customers = Array.from({ length: 60 }, (_, i) => ({ orgId: 'bulk', customerId: `c${i}`, name: `Customer ${i}`, tier: 'free' as const }));
  await batchWrite(customers.map((c) => Customer.putOp(c)));
  check('60 customers written in chunks of 25', await Customer.count('primary', { orgId: 'bulk' }), 60);

  step('TTL: expired items disappear from reads before DynamoDB deletes them');
  const Session = table.entity('Session', {
    schema: z.object({ userId: z.string(), sessionId: z.string() }),
    keys: { primary: { pk: ['USER', 'userId'], sk: ['SESSION', 'sessionId'] } },
    ttl: { after: '30m' },
  });
  await Session.put({ userId: 'ada', sessionId: 's1' });
  await Session.put({ userId: 'ada', sessionId: 's2' }, { expiresAt: { after: '1d' } });
  clock.now += 60 * 60_000; // one hour later, by the injected clock
  check('get hides the expired session', await Session.get({ userId: 'ada', sessionId: 's1' }), undefined);
  const sessions = await Session.query('primary', { userId: 'ada' });
  console.log(`  live sessions: ${sessions.items.map((x) => x.sessionId).join(', ')} (s1 still stored until DynamoDB deletes it)`);
  check('query hides it too', sessions.items.map((x) => x.sessionId), ['s2']);

  console.log('\nDemo finished: every check passed.');
} finally {
  step('Stopping DynamoDB Local');
  await local.stop();
}
