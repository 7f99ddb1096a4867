import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import {
  MixedHomeRegionsError,
  PinnedRegionUnavailableError,
  regionRouter,
  RegionsUnavailableError,
  Table,
  type RegionRouter,
  type RegionRouterEvent,
} from '../../../src/index.js';
import { startFaultProxy, type FaultProxy } from '../../../src/testing/index.js';
import { tableName } from '../../helpers/local.js';

/*
 * Three "Regions" in the run's DynamoDB Local: each access key + Region pair
 * is its own database there. Each Region sits behind a fault proxy, so a
 * Region outage is real HTTP 503s (after the SDK's retries) on every request
 * and probe of that Region. Stopping a whole instance is in failover.test.ts.
 */
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'] as const;
const key = `k${randomUUID().replaceAll('-', '')}`;
const name = tableName('router');
const proxies = new Map<string, FaultProxy>();
const clients = new Map<string, DynamoDBClient>();
const direct = new Map<string, DynamoDBClient>();
const events: RegionRouterEvent[] = [];
let router: RegionRouter;

const schema = z.object({ tenant: z.string(), id: z.string(), note: z.string() });
let Note: ReturnType<typeof noteEntity>;
const noteEntity = (table: Table<string>) => table.entity('Note', { schema, keys: { primary: { pk: ['T', 'tenant'], sk: ['N', 'id'] } } });

beforeAll(async () => {
  for (const region of REGIONS) {
    const proxy = await startFaultProxy({ target: inject('dynamoEndpoint'), maxFaults: 10_000 });
    proxies.set(region, proxy);
    const credentials = { accessKeyId: key, secretAccessKey: 'local' };
    clients.set(region, new DynamoDBClient({ endpoint: proxy.endpoint, region, credentials, maxAttempts: 2 }));
    direct.set(region, new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region, credentials }));
    await new Table({ name, client: direct.get(region)!, partitionKey: 'pk', sortKey: 'sk' }).create();
  }
  router = regionRouter({
    regions: REGIONS.map((region) => ({ region, client: clients.get(region)! })),
    // Tenants named eu-… live in eu-west-1; everyone else in the router's home.
    homeRegionOf: ({ attributes }) => (attributes.pk?.S?.startsWith('T#eu-') ? 'eu-west-1' : undefined),
    health: { intervalMs: 0, healthyAfter: 2, minDownMs: 0 },
    readYourWrites: { windowMs: 60_000, keyAttributes: ['pk', 'sk'] },
    onEvent: (e) => events.push(e),
  });
  const table = new Table({ name, client: clients.get('us-east-1')!, transport: router, partitionKey: 'pk', sortKey: 'sk' });
  Note = noteEntity(table);
});
afterAll(async () => {
  router.close();
  for (const c of [...clients.values(), ...direct.values()]) c.destroy();
  for (const p of proxies.values()) await p.stop();
});

const storedIn = async (region: string, tenant: string, id: string) =>
  (await direct.get(region)!.send(new GetItemCommand({ TableName: name, Key: { pk: { S: `T#${tenant}` }, sk: { S: `N#${id}` } } }))).Item !== undefined;
const outage = (region: string, down: boolean) => proxies.get(region)!.setRates(down ? { unavailable: 1 } : {});
const requests = (region: string, op: string) => proxies.get(region)!.stats().byOperation[op] ?? 0;

describe('regionRouter over three Regions', () => {
  it('sends to the home Region while it is healthy', async () => {
    await Note.put({ tenant: 'acme', id: '1', note: 'home' });
    expect(await storedIn('us-east-1', 'acme', '1')).toBe(true);
    expect(await storedIn('eu-west-1', 'acme', '1')).toBe(false);
    expect(router.activeRegion()).toBe('us-east-1');
  });

  it('fails over in order, refuses pinned requests instead of failing them over, and fails back after the probes', async () => {
    events.length = 0;
    outage('us-east-1', true);
    await Note.put({ tenant: 'acme', id: '2', note: 'during outage' });
    expect(events.filter((e) => e.type === 'failover')).toEqual([{ type: 'failover', from: 'us-east-1', to: 'eu-west-1', operation: 'PutItem' }]);
    expect(await storedIn('eu-west-1', 'acme', '2')).toBe(true);
    expect(await storedIn('ap-southeast-2', 'acme', '2')).toBe(false);

    // A conditional write (create: attribute_not_exists) is pinned to its home Region: refused, not sent elsewhere.
    const before = REGIONS.map((r) => requests(r, 'PutItem'));
    const refused = await Note.create({ tenant: 'acme', id: '3', note: 'x' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PinnedRegionUnavailableError);
    expect(refused).toMatchObject({ region: 'us-east-1', reason: 'conditional-write', operation: 'PutItem' });
    expect(REGIONS.map((r) => requests(r, 'PutItem'))).toEqual(before);
    await expect(Note.get({ tenant: 'acme', id: '1' }, { consistent: true })).rejects.toMatchObject({ name: 'PinnedRegionUnavailableError', reason: 'strong-read' });
    // Entity updates always carry a guard condition (the item is of this entity, or absent): pinned too.
    await expect(Note.update({ tenant: 'acme', id: '1' }, { set: { note: 'changed' } })).rejects.toMatchObject({ name: 'PinnedRegionUnavailableError', reason: 'conditional-write' });

    // An eu- tenant's home is eu-west-1, which is up: its conditional write runs there.
    await Note.create({ tenant: 'eu-shop', id: '1', note: 'pinned to eu' });
    expect(await storedIn('eu-west-1', 'eu-shop', '1')).toBe(true);

    // The next Region down too: on to the third.
    outage('eu-west-1', true);
    await Note.put({ tenant: 'acme', id: '4', note: 'third' });
    expect(await storedIn('ap-southeast-2', 'acme', '4')).toBe(true);
    expect(router.activeRegion()).toBe('ap-southeast-2');

    // Fail-back needs two good probes in a row (hysteresis); a failed probe resets the count.
    outage('us-east-1', false);
    await router.checkHealth();
    expect(router.activeRegion()).toBe('ap-southeast-2');
    outage('us-east-1', true);
    await router.checkHealth();
    outage('us-east-1', false);
    await router.checkHealth();
    expect(router.activeRegion()).toBe('ap-southeast-2');
    await router.checkHealth();
    expect(router.activeRegion()).toBe('us-east-1');
    expect(events.filter((e) => e.type === 'failback')).toEqual([{ type: 'failback', from: 'ap-southeast-2', to: 'us-east-1' }]);
    const gets = requests('us-east-1', 'GetItem');
    expect(await Note.get({ tenant: 'acme', id: '1' })).toMatchObject({ note: 'home' });
    expect(requests('us-east-1', 'GetItem')).toBe(gets + 1);
    outage('eu-west-1', false);
    await router.checkHealth();
    await router.checkHealth();
    expect(router.status().every((r) => r.healthy)).toBe(true);
  });

  it('read-your-writes: a read of a just-written item is flagged stale when its Region is down', async () => {
    await Note.put({ tenant: 'acme', id: 'ryw', note: 'v1' });
    events.length = 0;
    outage('us-east-1', true);
    // eu-west-1 has no replica of the write here (no replication in this file): the read is served there, and says so.
    expect(await Note.get({ tenant: 'acme', id: 'ryw' })).toBeUndefined();
    expect(events.find((e) => e.type === 'stale-read')).toMatchObject({ wroteIn: 'us-east-1', readFrom: 'eu-west-1', table: name, key: { pk: { S: 'T#acme' }, sk: { S: 'N#ryw' } } });
    outage('us-east-1', false);
    await router.checkHealth();
    await router.checkHealth();
    expect(router.activeRegion()).toBe('us-east-1');
  });

  it('read-your-writes: after fail-back, a read of an item written during the outage stays where it was written', async () => {
    outage('us-east-1', true);
    await Note.put({ tenant: 'acme', id: 'moved', note: 'written in eu' });
    outage('us-east-1', false);
    await router.checkHealth();
    await router.checkHealth();
    expect(router.activeRegion()).toBe('us-east-1');
    events.length = 0;
    const [home, eu] = [requests('us-east-1', 'GetItem'), requests('eu-west-1', 'GetItem')];
    // us-east-1 never received it (no replication here): the window keeps the read in eu-west-1.
    expect(await Note.get({ tenant: 'acme', id: 'moved' })).toMatchObject({ note: 'written in eu' });
    expect([requests('us-east-1', 'GetItem') - home, requests('eu-west-1', 'GetItem') - eu]).toEqual([0, 1]);
    expect(events.filter((e) => e.type === 'stale-read')).toEqual([]);
  });

  it('every Region down: a typed error with each Region’s cause; mixed home Regions in one transaction are refused', async () => {
    for (const r of REGIONS) outage(r, true);
    const error = await Note.put({ tenant: 'acme', id: 'none', note: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegionsUnavailableError);
    expect((error as RegionsUnavailableError).errors.map((e) => e.region)).toEqual([...REGIONS]);
    for (const r of REGIONS) outage(r, false);
    for (let i = 0; i < 2; i++) await router.checkHealth();

    const sent = requests('us-east-1', 'TransactWriteItems') + requests('eu-west-1', 'TransactWriteItems');
    const mixed = await router
      .send('TransactWriteItems', {
        TransactItems: [
          { Put: { TableName: name, Item: { pk: { S: 'T#acme' }, sk: { S: 'N#t1' } } } },
          { Put: { TableName: name, Item: { pk: { S: 'T#eu-shop' }, sk: { S: 'N#t1' } } } },
        ],
      })
      .catch((e: unknown) => e);
    expect(mixed).toBeInstanceOf(MixedHomeRegionsError);
    expect(requests('us-east-1', 'TransactWriteItems') + requests('eu-west-1', 'TransactWriteItems')).toBe(sent);
  });

  it('the probe timer fails back by itself, not before minDownMs', async () => {
    const seen: RegionRouterEvent[] = [];
    const timed = regionRouter({
      regions: REGIONS.slice(0, 2).map((region) => ({ region, client: clients.get(region)! })),
      pin: false,
      health: { intervalMs: 20, healthyAfter: 1, minDownMs: 400 },
      onEvent: (e) => seen.push(e),
    });
    try {
      outage('us-east-1', true);
      const downAt = Date.now();
      await timed.send('GetItem', { TableName: name, Key: { pk: { S: 'T#acme' }, sk: { S: 'N#1' } } });
      expect(timed.activeRegion()).toBe('eu-west-1');
      outage('us-east-1', false);
      while (timed.activeRegion() !== 'us-east-1') {
        if (Date.now() - downAt > 20_000) throw new Error('no fail-back');
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(Date.now() - downAt).toBeGreaterThanOrEqual(400);
      // Good probes came before the fail-back: minDownMs held traffic away.
      const back = seen.findIndex((e) => e.type === 'failback');
      expect(seen.slice(0, back).filter((e) => e.type === 'probe' && e.ok).length).toBeGreaterThan(1);
    } finally {
      timed.close();
    }
  });
});
