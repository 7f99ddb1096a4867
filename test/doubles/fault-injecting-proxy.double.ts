import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * TEST DOUBLE — a loopback HTTP proxy in front of DynamoDB Local that
 * injects, on a schedule, the failures Local never produces: throttling
 * (HTTP 400 with the documented `__type`s), `InternalServerError` (500),
 * `ServiceUnavailable` (503) and connection resets. Bodies follow the AWS
 * JSON error format (`__type`, `message`). Requests without a scheduled
 * fault are forwarded to Local unchanged.
 */
/** `hang` never answers (until the client gives up or the proxy closes). */
export type Fault = 'pass' | 'provisioned-throughput' | 'throttling' | 'internal-error' | 'unavailable' | 'reset' | 'hang';

const ERRORS: Record<Exclude<Fault, 'pass' | 'reset' | 'hang'>, { status: number; body: object }> = {
  'provisioned-throughput': {
    status: 400,
    body: {
      __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
      message: 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
    },
  },
  throttling: { status: 400, body: { __type: 'com.amazon.coral.availability#ThrottlingException', message: 'Rate of requests exceeds the allowed throughput.' } },
  'internal-error': { status: 500, body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' } },
  unavailable: { status: 503, body: { __type: 'com.amazon.coral.availability#ServiceUnavailableException', message: 'Service Unavailable' } },
};

export interface ProxyRecord {
  readonly fault: Fault;
  readonly target: string | undefined;
  readonly attemptHeader: string | undefined;
  readonly sessionToken: string | undefined;
}

export interface FaultInjectingProxy {
  readonly endpoint: string;
  /** Faults for the next requests, consumed in order; afterwards requests pass. */
  schedule(faults: readonly Fault[]): void;
  /** Requests seen since the last `schedule` (or start). */
  readonly records: ProxyRecord[];
  /** Resolves when the next request arrives (after it is recorded). */
  nextRequest(): Promise<ProxyRecord>;
  close(): Promise<void>;
}

export async function startFaultInjectingProxy(target: string): Promise<FaultInjectingProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  let queue: Fault[] = [];
  const records: ProxyRecord[] = [];
  let waiters: Array<(r: ProxyRecord) => void> = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const fault = queue.shift() ?? 'pass';
      records.push({
        fault,
        target: req.headers['x-amz-target'] as string | undefined,
        attemptHeader: req.headers['amz-sdk-request'] as string | undefined,
        sessionToken: req.headers['x-amz-security-token'] as string | undefined,
      });
      const record = records.at(-1)!;
      const current = waiters;
      waiters = [];
      for (const w of current) w(record);
      if (fault === 'hang') return;
      if (fault === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault !== 'pass') {
        const { status, body } = ERRORS[fault];
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `injected-${records.length}` });
        res.end(JSON.stringify(body));
        return;
      }
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
        },
      );
      forward.on('error', () => req.socket.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    schedule(faults) {
      queue = [...faults];
      records.length = 0;
    },
    records,
    nextRequest: () => new Promise((resolve) => waiters.push(resolve)),
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
