import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * TEST DOUBLE (a network fault DynamoDB Local cannot produce by itself).
 *
 * A loopback HTTP proxy in front of DynamoDB Local. For the requests chosen
 * with `dropNext`, it forwards the request, lets Local apply it and read the
 * whole response, then destroys the client's connection instead of replying:
 * the write happened but its response is lost, as with a connection reset or
 * timeout in AWS. The SDK sees a transient network error and resends by
 * itself (if its `maxAttempts` allows). Everything else passes through.
 */
export interface LostResponseProxy {
  /** Point the client here instead of at Local. */
  readonly endpoint: string;
  /** Drop the response of the next `count` requests of `operation` (e.g. `'PutItem'`). */
  dropNext(operation: string, count?: number): void;
  /** Requests seen per operation (including resends). */
  readonly seen: Map<string, number>;
  /** Responses dropped so far. */
  dropped: number;
  stop(): Promise<void>;
}

export async function startLostResponseProxy(target: string): Promise<LostResponseProxy> {
  const targetUrl = new URL(target);
  const toDrop = new Map<string, number>();
  const seen = new Map<string, number>();
  const readBody = (stream: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => resolve(Buffer.concat(chunks)));
      stream.on('error', reject);
    });

  const proxy: LostResponseProxy = {
    endpoint: '',
    seen,
    dropped: 0,
    dropNext(operation, count = 1) {
      toDrop.set(operation, (toDrop.get(operation) ?? 0) + count);
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server: Server = createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      seen.set(operation, (seen.get(operation) ?? 0) + 1);
      const upstream = await new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
        const out = httpRequest(
          { hostname: targetUrl.hostname, port: targetUrl.port, path: req.url, method: req.method, headers: req.headers },
          async (r) => resolve({ status: r.statusCode ?? 502, headers: r.headers, body: await readBody(r) }),
        );
        out.on('error', reject);
        out.end(body);
      });
      const remaining = toDrop.get(operation) ?? 0;
      if (remaining > 0) {
        // Local has applied the request; the caller never hears about it.
        toDrop.set(operation, remaining - 1);
        proxy.dropped++;
        req.socket.destroy();
        return;
      }
      res.writeHead(upstream.status, upstream.headers);
      res.end(upstream.body);
    } catch {
      req.socket.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (proxy as { endpoint: string }).endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
