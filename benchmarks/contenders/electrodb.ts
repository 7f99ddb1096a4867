import { ITEM } from '../lib/fixture.js';
import { peer } from '../lib/peer.js';
import { libDynamodb, makeClient } from '../lib/sdk.js';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KEY, TABLE, type Contender } from './contender.js';

const str = { type: 'string', required: true } as const;
const num = { type: 'number', required: true } as const;

async function define(client: DynamoDBClient) {
  const { Entity } = await peer('electrodb');
  return new Entity(
    {
      model: { entity: 'user', version: '1', service: 'bench' },
      attributes: {
        orgId: str,
        userId: str,
        name: str,
        email: str,
        age: num,
        score: num,
        active: { type: 'boolean', required: true },
        status: { type: ['active', 'suspended'] as const, required: true },
        plan: str,
        bio: str,
        loginCount: num,
        createdAt: str,
        updatedAt: str,
        address: { type: 'map', required: true, properties: { street: str, city: str, zip: str, country: str } },
        orders: { type: 'list', required: true, items: { type: 'map', properties: { id: str, total: num, qty: num, sku: str } } },
        tags: { type: 'set', items: 'string', required: true },
      },
      indexes: {
        primary: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: ['userId'] } },
      },
    },
    // The same root-SDK client, wrapped as users do (ElectroDB wants a DocumentClient).
    { client: libDynamodb.DynamoDBDocumentClient.from(client), table: TABLE },
  );
}

export const electrodb: Contender = {
  name: 'electrodb',
  sdk: true,
  fixture: 'electrodb',
  setsAsArrays: true,
  async seed(client) {
    const User = await define(client);
    await User.put({ ...ITEM, tags: [...ITEM.tags] }).go();
    const params = User.get(KEY).params();
    return { pk: { S: params.Key.pk }, sk: { S: params.Key.sk } };
  },
  async make(env) {
    const User = await define(makeClient(env.target));
    return async () => (await User.get(KEY).go()).data;
  },
};

export { define as defineElectroUser };
