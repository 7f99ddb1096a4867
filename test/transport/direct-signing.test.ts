import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { directTransport } from '../../src/index.js';
import { CapturingRequestHandler } from '../doubles/capturing-request-handler.double.js';
import { NodeSha256, startVerifyingServer, type VerifyingServer } from '../doubles/sigv4-verifying-server.double.js';

const FIXED = new Date('2026-03-04T05:06:07.000Z');
const input = { TableName: 'signing_table', Key: { pk: { S: 'a' }, sk: { S: 'b' } } };

async function sdkSignerAuthorization(
  request: CapturingRequestHandler['requests'][number],
  creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  region: string,
) {
  const { authorization, ...headers } = request.headers;
  const signer = new SignatureV4({ credentials: creds, region, service: 'dynamodb', sha256: NodeSha256 as never });
  const signed = (await signer.sign({ method: 'POST', protocol: request.protocol, hostname: request.hostname, path: request.path, query: {}, headers, body: request.body } as never, {
    signingDate: FIXED,
  })) as unknown as { headers: Record<string, string> };
  return { expected: signed.headers.authorization, actual: authorization };
}

describe('direct transport SigV4', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const cases = [
    { name: 'static credentials', creds: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }, region: 'eu-central-1', endpoint: undefined },
    {
      name: 'session token and custom endpoint with a path',
      creds: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret/with+chars', sessionToken: 'IQoJb3JpZ2luX2VjE+/=token' },
      region: 'us-west-2',
      endpoint: 'https://proxy.example.com:8443/ddb proxy/v1',
    },
  ];
  for (const c of cases) {
    it(`equals @smithy/signature-v4 for a fixed clock (${c.name})`, async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(FIXED);
      const handler = new CapturingRequestHandler();
      const client = new DynamoDBClient({ region: c.region, credentials: c.creds, requestHandler: handler, ...(c.endpoint ? { endpoint: c.endpoint } : {}) });
      await directTransport(client).send('GetItem', input);
      const request = handler.requests[0]!;
      expect(request.headers['x-amz-date']).toBe('20260304T050607Z');
      const { expected, actual } = await sdkSignerAuthorization(request, c.creds, c.region);
      expect(actual).toBe(expected);
      expect(actual).toContain(`/20260304/${c.region}/dynamodb/aws4_request`);
      client.destroy();
    });
  }

  it('signs the same header set as the SDK (plus the tablewright user agent)', async () => {
    const handler = new CapturingRequestHandler();
    const client = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'A', secretAccessKey: 'S', sessionToken: 'T' }, requestHandler: handler });
    await client.send(new GetItemCommand(input));
    await directTransport(client).send('GetItem', input);
    const [viaSdk, viaDirect] = handler.requests;
    const signed = (h: Record<string, string>) => /SignedHeaders=([^,]+)/.exec(h.authorization!)?.[1];
    expect(signed(viaDirect!.headers)).toBe(signed(viaSdk!.headers));
    expect(Object.keys(viaDirect!.headers).sort()).toEqual(Object.keys(viaSdk!.headers).sort());
    expect(viaDirect!.headers['user-agent']).toMatch(/ lib\/tablewright#\d+\.\d+\.\d+/);
    expect(viaDirect!.headers['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
    expect(viaDirect!.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(JSON.parse(viaDirect!.body)).toEqual(JSON.parse(viaSdk!.body));
    client.destroy();
  });
});

describe('against a server that verifies SigV4', () => {
  let server: VerifyingServer;
  const creds = { accessKeyId: 'AKIDVERIFY', secretAccessKey: 'the-real-secret' };
  beforeAll(async () => {
    server = await startVerifyingServer({ secrets: { [creds.accessKeyId]: creds.secretAccessKey }, item: { pk: { S: 'a' } } });
  });
  afterAll(() => server.close());

  it('accepts correctly signed direct requests and rejects a tampered one like the SDK path', async () => {
    const client = new DynamoDBClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: creds, maxAttempts: 1 });
    expect((await directTransport(client).send('GetItem', input)).Item).toEqual({ pk: { S: 'a' } });
    expect(server.log.at(-1)).toEqual({ target: 'DynamoDB_20120810.GetItem', verified: true });

    // A handler that alters the body after signing (what a man in the middle would do).
    const inner = client.config.requestHandler as unknown as { handle: (r: any, o: any) => Promise<any> };
    const text = (b: unknown) => (b instanceof Uint8Array ? Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8') : String(b));
    const tampering = { handle: (r: any, o: any) => inner.handle({ ...r, body: text(r.body).replace('"a"', '"z"') }, o) };
    const tampered = new DynamoDBClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: creds, maxAttempts: 1, requestHandler: tampering as never });
    const viaDirect = await directTransport(tampered).send('GetItem', input).catch((e) => e);
    const viaSdk = await tampered.send(new GetItemCommand(input)).catch((e) => e);
    expect(viaDirect.name).toBe('InvalidSignatureException');
    expect(viaDirect.message).toMatch(/does not match/);
    expect({ name: viaDirect.name, message: viaDirect.message, fault: viaDirect.$fault, status: viaDirect.$metadata.httpStatusCode }).toEqual({
      name: viaSdk.name,
      message: viaSdk.message,
      fault: viaSdk.$fault,
      status: viaSdk.$metadata.httpStatusCode,
    });
    expect(server.log.slice(-2).map((l) => l.verified)).toEqual([false, false]);

    const wrongSecret = new DynamoDBClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: { ...creds, secretAccessKey: 'guess' }, maxAttempts: 1 });
    await expect(directTransport(wrongSecret).send('GetItem', input)).rejects.toMatchObject({ name: 'InvalidSignatureException' });
    for (const c of [client, tampered, wrongSecret]) c.destroy();
  });

  it('corrects a skewed clock from the Date header and retries, as the SDK does', async () => {
    const skewed = await startVerifyingServer({ secrets: { [creds.accessKeyId]: creds.secretAccessKey }, clockOffsetMs: 3_600_000, item: { pk: { S: 'a' } } });
    try {
      const results = [];
      for (const path of ['sdk', 'direct'] as const) {
        const client = new DynamoDBClient({ region: 'us-east-1', endpoint: skewed.endpoint, credentials: creds });
        const output = path === 'sdk' ? await client.send(new GetItemCommand(input)) : await directTransport(client).send('GetItem', input);
        results.push({ attempts: output.$metadata.attempts, item: output.Item, offsetHours: Math.round((client.config.systemClockOffset ?? 0) / 3_600_000) });
        client.destroy();
      }
      expect(results[1]).toEqual(results[0]);
      expect(results[1]).toEqual({ attempts: 2, item: { pk: { S: 'a' } }, offsetHours: 1 });
      expect(skewed.log.map((l) => l.verified)).toEqual([false, true, false, true]);
      expect(skewed.log[2]!.reason).toMatch(/^Signature expired/);
    } finally {
      await skewed.close();
    }
  });
});
