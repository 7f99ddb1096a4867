import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { preparePut } from '../../src/actions/put/put-request.js';
import { prepareUpdate } from '../../src/actions/update/update-request.js';
import { stampRegion } from '../../src/transport/region-router/region-stamp-rewrite.js';
import { Table } from '../../src/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

/*
 * The router rewrites a write's Region stamp per attempt. Whatever else the
 * request holds — user values equal to a Region name, attributes named like
 * the stamp, nested paths — only the stamp may change. The oracle for
 * updates is DynamoDB Local itself: the rewritten request is sent and the
 * stored item read back.
 */
const client = localClient();
const table = (await createTestTable(client, { region: 'us-east-1' })) as Table<'gsi1'>;
const schema = z.object({
  id: z.string(),
  a: z.string().optional(),
  _rg2: z.string().optional(),
  rg: z.string().optional(),
  nested: z.object({ _rg: z.string() }).optional(),
});
const Doc = table.entity('Doc', { schema, keys: { primary: { pk: ['D', 'id'], sk: ['X'] } }, regionStamp: true });
const REGION_NAMES = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const value = fc.oneof(fc.constantFrom(...REGION_NAMES), fc.string({ minLength: 1, maxLength: 8 }));
const fields = fc.record(
  { a: value, _rg2: value, rg: value, nested: fc.record({ _rg: value }) },
  { requiredKeys: [] },
);

describe('stampRegion (the per-attempt Region stamp rewrite)', () => {
  it('puts: only the stamp changes, to the attempt’s Region', () => {
    fc.assert(
      fc.property(fields, fc.constantFrom(...REGION_NAMES), (f, region) => {
        const { input } = preparePut(Doc.model, { id: 'p', ...f }, undefined);
        const out = stampRegion('PutItem', input, '_rg', region);
        expect(out.Item).toEqual({ ...input.Item, _rg: { S: region } });
        expect(input.Item!._rg).toEqual({ S: 'us-east-1' }); // the original request is not changed
        if (region === 'us-east-1') expect(out).toBe(input);
      }),
    );
  });

  it('updates: DynamoDB stores the attempt’s Region as the stamp and every user value as given', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fields, fc.constantFrom(...REGION_NAMES), async (f, region) => {
        const id = `u${n++}`;
        const { input } = prepareUpdate(Doc.model, { id }, { set: { a: 'x', ...f } }, { upsert: true });
        const out = stampRegion('UpdateItem', input, '_rg', region);
        expect(out.UpdateExpression).toBe(input.UpdateExpression);
        await client.send(new UpdateItemCommand(out));
        const stored = (await client.send(new GetItemCommand({ TableName: table.name, Key: input.Key, ConsistentRead: true }))).Item!;
        expect(stored._rg).toEqual({ S: region });
        const read = await Doc.get({ id }, { consistent: true });
        expect(read).toEqual({ id, a: 'x', ...f });
      }),
      { numRuns: 25 },
    );
  });

  it('batches and transactions: each put and update is restamped, nothing else is touched', () => {
    const put = preparePut(Doc.model, { id: 'b', a: 'us-east-1' }, undefined).input;
    const update = prepareUpdate(Doc.model, { id: 'c' }, { set: { rg: 'us-east-1' } }).input;
    const batch = stampRegion('BatchWriteItem', { RequestItems: { [table.name]: [{ PutRequest: { Item: put.Item! } }, { DeleteRequest: { Key: update.Key! } }] } }, '_rg', 'eu-west-1');
    expect(batch.RequestItems![table.name]![0]!.PutRequest!.Item).toEqual({ ...put.Item, _rg: { S: 'eu-west-1' } });
    expect(batch.RequestItems![table.name]![1]).toEqual({ DeleteRequest: { Key: update.Key } });
    const tx = stampRegion('TransactWriteItems', { TransactItems: [{ Put: put as never }, { Update: update as never }] }, '_rg', 'eu-west-1');
    expect(tx.TransactItems![0]!.Put!.Item!._rg).toEqual({ S: 'eu-west-1' });
    expect(tx.TransactItems![0]!.Put!.Item!.a).toEqual({ S: 'us-east-1' });
    const values = tx.TransactItems![1]!.Update!.ExpressionAttributeValues!;
    expect(Object.values(values).filter((v) => v.S === 'eu-west-1')).toHaveLength(1);
    expect(Object.values(values).filter((v) => v.S === 'us-east-1')).toHaveLength(1); // the user's `rg`
    // No stamp in the request (an entity without regionStamp): the same object back.
    const plain = { TableName: 't', Item: { pk: { S: 'x' }, rg: { S: 'us-east-1' } } };
    expect(stampRegion('PutItem', plain, '_rg', 'eu-west-1')).toBe(plain);
  });
});
