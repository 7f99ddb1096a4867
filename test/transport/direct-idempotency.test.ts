import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { directTransport, sdkTransport, type Transport } from '../../src/index.js';
import { startLostResponseProxy, type LostResponseProxy } from '../doubles/lost-response-proxy.double.js';
import { createTestTable, localClient } from '../helpers/local.js';

const ACCESS_KEY = `idem${Date.now().toString(36)}`;
let proxy: LostResponseProxy;
let tableName: string;

beforeAll(async () => {
  const table = await createTestTable(localClient({ accessKeyId: ACCESS_KEY }));
  tableName = table.name;
  proxy = await startLostResponseProxy(inject('dynamoEndpoint'));
});
afterAll(() => proxy.stop());

function transportFor(path: 'sdk' | 'direct'): { transport: Transport; client: DynamoDBClient } {
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: proxy.endpoint,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: 'x' },
    maxAttempts: 3,
  });
  return { client, transport: path === 'sdk' ? sdkTransport(client) : directTransport(client) };
}

const key = (id: string) => ({ pk: { S: `counter#${id}` }, sk: { S: 'c' } });

/** A token-less transaction that adds 1 to a counter. */
const increment = (id: string) => ({
  TransactItems: [
    {
      Update: {
        TableName: tableName,
        Key: key(id),
        UpdateExpression: 'ADD #n :one',
        ExpressionAttributeNames: { '#n': 'n' },
        ExpressionAttributeValues: { ':one': { N: '1' } },
      },
    },
  ],
});

describe.each(['sdk', 'direct'] as const)('%s transport: a token-less transaction whose response is lost', (path) => {
  it('is applied exactly once when the transport resends it', async () => {
    const { transport, client } = transportFor(path);
    const calls = 12;
    const seenBefore = proxy.seen.get('TransactWriteItems') ?? 0;
    for (let i = 0; i < calls; i++) {
      // Local applies the transaction, the answer never arrives, the transport resends.
      proxy.dropNext('TransactWriteItems');
      await transport.send('TransactWriteItems', increment(path));
    }
    const resends = (proxy.seen.get('TransactWriteItems') ?? 0) - seenBefore - calls;
    expect(resends).toBe(calls);
    const stored = await transport.send('GetItem', { TableName: tableName, Key: key(path), ConsistentRead: true });
    expect(stored.Item?.n).toEqual({ N: String(calls) });
    client.destroy();
  });

  it('keeps a token the caller gave and does not touch the caller\'s input', async () => {
    const { transport, client } = transportFor(path);
    const input = { ...increment(`${path}-token`), ClientRequestToken: `tok-${path}-${Date.now()}` };
    await transport.send('TransactWriteItems', input);
    // The same token again within 10 minutes is a no-op on the server.
    await transport.send('TransactWriteItems', input);
    const bare = increment(`${path}-bare`);
    await transport.send('TransactWriteItems', bare);
    expect('ClientRequestToken' in bare).toBe(false);
    const stored = await transport.send('GetItem', { TableName: tableName, Key: key(`${path}-token`), ConsistentRead: true });
    expect(stored.Item?.n).toEqual({ N: '1' });
    client.destroy();
  });
});
