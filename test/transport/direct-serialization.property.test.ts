import { DynamoDBClient, PutItemCommand, GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { directTransport } from '../../src/index.js';
import { CapturingRequestHandler } from '../doubles/capturing-request-handler.double.js';

const name = fc.string({ minLength: 1, maxLength: 6 });
const attributeValue: fc.Arbitrary<AttributeValue> = fc.letrec<{ av: AttributeValue }>((tie) => ({
  av: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string().map((S) => ({ S })),
    fc.oneof(fc.integer().map(String), fc.double({ noNaN: true, noDefaultInfinity: true }).map(String)).map((N) => ({ N })),
    fc.uint8Array({ maxLength: 8 }).map((B) => ({ B })),
    fc.array(fc.uint8Array({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }).map((BS) => ({ BS })),
    fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 3 }).map((SS) => ({ SS })),
    fc.uniqueArray(fc.integer().map(String), { minLength: 1, maxLength: 3 }).map((NS) => ({ NS })),
    fc.boolean().map((BOOL) => ({ BOOL })),
    fc.constant({ NULL: true }),
    fc.array(tie('av'), { maxLength: 3 }).map((L) => ({ L })),
    fc.dictionary(name, tie('av'), { maxKeys: 3 }).map((M) => ({ M })),
  ) as fc.Arbitrary<AttributeValue>,
})).av;
const item = fc.dictionary(name, attributeValue, { minKeys: 1, maxKeys: 5 });

const bodyText = (body: string) => JSON.parse(body) as unknown;

describe('wire format (property)', () => {
  it('request bodies equal the SDK serializer’s for arbitrary items, binaries included', async () => {
    const handler = new CapturingRequestHandler();
    const client = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, requestHandler: handler });
    const direct = directTransport(client);
    await fc.assert(
      fc.asyncProperty(item, async (Item) => {
        handler.requests.length = 0;
        await client.send(new PutItemCommand({ TableName: 'tbl', Item }));
        await direct.send('PutItem', { TableName: 'tbl', Item });
        const [viaSdk, viaDirect] = handler.requests;
        expect(bodyText(viaDirect!.body)).toEqual(bodyText(viaSdk!.body));
      }),
      { numRuns: 60 },
    );
    client.destroy();
  });

  it('parsed responses equal the SDK deserializer’s for arbitrary items', async () => {
    await fc.assert(
      fc.asyncProperty(item, async (Item) => {
        // The wire JSON of the item, produced by the SDK's own serializer.
        const capture = new CapturingRequestHandler();
        const writer = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, requestHandler: capture });
        await writer.send(new PutItemCommand({ TableName: 'tbl', Item }));
        writer.destroy();
        const wireItem = (JSON.parse(capture.requests[0]!.body) as { Item: unknown }).Item;
        const response = JSON.stringify({ Item: wireItem });
        const client = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, requestHandler: new CapturingRequestHandler(response) });
        const viaSdk = await client.send(new GetItemCommand({ TableName: 'tbl', Key: { k: { S: 'k' } } }));
        const viaDirect = await directTransport(client).send('GetItem', { TableName: 'tbl', Key: { k: { S: 'k' } } });
        expect(viaDirect.Item).toEqual(viaSdk.Item);
        expect(viaDirect.Item).toEqual(Item);
        client.destroy();
      }),
      { numRuns: 60 },
    );
  });
});
