import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The AWS SDK as tablewright sees it: loaded from the repository root's
 * node_modules (the copy `src/` imports), never from benchmarks/node_modules,
 * so raw rows and tablewright run the very same module instances.
 */
const rootRequire = createRequire(fileURLToPath(new URL('../../package.json', import.meta.url)));

export const clientDynamodb = rootRequire('@aws-sdk/client-dynamodb') as typeof import('@aws-sdk/client-dynamodb');
export const libDynamodb = rootRequire('@aws-sdk/lib-dynamodb') as typeof import('@aws-sdk/lib-dynamodb');
export const utilDynamodb = rootRequire('@aws-sdk/util-dynamodb') as typeof import('@aws-sdk/util-dynamodb');

/** Where an SDK-based row sends its requests. */
export type Target = { kind: 'stub'; body: string } | { kind: 'http'; endpoint: string };

/** Same default configuration for every SDK-based row; only the endpoint or handler differs. */
export function clientConfig(target: Target): import('@aws-sdk/client-dynamodb').DynamoDBClientConfig {
  const base = {
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  };
  if (target.kind === 'stub') return { ...base, endpoint: 'http://127.0.0.1:1', requestHandler: stubHandler(target.body) };
  return { ...base, endpoint: target.endpoint };
}

export function makeClient(target: Target): import('@aws-sdk/client-dynamodb').DynamoDBClient {
  return new clientDynamodb.DynamoDBClient(clientConfig(target));
}

/**
 * In-process request handler answering every request with a captured
 * GetItem/Query/BatchGetItem response body: the SDK still serialises,
 * signs and deserialises; only sockets are skipped.
 */
export function stubHandler(body: string) {
  const bytes = new Uint8Array(Buffer.from(body, 'utf8'));
  const length = String(bytes.byteLength);
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    handle(_request: unknown) {
      return Promise.resolve({
        response: {
          statusCode: 200,
          reason: 'OK',
          headers: { 'content-type': 'application/x-amz-json-1.0', 'content-length': length, 'x-amzn-requestid': 'bench' },
          body: bytes,
        },
      });
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
}
