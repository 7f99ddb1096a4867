import { DynamoDBClient, GetItemCommand, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, DirectTransportBypassError, directTransport, Table } from '../../src/index.js';
import { CapturingRequestHandler } from '../doubles/capturing-request-handler.double.js';

const creds = { accessKeyId: 'AKID', secretAccessKey: 'secret' };
const input = { TableName: 'orders', Key: { pk: { S: 'a' } } };

describe('middleware detection', () => {
  it('accepts a default client', () => {
    const client = new DynamoDBClient({ region: 'us-east-1', credentials: creds });
    expect(() => directTransport(client)).not.toThrow();
    client.destroy();
  });

  it('refuses a client with user middleware unless the bypass is accepted', () => {
    const client = new DynamoDBClient({ region: 'us-east-1', credentials: creds });
    client.middlewareStack.add((next) => (args) => next(args), { step: 'build', name: 'tracingMiddleware' });
    let error: unknown;
    try {
      directTransport(client);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DirectTransportBypassError);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as DirectTransportBypassError).middleware).toEqual(['tracingMiddleware - build']);
    expect(() => new Table({ name: 'orders', client, partitionKey: 'pk', transport: directTransport(client) })).toThrow(DirectTransportBypassError);
    expect(() => directTransport(client, { allowMiddlewareBypass: true })).not.toThrow();
    client.destroy();
  });

  it('reports anonymous middleware and plugins that add middleware', () => {
    const client = new DynamoDBClient({ region: 'us-east-1', credentials: creds });
    client.middlewareStack.add((next) => (args) => next(args), { step: 'finalizeRequest' });
    client.middlewareStack.use({ applyToStack: (stack) => stack.addRelativeTo((next: any) => (args: any) => next(args), { relation: 'after', toMiddleware: 'retryMiddleware', name: 'metricsPlugin' }) });
    let error: DirectTransportBypassError | undefined;
    try {
      directTransport(client);
    } catch (e) {
      error = e as DirectTransportBypassError;
    }
    expect(error?.middleware).toHaveLength(2);
    expect(error?.middleware.join('\n')).toMatch(/finalizeRequest/);
    expect(error?.middleware.join('\n')).toMatch(/metricsPlugin - after retryMiddleware/);
    client.destroy();
  });
});

describe('endpoint resolution matches the SDK', () => {
  const configs: Array<[string, DynamoDBClientConfig, string]> = [
    ['regional', { region: 'eu-west-3' }, 'dynamodb.eu-west-3.amazonaws.com'],
    ['FIPS', { region: 'us-west-2', useFipsEndpoint: true }, 'dynamodb-fips.us-west-2.amazonaws.com'],
    ['dual-stack', { region: 'ap-southeast-2', useDualstackEndpoint: true }, 'dynamodb.ap-southeast-2.api.aws'],
    ['FIPS + dual-stack', { region: 'us-east-1', useFipsEndpoint: true, useDualstackEndpoint: true }, 'dynamodb-fips.us-east-1.api.aws'],
    ['China partition', { region: 'cn-north-1' }, 'dynamodb.cn-north-1.amazonaws.com.cn'],
    ['custom endpoint', { region: 'us-east-1', endpoint: 'http://localhost:8123' }, 'localhost'],
    ['account-id endpoint', { region: 'us-east-1', accountIdEndpointMode: 'required', credentials: { ...creds, accountId: '123456789012' } }, '123456789012.ddb.us-east-1.amazonaws.com'],
  ];
  for (const [name, config, hostname] of configs) {
    it(name, async () => {
      const handler = new CapturingRequestHandler('{"Item":{"pk":{"S":"a"}}}');
      const client = new DynamoDBClient({ credentials: creds, ...config, requestHandler: handler });
      await client.send(new GetItemCommand(input));
      await directTransport(client).send('GetItem', input);
      const [viaSdk, viaDirect] = handler.requests;
      const where = (r: typeof viaSdk) => ({ protocol: r!.protocol, hostname: r!.hostname, port: r!.port, path: r!.path, host: r!.headers.host, scope: /Credential=[^/]+\/\d{8}\/([^,]+),/.exec(r!.headers.authorization!)?.[1] });
      expect(where(viaDirect)).toEqual(where(viaSdk));
      expect(viaDirect!.hostname).toBe(hostname);
      client.destroy();
    });
  }

  it('fails like the SDK for an impossible combination (FIPS + custom endpoint)', async () => {
    const client = new DynamoDBClient({ region: 'us-east-1', credentials: creds, endpoint: 'http://localhost:8123', useFipsEndpoint: true, requestHandler: new CapturingRequestHandler() });
    const viaSdk = await client.send(new GetItemCommand(input)).catch((e) => e);
    const viaDirect = await directTransport(client).send('GetItem', input).catch((e) => e);
    expect(viaDirect.message).toBe(viaSdk.message);
    expect(viaDirect.message).toMatch(/FIPS and custom endpoint are not supported/);
    client.destroy();
  });
});
