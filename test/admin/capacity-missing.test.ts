import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { predictWriteCapacity } from '../../src/admin.js';
import { createTestTable, localClient } from '../helpers/local.js';

describe('predicted capacity of deleting a missing item', () => {
  it('is one unit inside a transaction too, as DynamoDB Local consumes', async () => {
    const client = localClient();
    const table = await createTestTable(client);
    const Doc = table.entity('Doc', { schema: z.object({ id: z.string() }), keys: { primary: { pk: ['DOC', 'id'], sk: ['V'] } } });
    const output = await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [{ Delete: { TableName: table.name, Key: { pk: { S: 'DOC#missing' }, sk: { S: 'V' } } } }],
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    expect(predictWriteCapacity(Doc, {}, { transactional: true }).total).toBe(output.ConsumedCapacity?.[0]?.CapacityUnits);
    expect(predictWriteCapacity(Doc, {}).total).toBe(1);
  });
});
