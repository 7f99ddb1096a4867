import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { directTransport } from '../../src/index.js';
import { CapturingRequestHandler, type CannedResponse } from '../doubles/capturing-request-handler.double.js';

const input = { TableName: 'tbl', Key: { pk: { S: 'a' } } };
const json = (statusCode: number, body: object, headers?: Record<string, string>): CannedResponse => ({ statusCode, body: JSON.stringify(body), ...(headers ? { headers } : {}) });

/** Error responses in the shapes DynamoDB and the things in front of it send. */
const cases: Array<[string, CannedResponse]> = [
  ['modeled error with members', json(400, { __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'The conditional request failed', Item: { pk: { S: 'a' }, b: { B: 'AQI=' } } })],
  ['unmodeled error', json(400, { __type: 'com.amazon.coral.validate#ValidationException', message: 'One or more parameter values were invalid' })],
  ['capitalised Message', json(400, { __type: 'com.amazon.coral.service#UnrecognizedClientException', Message: 'The security token included in the request is invalid.' })],
  ['throttling with reasons', json(400, { __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'Rate exceeded', ThrottlingReasons: [{ reason: 'TableReadProvisionedThroughputExceeded', resource: 'arn:aws:dynamodb:us-east-1:1:table/tbl' }] })],
  ['server error', json(500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' })],
  ['code only in the x-amzn-errortype header', json(400, { message: 'x' }, { 'x-amzn-errortype': 'FooException:http://internal.amazon.com/' })],
  ['empty 500 body', { statusCode: 500, body: '' }],
  ['HTML 503 from a load balancer', { statusCode: 503, headers: { 'content-type': 'text/html' }, body: '<html>Service Unavailable</html>' }],
];

describe('error responses are parsed into the SDK’s errors', () => {
  for (const [name, response] of cases) {
    it(name, async () => {
      const handler = new CapturingRequestHandler(response);
      const client = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, requestHandler: handler, maxAttempts: 1 });
      const viaSdk = await client.send(new GetItemCommand(input)).catch((e) => e);
      const viaDirect = await directTransport(client).send('GetItem', input).catch((e) => e);
      expect(viaDirect).toBeInstanceOf(Error);
      expect(viaDirect.constructor).toBe(viaSdk.constructor);
      expect(viaDirect.name).toBe(viaSdk.name);
      expect(viaDirect.message).toBe(viaSdk.message);
      expect({ ...viaDirect }).toEqual({ ...viaSdk });
      expect(viaDirect.$response?.statusCode).toBe(response.statusCode);
      client.destroy();
    });
  }

  it('decodes binary members of error items to Uint8Array', async () => {
    const client = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, requestHandler: new CapturingRequestHandler(cases[0]![1]), maxAttempts: 1 });
    const error = await directTransport(client).send('GetItem', input).catch((e) => e);
    expect(error.Item.b.B).toEqual(new Uint8Array([1, 2]));
    client.destroy();
  });
});
