/**
 * A global table across two Regions: two DynamoDB Local instances play
 * us-east-1 and eu-west-1, and a replication test double copies each one's
 * stream to the other (replication between Regions exists only in AWS),
 * whole-item last-writer-wins by the Region stamp's write time. The service
 * talks through `regionRouter`: home Region first, failover when the home
 * instance is stopped, conditional writes pinned to their home Region,
 * fail-back once the home instance is healthy again. Region stamps tell who
 * wrote each item, stream records say whether a change is local or
 * replicated, and a lost concurrent update is detected.
 * Run: npx tsx examples/global-tables.ts
 */
import { DescribeTableCommand, GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { z } from 'zod';
import { planReplicas } from '../src/admin.js';
import { detectLostUpdate, lastWriter, PinnedRegionUnavailableError, regionRouter, Table, type RegionRouterEvent } from '../src/index.js';
import { streamDecoder } from '../src/streams.js';
import { startDynamoDBLocal, type DynamoDBLocal } from '../src/testing/index.js';
import { startReplication } from '../test/doubles/replication.double.js';
import { check, step } from './support/check.js';

const NAME = 'orders';
// One strictly increasing clock for every table here, so "later" is unambiguous between the two Regions.
let tick = Date.now();
const clock = () => (tick = Math.max(tick + 1, Date.now()));
const schema = z.object({ orderId: z.string(), status: z.string(), note: z.string().optional() });
const keys = { primary: { pk: ['ORDER', 'orderId'], sk: ['META'] } } as const;
/** The table as seen directly in one Region (its own client and `region`). */
const declare = (client: DynamoDBClient, region?: string) =>
  new Table({ name: NAME, client, partitionKey: 'pk', sortKey: 'sk', stream: 'NEW_AND_OLD_IMAGES', clock, ...(region && { region }) });
const ordersIn = (client: DynamoDBClient, region: string) => declare(client, region).entity('Order', { schema, keys, regionStamp: true });

// East runs in a process of its own (attach: false): the example stops and restarts it. West may
// share an instance (TABLEWRIGHT_DYNAMODB_LOCAL, as in the test suite), in a namespace of its own.
let east = await startDynamoDBLocal({ region: 'us-east-1', attach: false });
const west = await startDynamoDBLocal({ region: 'eu-west-1' });
const eastClient = east.createClient({ region: 'us-east-1' });
const westClient = west.createClient({ region: 'eu-west-1' });
await declare(east.client).create();
await declare(west.client).create();
const replicaOf = (local: DynamoDBLocal) => ({ region: local.region, endpoint: local.endpoint, accessKeyId: local.accessKeyId });
const replication = await startReplication({
  table: NAME,
  regions: [replicaOf(east), replicaOf(west)],
  timestampAttribute: '_rt',
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
const eastStream = new DynamoDBStreamsClient({ endpoint: east.endpoint, region: east.region, credentials: { accessKeyId: east.accessKeyId, secretAccessKey: 'local' } });
/** Every record of east's stream so far (a consumer would poll; see examples/streams-lambda.ts). */
const eastRecords = async (): Promise<_Record[]> => {
  const arn = (await east.client.send(new DescribeTableCommand({ TableName: NAME }))).Table!.LatestStreamArn!;
  const records: _Record[] = [];
  for (const shard of (await eastStream.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.Shards!) {
    let iterator = (await eastStream.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    while (iterator) {
      const out = await eastStream.send(new GetRecordsCommand({ ShardIterator: iterator }));
      if (!out.Records?.length) break;
      records.push(...out.Records);
      iterator = out.NextShardIterator;
    }
  }
  return records;
};

try {
  // The service's view: one table, sent through the router; every write stamped with the Region it reached.
  const table = new Table({ name: NAME, client: eastClient, transport: router, partitionKey: 'pk', sortKey: 'sk', clock });
  const Order = table.entity('Order', { schema, keys, regionStamp: true });

  step('The replica plan, as a dry run (DynamoDB Local has no replica API; nothing is sent)');
  const plan = await planReplicas(declare(east.client), { regions: ['us-east-1', 'eu-west-1'] });
  console.log(plan.summary.join('\n'));
  check('one step: add the eu-west-1 replica', plan.steps.map((s) => s.description), ['add replica eu-west-1']);

  step('Write in the home Region, read the replica; the Region stamp tells who wrote it');
  await Order.put({ orderId: 'a1', status: 'placed' });
  await replication.settle();
  check('written in us-east-1', await stored(east.client, 'a1'), 'placed');
  check('replicated to eu-west-1', await stored(west.client, 'a1'), 'placed');
  const replica = await ordersIn(west.client, 'eu-west-1').get({ orderId: 'a1' });
  check('the replica says us-east-1 wrote it', lastWriter(replica)?.region, 'us-east-1');
  check('the stamp is bookkeeping: not in the item', replica, { orderId: 'a1', status: 'placed' });

  step('Two Regions update different attributes of one order at once: last writer wins the whole item');
  const [eastOrders, westOrders] = [ordersIn(east.client, 'us-east-1'), ordersIn(west.client, 'eu-west-1')];
  replication.pause(); // both updates happen before either replicates
  await eastOrders.update({ orderId: 'a1' }, { set: { status: 'paid' } });
  await westOrders.update({ orderId: 'a1' }, { set: { note: 'gift wrap' } });
  replication.resume();
  await replication.settle();
  check('both Regions keep west’s item: the payment is gone, silently', await eastOrders.get({ orderId: 'a1' }, { consistent: true }), {
    orderId: 'a1',
    status: 'placed',
    note: 'gift wrap',
  });
  const decoder = streamDecoder([eastOrders], { view: 'NEW_AND_OLD_IMAGES' }); // its Region: the table's, us-east-1
  const changes = (await eastRecords()).map((r) => decoder.decode(r)).filter((r) => r.kind === 'insert' || r.kind === 'modify');
  check('east’s stream: its own writes are local, west’s overwrite is replicated', changes.map((c) => `${c.kind} ${c.origin}`), ['insert local', 'modify local', 'modify replicated']);
  const lost = changes.map((c) => detectLostUpdate(c)).find((l) => l !== undefined);
  check('detectLostUpdate: east’s update was overwritten by eu-west-1 without being seen', lost && [lost.lost.region, lost.by.region], ['us-east-1', 'eu-west-1']);

  step('Stop the home instance: failover');
  const port = east.port;
  await east.stop();
  await Order.put({ orderId: 'a2', status: 'placed during the outage' });
  check('the write failed over to eu-west-1', await stored(west.client, 'a2'), 'placed during the outage');
  check('and is stamped with the Region it landed in', lastWriter(await Order.get({ orderId: 'a2' }))?.region, 'eu-west-1');
  check('a read is served by the replica', (await Order.get({ orderId: 'a1' }))?.note, 'gift wrap');
  const refused = await Order.create({ orderId: 'a3', status: 'new' }).catch((e: unknown) => e);
  check('a conditional write is pinned to its home Region, not failed over', refused instanceof PinnedRegionUnavailableError, true);

  step('Start the home instance again; rebuild its replica; two good probes bring traffic back');
  east = await startDynamoDBLocal({ port, region: 'us-east-1', attach: false });
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
  for (const c of [eastClient, westClient, eastStream]) c.destroy();
  await Promise.all([east.stop(), west.stop()]);
}
