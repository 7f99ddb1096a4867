import { itemSchema, ITEM } from '../lib/fixture.js';
import { clientDynamodb, libDynamodb, makeClient, utilDynamodb } from '../lib/sdk.js';
import { KEY, TABLE, type Contender } from './contender.js';

const { GetItemCommand, PutItemCommand } = clientDynamodb;
const { unmarshall, marshall } = utilDynamodb;

// The key is built per call, as an application would from its inputs.
const rawKey = (orgId: string, userId: string) => ({ pk: { S: `RAW#${orgId}` }, sk: { S: `USER#${userId}` } });

const seedRaw: Contender['seed'] = async (client) => {
  const Key = rawKey(KEY.orgId, KEY.userId);
  await client.send(new PutItemCommand({ TableName: TABLE, Item: { ...marshall(ITEM), ...Key } }));
  return Key;
};

/** `GetItemCommand` + `unmarshall`. */
export const rawClient: Contender = {
  name: 'raw-client',
  sdk: true,
  fixture: 'raw',
  seed: seedRaw,
  async make(env) {
    const client = makeClient(env.target);
    return async () => {
      const out = await client.send(new GetItemCommand({ TableName: TABLE, Key: rawKey(KEY.orgId, KEY.userId) }));
      return out.Item ? unmarshall(out.Item) : undefined;
    };
  },
};

/** The same + zod parse of the bench schema (what tablewright validates with). */
export const rawClientZod: Contender = {
  name: 'raw-client-zod',
  sdk: true,
  fixture: 'raw',
  async make(env) {
    const client = makeClient(env.target);
    const schema = itemSchema;
    return async () => {
      const out = await client.send(new GetItemCommand({ TableName: TABLE, Key: rawKey(KEY.orgId, KEY.userId) }));
      if (!out.Item) return undefined;
      const { pk: _pk, sk: _sk, ...rest } = unmarshall(out.Item);
      return schema.parse(rest);
    };
  },
};

/** `@aws-sdk/lib-dynamodb` `GetCommand`. */
export const documentClient: Contender = {
  name: 'document-client',
  sdk: true,
  fixture: 'raw',
  async make(env) {
    const doc = libDynamodb.DynamoDBDocumentClient.from(makeClient(env.target));
    const { GetCommand } = libDynamodb;
    return async () => {
      const out = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: `RAW#${KEY.orgId}`, sk: `USER#${KEY.userId}` } }));
      return out.Item;
    };
  },
};
