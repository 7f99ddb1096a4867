import { ITEM } from '../lib/fixture.js';
import { peer } from '../lib/peer.js';
import { clientConfig, clientDynamodb, type Target } from '../lib/sdk.js';
import { KEY, TABLE, type Contender } from './contender.js';

let models = 0;

/** Dynamoose wants the aggregated `DynamoDB` class: the root SDK's, with the same config as every row. */
async function define(target: Target) {
  const dynamoose = (await peer('dynamoose')).default;
  const instance = new dynamoose.Instance();
  instance.aws.ddb.set(new clientDynamodb.DynamoDB(clientConfig(target)));
  const schema = new dynamoose.Schema(
    {
      pk: { type: String, hashKey: true },
      sk: { type: String, rangeKey: true },
      orgId: String,
      userId: String,
      name: String,
      email: String,
      age: Number,
      score: Number,
      active: Boolean,
      status: { type: String, enum: ['active', 'suspended'] },
      plan: String,
      bio: String,
      loginCount: Number,
      createdAt: String,
      updatedAt: String,
      address: { type: Object, schema: { street: String, city: String, zip: String, country: String } },
      orders: { type: Array, schema: [{ type: Object, schema: { id: String, total: Number, qty: Number, sku: String } }] },
      tags: { type: Set, schema: [String] },
    },
    { saveUnknown: false },
  );
  // Model names are global in dynamoose: one per mode.
  const Model = dynamoose.model(`BenchUser${++models}`, schema);
  new instance.Table(TABLE, [Model], { create: false, waitForActive: false, update: false });
  return Model;
}

const key = () => ({ pk: `DYN#${KEY.orgId}`, sk: `USER#${KEY.userId}` });

export const dynamoose: Contender = {
  name: 'dynamoose',
  sdk: true,
  fixture: 'dynamoose',
  async seed(client) {
    const Model = await define({ kind: 'http', endpoint: await endpointOf(client) });
    await Model.create({ ...ITEM, ...key() }, { overwrite: true });
    return { pk: { S: key().pk }, sk: { S: key().sk } };
  },
  async make(env) {
    const Model = await define(env.target);
    return () => Model.get(key());
  },
};

async function endpointOf(client: import('@aws-sdk/client-dynamodb').DynamoDBClient): Promise<string> {
  const endpoint = await client.config.endpoint!();
  return `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`;
}
