import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ITEM } from '../lib/fixture.js';
import { peer } from '../lib/peer.js';
import { makeClient } from '../lib/sdk.js';
import { KEY, TABLE, type Contender } from './contender.js';

const S = { type: String, required: true };
const N = { type: Number, required: true };

async function define(client: DynamoDBClient) {
  const { Table } = await peer('dynamodb-onetable');
  const dynamoMod = await peer('dynamodb-onetable/Dynamo');
  const Dynamo = dynamoMod.Dynamo ?? dynamoMod.default;
  const table = new Table({
    client: new Dynamo({ client }),
    name: TABLE,
    partial: false,
    schema: {
      format: 'onetable:1.1.0',
      version: '0.0.1',
      indexes: { primary: { hash: 'pk', sort: 'sk' } },
      params: { isoDates: true, timestamps: true },
      models: {
        User: {
          pk: { type: String, value: 'OT#${orgId}' },
          sk: { type: String, value: 'USER#${userId}' },
          orgId: S,
          userId: S,
          name: S,
          email: S,
          age: N,
          score: N,
          active: { type: Boolean, required: true },
          status: { type: String, enum: ['active', 'suspended'], required: true },
          plan: S,
          bio: S,
          loginCount: N,
          createdAt: S,
          updatedAt: S,
          address: { type: Object, required: true, schema: { street: S, city: S, zip: S, country: S } },
          orders: { type: Array, required: true, items: { type: Object, schema: { id: S, total: N, qty: N, sku: S } } },
          tags: { type: Set, required: true },
        },
      },
    },
  });
  return table.getModel('User');
}

/** The same model, with its table (batches and transactions go through the table). */
export async function defineOneTableUser(client: DynamoDBClient) {
  const User = await define(client);
  return { User, table: (User as unknown as { table: { batchWrite(b: object): Promise<unknown>; transact(op: 'write', t: object): Promise<unknown> } }).table };
}

export const onetable: Contender = {
  name: 'onetable',
  sdk: true,
  fixture: 'onetable',
  setsAsArrays: true,
  async seed(client) {
    const User = await define(client);
    await User.create(ITEM, { exists: null });
    return { pk: { S: `OT#${KEY.orgId}` }, sk: { S: `USER#${KEY.userId}` } };
  },
  async make(env) {
    const User = await define(makeClient(env.target));
    return () => User.get(KEY);
  },
};
