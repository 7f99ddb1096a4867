import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { lastWriter, regionRouter, Table, type RegionRouter, type RegionRouterEvent } from '../../src/index.js';
import { startFaultProxy, type FaultProxy } from '../../src/testing/index.js';
import { tableName } from '../helpers/local.js';

/*
 * Region stamps through regionRouter: two "Regions" in the run's DynamoDB
 * Local (each access key + Region pair is its own database), each behind a
 * fault proxy, so an outage is real 503s after the SDK's retries. The stamp
 * must name the Region the request actually reached, attempt by attempt.
 */
const REGIONS = ['us-east-1', 'eu-west-1'] as const;
const key = `k${randomUUID().replaceAll('-', '')}`;
const name = tableName('stamprouting');
const proxies = new Map<string, FaultProxy>();
const clients = new Map<string, DynamoDBClient>();
const direct = new Map<string, DynamoDBClient>();
const events: RegionRouterEvent[] = [];
const routers: RegionRouter[] = [];
const schema = z.object({ tenant: z.string(), id: z.string(), note: z.string() });
const entityOf = (router: RegionRouter) => {
  const table = new Table({ name, client: clients.get('us-east-1')!, transport: router, partitionKey: 'pk', sortKey: 'sk' });
  return Object.assign(table.entity('Note', { schema, keys: { primary: { pk: ['T', 'tenant'], sk: ['N', 'id'] } }, regionStamp: true }), { routedTable: table });
};
const route = (extra: Partial<Parameters<typeof regionRouter>[0]> = {}) => {
  const router = regionRouter({
    regions: REGIONS.map((region) => ({ region, client: clients.get(region)! })),
    homeRegionOf: ({ attributes }) => (attributes.pk?.S?.startsWith('T#eu-') ? 'eu-west-1' : undefined),
    health: { intervalMs: 0, healthyAfter: 1, minDownMs: 0 },
    readYourWrites: { windowMs: 60_000, keyAttributes: ['pk', 'sk'] },
    onEvent: (e) => events.push(e),
    ...extra,
  });
  routers.push(router);
  return router;
};
let Note: ReturnType<typeof entityOf>;
let Loose: ReturnType<typeof entityOf>;

beforeAll(async () => {
  for (const region of REGIONS) {
    const proxy = await startFaultProxy({ target: inject('dynamoEndpoint'), maxFaults: 10_000 });
    proxies.set(region, proxy);
    const credentials = { accessKeyId: key, secretAccessKey: 'local' };
    clients.set(region, new DynamoDBClient({ endpoint: proxy.endpoint, region, credentials, maxAttempts: 2 }));
    direct.set(region, new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region, credentials }));
    await new Table({ name, client: direct.get(region)!, partitionKey: 'pk', sortKey: 'sk' }).create();
  }
  Note = entityOf(route());
  // Conditional writes not pinned: entity updates (always guarded) fail over too.
  Loose = entityOf(route({ pin: { conditionalWrites: false } }));
});
afterAll(async () => {
  for (const r of routers) r.close();
  for (const c of [...clients.values(), ...direct.values()]) c.destroy();
  for (const p of proxies.values()) await p.stop();
});

const stampIn = async (region: string, tenant: string, id: string) =>
  (await direct.get(region)!.send(new GetItemCommand({ TableName: name, Key: { pk: { S: `T#${tenant}` }, sk: { S: `N#${id}` } }, ConsistentRead: true }))).Item?._rg?.S;
const outage = async (region: string, down: boolean) => {
  proxies.get(region)!.setRates(down ? { unavailable: 1 } : {});
  if (!down) for (const r of routers) await r.checkHealth();
};

describe('Region stamps through regionRouter', () => {
  it('stamp the home Region, and a pinned request the item’s own home Region (not the router’s)', async () => {
    await Note.put({ tenant: 'acme', id: '1', note: 'home' });
    expect(await stampIn('us-east-1', 'acme', '1')).toBe('us-east-1');
    // eu- tenants live in eu-west-1: the create (conditional) and the transaction are pinned there.
    await Note.create({ tenant: 'eu-shop', id: '1', note: 'eu' });
    await Note.routedTable.transactWrite([Note.updateOp({ tenant: 'eu-shop', id: '1' }, { set: { note: 'eu, tx' } })]);
    expect(await stampIn('eu-west-1', 'eu-shop', '1')).toBe('eu-west-1');
    expect(await stampIn('us-east-1', 'eu-shop', '1')).toBeUndefined();
    const read = await Note.get({ tenant: 'eu-shop', id: '1' }, { consistent: true });
    expect(lastWriter(read)).toMatchObject({ region: 'eu-west-1' });
  });

  it('a write that fails over carries the Region it landed in: puts, batch writes and (unpinned) updates', async () => {
    events.length = 0;
    await outage('us-east-1', true);
    try {
      await Note.put({ tenant: 'acme', id: '2', note: 'during the outage' });
      expect(events.filter((e) => e.type === 'failover')).toHaveLength(1);
      expect(await stampIn('eu-west-1', 'acme', '2')).toBe('eu-west-1');
      await Note.routedTable.batchWrite([Note.putOp({ tenant: 'acme', id: '3', note: 'batch' })]);
      expect(await stampIn('eu-west-1', 'acme', '3')).toBe('eu-west-1');
      await Loose.update({ tenant: 'acme', id: '2' }, { set: { note: 'updated during the outage' } });
      expect(await stampIn('eu-west-1', 'acme', '2')).toBe('eu-west-1');
      const read = await Note.get({ tenant: 'acme', id: '2' });
      expect(read).toMatchObject({ note: 'updated during the outage' });
      expect(lastWriter(read)).toMatchObject({ region: 'eu-west-1' });
    } finally {
      await outage('us-east-1', false);
    }
    expect(routers.map((r) => r.activeRegion())).toEqual(['us-east-1', 'us-east-1']);
    // Back home: the same update is stamped us-east-1 again (where acme#1 lives).
    await Note.update({ tenant: 'acme', id: '1' }, { set: { note: 'home again' } });
    expect(await stampIn('us-east-1', 'acme', '1')).toBe('us-east-1');
  });

  it('read-your-writes: a strong read pinned at home after a write that failed over says it may be stale', async () => {
    await outage('us-east-1', true);
    await Note.put({ tenant: 'acme', id: 'ryw', note: 'written in eu' });
    await outage('us-east-1', false);
    events.length = 0;
    // Pinned to the home Region, which never received the write (no replication in this file).
    expect(await Note.get({ tenant: 'acme', id: 'ryw' }, { consistent: true })).toBeUndefined();
    expect(events.filter((e) => e.type === 'stale-read')).toEqual([
      { type: 'stale-read', operation: 'GetItem', table: name, key: { pk: { S: 'T#acme' }, sk: { S: 'N#ryw' } }, wroteIn: 'eu-west-1', readFrom: 'us-east-1' },
    ]);
  });
});
