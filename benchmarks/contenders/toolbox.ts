import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ITEM } from '../lib/fixture.js';
import { peer } from '../lib/peer.js';
import { libDynamodb, makeClient } from '../lib/sdk.js';
import { KEY, TABLE, type Contender } from './contender.js';

async function define(client: DynamoDBClient) {
  const tb = await peer('dynamodb-toolbox');
  const { item, string, number, boolean, map, list, set } = tb;
  const table = new tb.Table({
    name: TABLE,
    partitionKey: { name: 'pk', type: 'string' },
    sortKey: { name: 'sk', type: 'string' },
    documentClient: libDynamodb.DynamoDBDocumentClient.from(client),
  });
  const entity = new tb.Entity({
    name: 'User',
    table,
    schema: item({
      orgId: string().key(),
      userId: string().key(),
      name: string(),
      email: string(),
      age: number(),
      score: number(),
      active: boolean(),
      status: string().enum('active', 'suspended'),
      plan: string(),
      bio: string(),
      loginCount: number(),
      createdAt: string(),
      updatedAt: string(),
      address: map({ street: string(), city: string(), zip: string(), country: string() }),
      orders: list(map({ id: string(), total: number(), qty: number(), sku: string() })),
      tags: set(string()),
    }),
    computeKey: ({ orgId, userId }: { orgId: string; userId: string }) => ({ pk: `TB#${orgId}`, sk: `USER#${userId}` }),
  });
  return { tb, entity };
}

export const toolbox: Contender = {
  name: 'dynamodb-toolbox',
  sdk: true,
  fixture: 'toolbox',
  async seed(client) {
    const { tb, entity } = await define(client);
    await entity.build(tb.PutItemCommand).item(ITEM).send();
    return { pk: { S: `TB#${KEY.orgId}` }, sk: { S: `USER#${KEY.userId}` } };
  },
  async make(env) {
    const { tb, entity } = await define(makeClient(env.target));
    const { GetItemCommand } = tb;
    return async () => (await entity.build(GetItemCommand).key(KEY).send()).Item;
  },
};

export { define as defineToolboxUser };
