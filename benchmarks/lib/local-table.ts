import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TABLE } from '../contenders/contender.js';
import { clientDynamodb } from './sdk.js';

/** The one table all rows share in DynamoDB Local: pk + sk strings. */
export async function createBenchTable(client: DynamoDBClient): Promise<void> {
  await client.send(
    new clientDynamodb.CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
}
