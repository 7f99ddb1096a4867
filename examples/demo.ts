/**
 * The tour behind `npm start`: starts an embedded DynamoDB Local, creates a
 * table, and walks through tablewright's main features, printing each step.
 * Exits non-zero if anything it reads back differs from what it expects.
 */
import { z } from 'zod';
import { ConditionFailedError, KeyError, Table, ValidationError } from '../src/index.js';
import { startDynamoDBLocal } from '../src/testing/index.js';
import { check, step } from './support/check.js';

// The SDK warns that Node 20 support ends in 2027; the README says so once, the tour stays quiet.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

step('Starting DynamoDB Local (embedded, in memory)');
const local = await startDynamoDBLocal();
console.log(`  listening on ${local.endpoint}`);

try {
  step('Declaring and creating a single table with a GSI');
  const table = new Table({
    name: 'demo',
    client: local.client,
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: { byStatus: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } },
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

  console.log('\nDemo finished: every check passed.');
} finally {
  step('Stopping DynamoDB Local');
  await local.stop();
}
