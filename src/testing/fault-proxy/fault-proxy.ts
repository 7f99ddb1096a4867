import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationError } from '../../errors.js';
import { errorAnswer, FAULT_KINDS, provisionedThroughputExceeded, transactionConflict, type ErrorAnswer, type FaultKind } from './fault-kinds.js';
import { FaultPlan, type FaultPlanOptions, type FaultRates } from './fault-plan.js';
import { addUnprocessed, splitBatch } from './partial-batch.js';
import { seededRandom } from './seeded-random.js';

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions extends FaultPlanOptions {
  /** The DynamoDB endpoint to forward to: a loopback URL (DynamoDB Local), e.g. `http://127.0.0.1:8000`. */
  readonly target: string;
  /** Seed of every random choice (which fault, which batch items, which delay). Default 1. */
  readonly seed?: number | undefined;
  /** Delay of a `latency` fault in ms: a number, or `[min, max]` drawn uniformly. Default `[50, 200]`. */
  readonly latencyMs?: number | readonly [number, number] | undefined;
  /** Share (0–1) of a batch's items or keys a `partial-batch` fault holds back. Default 0.5. */
  readonly partialBatchShare?: number | undefined;
}

/** What the proxy has seen and done since it started (or since {@link FaultProxy.resetStats}). */
export interface FaultProxyStats {
  /** Requests received. */
  readonly requests: number;
  /** Requests received, per operation (`'PutItem'` …). */
  readonly byOperation: Readonly<Record<string, number>>;
  /** Faults injected, per kind. */
  readonly injected: Readonly<Record<FaultKind, number>>;
  /** Requests DynamoDB Local answered with success (applied, for writes), per operation. Lost responses count here too. */
  readonly applied: Readonly<Record<string, number>>;
  /** Responses lost after the request was applied (`reset-after`). */
  readonly lostResponses: number;
  /** Batch items or keys handed back unprocessed by `partial-batch` faults. */
  readonly heldBack: number;
}

/**
 * A loopback HTTP proxy in front of DynamoDB Local that injects the faults
 * AWS produces and Local never does, so a service's own tests can check
 * that nothing is lost and nothing is applied twice. Point your client's
 * `endpoint` at {@link FaultProxy.endpoint}.
 */
export interface FaultProxy {
  /** The proxy's URL (`http://127.0.0.1:<port>`). */
  readonly endpoint: string;
  /** Injects `kind` into the next `count` matching requests (of `operation`, or of any operation it can happen to), before any chance fault. */
  inject(kind: FaultKind, options?: { readonly count?: number; readonly operation?: string }): void;
  /** Replaces the chance rates (and, if given, the per-operation rates). */
  setRates(rates: FaultRates, operations?: Readonly<Record<string, FaultRates>>): void;
  /** Forced faults not injected yet. */
  pending(): number;
  /** A snapshot of the counters. */
  stats(): FaultProxyStats;
  /** Sets every counter back to zero. */
  resetStats(): void;
  /** Closes the proxy and every connection through it. */
  stop(): Promise<void>;
}

type Json = Record<string, unknown>;

/**
 * Starts a {@link FaultProxy} on 127.0.0.1 (a free port). Seeded and
 * reproducible: with the same seed, the same sequence of requests meets the
 * same faults (concurrent requests arrive in an order the proxy does not
 * control). Bounded: after `maxFaults` faults every request passes.
 *
 * @throws ConfigurationError - `target` is not a loopback http URL, or an option is out of range
 *
 * @example
 * ```ts
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 * import { startDynamoDBLocal, startFaultProxy } from 'tablewright/testing';
 *
 * const local = await startDynamoDBLocal();
 * const proxy = await startFaultProxy({ target: local.endpoint, seed: 7, rates: { throttling: 0.1, 'reset-after': 0.05 } });
 * const client = new DynamoDBClient({ endpoint: proxy.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 * // … run the service's writes, then compare what Local holds with what you expect …
 * console.log(proxy.stats().injected);
 * await proxy.stop();
 * await local.stop();
 * ```
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = loopbackTarget(options.target);
  const random = seededRandom(options.seed ?? 1);
  const plan = new FaultPlan(random, options);
  const latency = latencyRange(options.latencyMs);
  const share = options.partialBatchShare ?? 0.5;
  if (!(share > 0 && share <= 1)) throw new ConfigurationError('fault proxy: partialBatchShare must be in (0, 1]');
  const agent = new http.Agent({ keepAlive: true });
  const timers = new Set<NodeJS.Timeout>();
  // ClientRequestTokens of applied transactions: DynamoDB answers their replays from its idempotency record, never with a conflict.
  const appliedTokens = new Set<string>();
  let stats = emptyStats();

  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const headers = { ...req.headers, 'content-length': String(body.length) };
      const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent }, (r) => {
        readAll(r).then((b) => resolve({ status: r.statusCode ?? 502, headers: r.headers, body: b }), reject);
      });
      out.on('error', reject);
      out.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readAll(req);
    const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
    stats.requests++;
    stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;
    const token = operation === 'TransactWriteItems' ? parse(body).ClientRequestToken : undefined;
    let fault = plan.next(operation, req.headers['amz-sdk-invocation-id'] as string | undefined);
    if (fault === 'transaction-conflict' && typeof token === 'string' && appliedTokens.has(token)) fault = undefined;
    if (fault) stats.injected[fault]++;
    switch (fault) {
      case 'throttling':
      case 'provisioned-throughput':
      case 'internal-error':
      case 'unavailable':
        return answer(res, errorAnswer(fault), stats.requests);
      case 'transaction-conflict':
        return answer(res, transactionConflict(operation, parse(body), random()), stats.requests);
      case 'reset-before':
        return void req.socket.destroy();
      case 'latency':
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => (timers.delete(timer), resolve()), latency(random()));
          timers.add(timer);
        });
        break;
      case 'partial-batch':
        return partialBatch(req, res, operation as 'BatchWriteItem' | 'BatchGetItem', body);
      default:
        break;
    }
    const reply = await forward(req, body);
    if (reply.status < 300) {
      stats.applied[operation] = (stats.applied[operation] ?? 0) + 1;
      if (typeof token === 'string') {
        if (appliedTokens.size >= 10_000) appliedTokens.delete(appliedTokens.values().next().value!);
        appliedTokens.add(token);
      }
    }
    if (fault === 'reset-after') {
      // DynamoDB Local has applied the request; the caller never hears about it.
      stats.lostResponses++;
      return void req.socket.destroy();
    }
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  };

  const partialBatch = async (req: IncomingMessage, res: ServerResponse, operation: 'BatchWriteItem' | 'BatchGetItem', body: Buffer) => {
    const split = splitBatch(operation, parse(body), share, random);
    if (split.forward === undefined) return answer(res, provisionedThroughputExceeded(), stats.requests);
    const reply = await forward(req, Buffer.from(JSON.stringify(split.forward)));
    if (reply.status >= 300) {
      res.writeHead(reply.status, reply.headers);
      return void res.end(reply.body);
    }
    stats.applied[operation] = (stats.applied[operation] ?? 0) + 1;
    stats.heldBack += split.heldCount;
    const merged = Buffer.from(JSON.stringify(addUnprocessed(operation, parse(reply.body), split.held)));
    // The body changed: its CRC32 no longer holds, and the SDK checks it only when present.
    const { 'x-amz-crc32': _crc, ...headers } = reply.headers;
    res.writeHead(reply.status, { ...headers, 'content-length': String(merged.length) });
    res.end(merged);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    inject: (kind, o = {}) => plan.force(kind, o.count ?? 1, o.operation),
    setRates: (rates, operations) => plan.setRates(rates, operations),
    pending: () => plan.pending(),
    stats: () => structuredClone(stats),
    resetStats: () => void (stats = emptyStats()),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface MutableStats {
  requests: number;
  byOperation: Record<string, number>;
  injected: Record<FaultKind, number>;
  applied: Record<string, number>;
  lostResponses: number;
  heldBack: number;
}

function emptyStats(): MutableStats {
  const injected = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  return { requests: 0, byOperation: {}, injected, applied: {}, lostResponses: 0, heldBack: 0 };
}

function answer(res: ServerResponse, { status, body }: ErrorAnswer, n: number): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': `fault-proxy-${n}`,
  });
  res.end(text);
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function parse(body: Buffer): Json {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' ? (value as Json) : {};
  } catch {
    return {};
  }
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** Only loopback targets: the proxy is for tests against DynamoDB Local, never a real endpoint. */
function loopbackTarget(target: string): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new ConfigurationError(`fault proxy: target "${target}" is not a URL`);
  }
  if (url.protocol !== 'http:' || !LOOPBACK.test(url.hostname)) {
    throw new ConfigurationError(`fault proxy: target must be an http URL on loopback (DynamoDB Local), not "${target}"`);
  }
  return url;
}

function latencyRange(option: FaultProxyOptions['latencyMs']): (draw: number) => number {
  const [min, max] = typeof option === 'number' ? [option, option] : (option ?? [50, 200]);
  if (!(Number.isFinite(min) && Number.isFinite(max) && min >= 0 && max >= min)) {
    throw new ConfigurationError('fault proxy: latencyMs must be a non-negative number or a [min, max] range');
  }
  return (draw) => min + Math.floor(draw * (max - min + 1));
}
