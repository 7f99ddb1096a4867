/**
 * A global table across two Regions: two DynamoDB Local instances play
 * us-east-1 and eu-west-1, and a replication test double copies each one's
 * stream to the other (replication between Regions exists only in AWS). The
 * service talks through `regionRouter`: home Region first, failover when the
 * home instance is stopped, conditional writes pinned to their home Region,
 * fail-back once the home instance is healthy again.
 * Run: npx tsx examples/global-tables.ts
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { planReplicas } from '../src/admin.js';
import { PinnedRegionUnavailableError, regionRouter, Table, type RegionRouterEvent } from '../src/index.js';
import { startDynamoDBLocal, type DynamoDBLocal } from '../src/testing/index.js';
import { startReplication } from '../test/doubles/replication.double.js';
import { check, step } from './support/check.js';

const NAME = 'orders';
const declare = (client: DynamoDBClient) => new Table({ name: NAME, client, partitionKey: 'pk', sortKey: 'sk', stream: 'NEW_AND_OLD_IMAGES' });
const clientOf = (local: DynamoDBLocal, region: string) =>
  new DynamoDBClient({
    endpoint: local.endpoint,
    region,
    credentials: { accessKeyId: 'tablewright', secretAccessKey: 'local' },
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 500, requestTimeout: 2_000 },
  });

// Two processes of their own (attach: false): the example stops and restarts one of them.
let east = await startDynamoDBLocal({ region: 'us-east-1', attach: false });
const west = await startDynamoDBLocal({ region: 'eu-west-1', attach: false });
const eastClient = clientOf(east, 'us-east-1');
const westClient = clientOf(west, 'eu-west-1');
await declare(east.client).create();
await declare(west.client).create();
const replication = await startReplication({
  table: NAME,
  regions: [
    { region: 'us-east-1', endpoint: east.endpoint, accessKeyId: 'tablewright' },
    { region: 'eu-west-1', endpoint: west.endpoint, accessKeyId: 'tablewright' },
  ],
});
const events: RegionRouterEvent[] = [];
const router = regionRouter({
  regions: [
    { region: 'us-east-1', client: eastClient },
    { region: 'eu-west-1', client: westClient },
  ],
  // Short for the example; the defaults are a probe every 5 s, 3 good probes and 30 s down at least.
  health: { intervalMs: 0, healthyAfter: 2, minDownMs: 0 },
  onEvent: (e) => {
    if (e.type !== 'probe') events.push(e);
  },
});
const stored = async (client: DynamoDBClient, id: string) =>
  (await client.send(new GetItemCommand({ TableName: NAME, Key: { pk: { S: `ORDER#${id}` }, sk: { S: 'META' } } }))).Item?.status?.S;

try {
  const table = new Table({ name: NAME, client: eastClient, transport: router, partitionKey: 'pk', sortKey: 'sk' });
  const Order = table.entity('Order', {
    schema: z.object({ orderId: z.string(), status: z.string() }),
    keys: { primary: { pk: ['ORDER', 'orderId'], sk: ['META'] } },
  });

  step('The replica plan, as a dry run (DynamoDB Local has no replica API; nothing is sent)');
  const plan = await planReplicas(declare(east.client), { regions: ['us-east-1', 'eu-west-1'] });
  console.log(plan.summary.join('\n'));
  check('one step: add the eu-west-1 replica', plan.steps.map((s) => s.description), ['add replica eu-west-1']);

  step('Write in the home Region, read the replica');
  await Order.put({ orderId: 'a1', status: 'placed' });
  await replication.settle();
  check('written in us-east-1', await stored(east.client, 'a1'), 'placed');
  check('replicated to eu-west-1', await stored(west.client, 'a1'), 'placed');

  step('Stop the home instance: failover');
  const port = east.port;
  await east.stop();
  await Order.put({ orderId: 'a2', status: 'placed during the outage' });
  check('the write failed over to eu-west-1', await stored(west.client, 'a2'), 'placed during the outage');
  check('a read is served by the replica', (await Order.get({ orderId: 'a1' }))?.status, 'placed');
  const refused = await Order.create({ orderId: 'a3', status: 'new' }).catch((e: unknown) => e);
  check('a conditional write is pinned to its home Region, not failed over', refused instanceof PinnedRegionUnavailableError, true);

  step('Start the home instance again; rebuild its replica; two good probes bring traffic back');
  east = await startDynamoDBLocal({ port, region: 'us-east-1' });
  await declare(east.client).create();
  await replication.resync('us-east-1', 'eu-west-1');
  await router.checkHealth();
  check('one good probe is not enough (hysteresis)', router.activeRegion(), 'eu-west-1');
  await router.checkHealth();
  check('fail-back to us-east-1', router.activeRegion(), 'us-east-1');
  check('the outage write is read at home, strongly consistent', (await Order.get({ orderId: 'a2' }, { consistent: true }))?.status, 'placed during the outage');
  await Order.create({ orderId: 'a3', status: 'new' });
  check('the conditional write runs at home now', await stored(east.client, 'a3'), 'new');
  check(
    'events',
    events.map((e) => e.type),
    ['region-down', 'failover', 'pinned-refused', 'region-up', 'failback'],
  );
} finally {
  router.close();
  await replication.stop();
  eastClient.destroy();
  westClient.destroy();
  await Promise.all([east.stop(), west.stop()]);
}
