import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { daxRouter, daxTransport } from '../../src/dax.js';
import { observeRequests, regionRouter, Table, type RequestEvent, type Transport } from '../../src/index.js';
import { startFaultProxy, type FaultProxy } from '../../src/testing/index.js';
import { DaxClusterDouble } from '../doubles/dax.double.js';
import { createTestTable, localClient, tableName as uniqueName } from '../helpers/local.js';

const schema = z.object({ id: z.string(), note: z.string() });
const keys = { primary: { pk: ['N', 'id'], sk: ['V'] } } as const;

function observed(name: string, client: DynamoDBClient, transport: Transport) {
  const table = new Table({ name, client, transport, partitionKey: 'pk', sortKey: 'sk' });
  const Note = table.entity('Note', { schema, keys });
  const events: RequestEvent[] = [];
  observeRequests(table, (e) => events.push(e));
  return { Note, events };
}

describe('request events say which path served a call', () => {
  const ddb = localClient({ accessKeyId: `dx${Date.now()}` });
  let name: string;
  beforeAll(async () => {
    name = (await createTestTable(ddb)).name;
  });

  it('a DAX router: cached reads report dax, consistent reads dynamodb (TEST DOUBLE cluster)', async () => {
    const dax = new DaxClusterDouble(ddb).client();
    const { Note, events } = observed(name, ddb, daxRouter({ dax, client: ddb }));
    await Note.put({ id: 'd1', note: 'x' });
    await Note.get({ id: 'd1' });
    await Note.get({ id: 'd1' }, { consistent: true });
    expect(events.map((e) => `${e.operation}:${e.path}`)).toEqual(['PutItem:dax', 'GetItem:dax', 'GetItem:dynamodb']);
  });

  it('a plain DAX transport reports dax', async () => {
    const dax = new DaxClusterDouble(ddb).client();
    const { Note, events } = observed(name, ddb, daxTransport(dax));
    await Note.get({ id: 'd1' });
    expect(events[0]).toMatchObject({ operation: 'GetItem', path: 'dax', ok: true });
  });
});

describe('request events name the Region a Region router used', () => {
  const REGIONS = ['us-east-1', 'eu-west-1'] as const;
  const key = `rg${randomUUID().replaceAll('-', '')}`;
  const name = uniqueName('paths');
  const clients: DynamoDBClient[] = [];
  let proxy: FaultProxy;
  const client = (region: string, endpoint: string) => {
    const c = new DynamoDBClient({ endpoint, region, credentials: { accessKeyId: key, secretAccessKey: 'local' }, maxAttempts: 2 });
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    proxy = await startFaultProxy({ target: inject('dynamoEndpoint') });
    for (const region of REGIONS) await new Table({ name, client: client(region, inject('dynamoEndpoint')), partitionKey: 'pk', sortKey: 'sk' }).create();
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await proxy.stop();
  });

  it('the home Region, then the next one on failover (attempts of the last Region tried)', async () => {
    const router = regionRouter({
      regions: [
        { region: 'us-east-1', client: client('us-east-1', proxy.endpoint) },
        { region: 'eu-west-1', client: client('eu-west-1', inject('dynamoEndpoint')) },
      ],
      health: { intervalMs: 0 },
    });
    const { Note, events } = observed(name, clients[0]!, router);
    await Note.put({ id: 'r1', note: 'home' });
    proxy.setRates({ unavailable: 1 });
    await Note.put({ id: 'r2', note: 'away' });
    proxy.setRates({});
    router.close();
    expect(events.map((e) => [e.operation, e.region, e.path, e.ok])).toEqual([
      ['PutItem', 'us-east-1', 'dynamodb', true],
      ['PutItem', 'eu-west-1', 'dynamodb', true],
    ]);
  });
});
