import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Table } from '../../src/index.js';
import type { Transport } from '../../src/transport/transport.js';
import { itemSchema, ITEM } from '../lib/fixture.js';
import { makeClient } from '../lib/sdk.js';
import { KEY, TABLE, type Contender } from './contender.js';

export function defineTablewrightUser(client: DynamoDBClient, transport?: Transport) {
  const table = new Table({ name: TABLE, client, partitionKey: 'pk', sortKey: 'sk', ...(transport ? { transport } : {}) });
  return table.entity('BenchUser', {
    schema: itemSchema,
    keys: { primary: { pk: ['TW', 'orgId'], sk: ['USER', 'userId'] } },
  });
}

/**
 * tablewright's typed, zod-validated `get`. `transport` selects the path:
 * omitted = the default SDK path (`client.send`).
 */
export function tablewrightRow(name: string, transport?: (client: DynamoDBClient) => Transport | Promise<Transport>): Contender {
  return {
    name,
    sdk: true,
    fixture: 'tablewright',
    async seed(client) {
      const User = defineTablewrightUser(client);
      await User.put(ITEM);
      const stored = User.toStored(ITEM);
      return { pk: { S: String(stored.pk) }, sk: { S: String(stored.sk) } };
    },
    async make(env) {
      const client = makeClient(env.target);
      const User = defineTablewrightUser(client, transport ? await transport(client) : undefined);
      return () => User.get(KEY);
    },
  };
}

export const tablewright = tablewrightRow('tablewright');
