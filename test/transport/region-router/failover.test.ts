import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PinnedRegionUnavailableError, regionRouter, Table, type RegionRouter, type RegionRouterEvent } from '../../../src/index.js';
import { startDynamoDBLocal, type DynamoDBLocal } from '../../../src/testing/index.js';
import { startReplication, type Replication } from '../../doubles/replication.double.js';

/*
 * Two DynamoDB Local instances are two Regions; the replication double
 * copies each one's stream to the other. The home instance is really
 * stopped (its process ends), and started again empty on the same port.
 */
const NAME = 'orders';
const schema = z.object({ orderId: z.string(), status: z.string(), by: z.string().optional() });
let east: DynamoDBLocal;
let west: DynamoDBLocal;
let replication: Replication;
let router: RegionRouter;
let Order: ReturnType<typeof orderEntity>;
const events: RegionRouterEvent[] = [];
const routed: DynamoDBClient[] = [];
const orderEntity = (table: Table<string>) => table.entity('Order', { schema, keys: { primary: { pk: ['O', 'orderId'], sk: ['META'] } } });

const createTable = (client: DynamoDBClient) => new Table({ name: NAME, client, partitionKey: 'pk', sortKey: 'sk', stream: 'NEW_AND_OLD_IMAGES' }).create();
const stored = async (local: DynamoDBLocal, id: string) =>
  (await local.client.send(new GetItemCommand({ TableName: NAME, Key: { pk: { S: `O#${id}` }, sk: { S: 'META' } }, ConsistentRead: true }))).Item;
const regionClient = (local: DynamoDBLocal, region: string) => {
  const client = new DynamoDBClient({
    endpoint: local.endpoint,
    region,
    credentials: { accessKeyId: 'tablewright', secretAccessKey: 'local' },
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 500, requestTimeout: 2_000 },
  });
  routed.push(client);
  return client;
};

beforeAll(async () => {
  [east, west] = await Promise.all([startDynamoDBLocal({ region: 'us-east-1', attach: false }), startDynamoDBLocal({ region: 'eu-west-1', attach: false })]);
  await Promise.all([createTable(east.client), createTable(west.client)]);
  replication = await startReplication({
    table: NAME,
    regions: [
      { region: 'us-east-1', endpoint: east.endpoint, accessKeyId: 'tablewright' },
      { region: 'eu-west-1', endpoint: west.endpoint, accessKeyId: 'tablewright' },
    ],
    delayMs: 50,
  });
  router = regionRouter({
    regions: [
      { region: 'us-east-1', client: regionClient(east, 'us-east-1') },
      { region: 'eu-west-1', client: regionClient(west, 'eu-west-1') },
    ],
    health: { intervalMs: 0, healthyAfter: 2, minDownMs: 0 },
    onEvent: (e) => events.push(e),
  });
  Order = orderEntity(new Table({ name: NAME, client: routed[0]!, transport: router, partitionKey: 'pk', sortKey: 'sk' }));
}, 120_000);

afterAll(async () => {
  router?.close();
  await replication?.stop();
  for (const c of routed) c.destroy();
  await Promise.all([east?.stop(), west?.stop()]);
});

describe('failover between two DynamoDB Local instances', () => {
  it('writes in the home Region; the replication double copies it to the other, once', async () => {
    await Order.put({ orderId: '1', status: 'open' });
    await replication.settle();
    expect(await stored(east, '1')).toBeDefined();
    expect((await stored(west, '1'))?.status).toEqual({ S: 'open' });
    // The replicated write shows in the west stream too; it is not sent back east.
    expect(replication.stats.applied).toBe(1);
  });

  it('whole-item last writer wins: concurrent writes of different attributes lose one of them, silently', async () => {
    await Promise.all([
      east.client.send(new PutItemCommand({ TableName: NAME, Item: { pk: { S: 'O#lww' }, sk: { S: 'META' }, status: { S: 'paid' }, by: { S: 'east' } } })),
      west.client.send(new PutItemCommand({ TableName: NAME, Item: { pk: { S: 'O#lww' }, sk: { S: 'META' }, status: { S: 'open' }, by: { S: 'west' } } })),
    ]);
    await replication.settle();
    const [e, w] = [await stored(east, 'lww'), await stored(west, 'lww')];
    expect(e).toEqual(w);
    expect([{ status: { S: 'paid' }, by: { S: 'east' } }, { status: { S: 'open' }, by: { S: 'west' } }]).toContainEqual({ status: e!.status, by: e!.by });
    expect(replication.stats.lostToNewer).toBeGreaterThanOrEqual(1);
  });

  it('stopping the home instance: writes fail over, pinned writes are refused; restarted and healthy again, traffic fails back', async () => {
    events.length = 0;
    const port = east.port;
    await east.stop();
    await Order.put({ orderId: '2', status: 'placed during outage' });
    expect(events.find((e) => e.type === 'failover')).toMatchObject({ from: 'us-east-1', to: 'eu-west-1' });
    expect((await stored(west, '2'))?.status).toEqual({ S: 'placed during outage' });
    expect(await Order.get({ orderId: '1' })).toMatchObject({ status: 'open' }); // the replica serves reads
    await expect(Order.create({ orderId: '3', status: 'x' })).rejects.toBeInstanceOf(PinnedRegionUnavailableError);
    expect(await stored(west, '3')).toBeUndefined();

    // The probes fail while it is down.
    await router.checkHealth();
    expect(events.filter((e) => e.type === 'probe').map((e) => (e as { ok: boolean }).ok)).toEqual([false]);

    // Back (empty: Local is in memory); the replica is rebuilt, then two good probes bring traffic home.
    east = await startDynamoDBLocal({ port, region: 'us-east-1', attach: false });
    await createTable(east.client);
    await replication.resync('us-east-1', 'eu-west-1');
    await router.checkHealth();
    expect(router.activeRegion()).toBe('eu-west-1');
    await router.checkHealth();
    expect(router.activeRegion()).toBe('us-east-1');
    expect(events.find((e) => e.type === 'failback')).toEqual({ type: 'failback', from: 'eu-west-1', to: 'us-east-1' });
    expect(await Order.get({ orderId: '2' }, { consistent: true })).toMatchObject({ status: 'placed during outage' });
    await Order.create({ orderId: '3', status: 'created at home' });
    expect(await stored(east, '3')).toBeDefined();
    await replication.settle();
    expect((await stored(west, '3'))?.status).toEqual({ S: 'created at home' });
  });
});
