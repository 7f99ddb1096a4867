/**
 * DAX-aware reads: one transport routes each call to the DAX cache when it is
 * safe and to DynamoDB when it is not, and says which path served it. DAX
 * runs only inside a VPC, so this example uses the DAX TEST DOUBLE
 * (test/doubles/dax.double.ts) over its own DynamoDB Local, with the real
 * `Dax` client from `@amazon-dax-sdk/client-dax` in front of it.
 *
 *   npx tsx examples/dax.ts
 */
import { z } from 'zod';
import { daxRouter, withDaxRoute, type DaxRouteEvent } from '../src/dax.js';
import { Table } from '../src/index.js';
import { startDynamoDBLocal } from '../src/testing/index.js';
import { DaxClusterDouble } from '../test/doubles/dax.double.js';
import { check, step } from './support/check.js';

const local = await startDynamoDBLocal();
try {
  const client = local.client;
  // In production: const dax = new Dax({ region, endpoint: (await resolveDaxEndpoint('my-cluster', { region })).url });
  const cluster = new DaxClusterDouble(client);
  const dax = cluster.client();

  const served: string[] = [];
  const onRoute = (e: DaxRouteEvent) => {
    served.push(`${e.operation} → ${e.path} (${e.reason})`);
    console.log(`    ${e.operation.padEnd(14)} → ${e.path.padEnd(8)} ${e.reason}`);
  };
  const define = (transport: ReturnType<typeof daxRouter>) => {
    const table = new Table({ name: 'dax_example', client, partitionKey: 'pk', sortKey: 'sk', transport });
    const Order = table.entity('Order', {
      schema: z.object({ orgId: z.string(), orderId: z.string(), total: z.number() }),
      keys: { primary: { pk: ['ORG', 'orgId'], sk: ['ORDER', 'orderId'] } },
    });
    return { table, Order };
  };
  const { table, Order } = define(daxRouter({ dax, client, onRoute }));
  await table.create();

  step('Reads: eventually consistent ones from the cache, strong ones from DynamoDB');
  await Order.put({ orgId: 'acme', orderId: 'o-1', total: 10 });
  const cached = await Order.get({ orgId: 'acme', orderId: 'o-1' });
  check('the write went through DAX, so the cached get sees it', cached?.total, 10);
  await Order.get({ orgId: 'acme', orderId: 'o-1' }, { consistent: true });
  check('paths so far', served.splice(0), [
    'PutItem → dax (write-through)',
    'GetItem → dax (cached-read)',
    'GetItem → dynamodb (consistent-read)',
  ]);

  step('The stale-query trap: writes never refresh the DAX query cache');
  // A second process (read-your-writes off) lists the orders: the result is now cached in DAX.
  const other = define(daxRouter({ dax, client, readYourWrites: false }));
  check('another process lists 1 order (now cached by DAX)', (await other.Order.query('primary', { orgId: 'acme' })).items.length, 1);
  await Order.put({ orgId: 'acme', orderId: 'o-2', total: 20 });
  check('that process still sees 1 order from the query cache', (await other.Order.query('primary', { orgId: 'acme' })).items.length, 1);
  const mine = await Order.query('primary', { orgId: 'acme' });
  check('this process, which just wrote the partition, sees both (read-your-writes)', mine.items.length, 2);
  check('and the query went to DynamoDB', served.at(-1), 'Query → dynamodb (read-your-writes)');

  step('Guarded writes go to DynamoDB, so their failures stay exact');
  const duplicate = await Order.create({ orgId: 'acme', orderId: 'o-1', total: 99 }).then(
    () => new Error('created'),
    (e: unknown) => e as Error,
  );
  check('a duplicate create is a ConditionFailedError (not "outcome unknown")', duplicate.name, 'ConditionFailedError');
  check('served by', served.at(-1), 'PutItem → dynamodb (guarded-write)');

  step('Per-call route, and fallback when DAX is down');
  await Order.get({ orgId: 'acme', orderId: 'o-2' }, { route: 'dynamodb' });
  check('the route option forces the path of one call', served.at(-1), 'GetItem → dynamodb (override)');
  await withDaxRoute('dynamodb', () => Order.query('primary', { orgId: 'acme' }, { route: 'dax' }));
  check("a call's own route wins over withDaxRoute around it", served.at(-1), 'Query → dax (override)');
  cluster.unreachable();
  const fallback = await Order.get({ orgId: 'acme', orderId: 'o-2' });
  cluster.unreachable(false);
  check('DAX unreachable: the read still answers', fallback?.total, 20);
  check('reported as a fallback', served.at(-1), 'GetItem → dynamodb (fallback)');

  await table.delete();
} finally {
  await local.stop();
}
