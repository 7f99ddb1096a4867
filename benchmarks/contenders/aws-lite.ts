import { peer } from '../lib/peer.js';
import { KEY, TABLE, type Contender } from './contender.js';

/** `@aws-lite/client` + `@aws-lite/dynamodb`: not SDK-based (own signer and HTTP), so no stub mode. */
export const awsLite: Contender = {
  name: 'aws-lite',
  sdk: false,
  fixture: 'raw',
  async make(env) {
    if (!env.endpoint) throw new Error('aws-lite needs an HTTP endpoint');
    const awsLite = (await peer('@aws-lite/client')).default;
    const aws = await awsLite({
      region: 'us-east-1',
      accessKeyId: 'bench',
      secretAccessKey: 'bench',
      endpoint: env.endpoint,
      plugins: [peer('@aws-lite/dynamodb')],
      autoloadPlugins: false,
      keepAlive: true,
    });
    return async () =>
      (await aws.DynamoDB.GetItem({ TableName: TABLE, Key: { pk: `RAW#${KEY.orgId}`, sk: `USER#${KEY.userId}` } })).Item;
  },
};
