import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { createBackupHandlers, type BackupState } from './control-plane-backups.double.js';
import { AwsFault, HANDLED_OPERATIONS, validateShape } from './control-plane-shapes.double.js';

/**
 * TEST DOUBLE — a loopback HTTP proxy in front of DynamoDB Local that
 * answers the control-plane operations Local lacks (measured: they give
 * `UnknownOperationException`): point-in-time recovery, on-demand backups,
 * restores, tags, and (through the export/import handlers) exports and
 * imports, per the AWS JSON protocol (`x-amz-target`, JSON bodies, `__type`
 * errors) and the documented state machines. Everything else is forwarded
 * to Local unchanged.
 *
 * Point-in-time state is real data: after every write the proxy forwards to
 * a PITR-enabled table it scans that table in Local and keeps the snapshot
 * with its time, so a restore to time T (or an export at T) holds exactly
 * the items as of T. Restores create the target table in Local and write the
 * items there; while that runs, DescribeTable reports `CREATING` with a
 * `RestoreSummary`, as DynamoDB does.
 */
export interface ControlPlaneDouble {
  /** Point an SDK client's `endpoint` here. */
  readonly endpoint: string;
  /** A DynamoDB client pointing at the double, with the credentials it uses towards Local. */
  readonly client: DynamoDBClient;
  /** Operations the double answered itself, in order. */
  readonly handled: string[];
  /** The shared state (history, backups, tags …), for assertions. */
  readonly state: BackupState;
  close(): Promise<void>;
}

/** Options of {@link startControlPlaneDouble}. */
export interface ControlPlaneDoubleOptions {
  /** DynamoDB Local's endpoint. */
  readonly target: string;
  /** How long a restore stays CREATING after its items are written (ms). Default 300. */
  readonly restoreDelayMs?: number;
  /** How long a new backup stays CREATING (ms). Default 200. */
  readonly backupDelayMs?: number;
  /** How far LatestRestorableDateTime lags behind now (ms; AWS ~5 minutes). Default 0. */
  readonly latestLagMs?: number;
  /** Enabling PITR backdates the window's start by this much (ms), so incremental windows of 15+ minutes fit in a test. Default 0. */
  readonly pitrBackdateMs?: number;
  /** Extra operation handlers (exports, imports), by operation name. */
  readonly extraHandlers?: (state: BackupState) => Record<string, Handler>;
}

/** An operation handler: the request body in, the response body out (or an {@link AwsFault}). */
export type Handler = (body: Record<string, unknown>) => Promise<unknown>;

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems', 'ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction']);

export async function startControlPlaneDouble(options: ControlPlaneDoubleOptions): Promise<ControlPlaneDouble> {
  const upstream = new URL(options.target);
  const agent = new http.Agent({ keepAlive: true });
  const credentials = { accessKeyId: `cp${randomBytes(8).toString('hex')}`, secretAccessKey: 'local' };
  const local = new DynamoDBClient({ endpoint: options.target, region: 'us-east-1', credentials, maxAttempts: 3 });
  const state: BackupState = {
    local,
    pitr: new Map(),
    backups: new Map(),
    restoring: new Map(),
    tags: new Map(),
    options: { restoreDelayMs: options.restoreDelayMs ?? 300, backupDelayMs: options.backupDelayMs ?? 200, latestLagMs: options.latestLagMs ?? 0, pitrBackdateMs: options.pitrBackdateMs ?? 0 },
    snapshot: (table) => snapshot(local, state, table),
  };
  const handlers: Record<string, Handler> = { ...createBackupHandlers(state), ...options.extraHandlers?.(state) };
  const handled: string[] = [];

  const forward = (req: http.IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const f = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      f.on('error', reject);
      f.end(body);
    });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks);
        const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
        const handler = handlers[operation];
        if (handler && HANDLED_OPERATIONS.has(operation)) {
          handled.push(operation);
          try {
            const body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
            validateShape(operation, body);
            reply(res, 200, await handler(body));
          } catch (error) {
            const fault = error instanceof AwsFault ? error : new AwsFault('InternalServerError', String(error), 500);
            reply(res, fault.status, { __type: `com.amazonaws.dynamodb.v20120810#${fault.code}`, message: fault.message });
          }
          return;
        }
        const out = await forward(req, raw);
        if (out.status === 200 && WRITES.has(operation)) await recordWrite(state, operation, raw);
        if (out.status === 200 && operation === 'DescribeTable') {
          const rewritten = rewriteDescribe(state, out.body);
          if (rewritten) return reply(res, 200, rewritten);
        }
        res.writeHead(out.status, out.headers);
        res.end(out.body);
      })().catch(() => req.socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 3 });
  return {
    endpoint,
    client,
    handled,
    state,
    close: async () => {
      client.destroy();
      local.destroy();
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(toWire(body ?? {}));
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomBytes(8).toString('hex'), 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** SDK objects carry Dates; the JSON protocol carries epoch seconds. */
function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
  return value;
}

/** Tables a successful write touched (all PITR tables for PartiQL, whose statements name them in text). */
function writtenTables(state: BackupState, operation: string, body: Record<string, unknown>): string[] {
  if (operation === 'PutItem' || operation === 'UpdateItem' || operation === 'DeleteItem') return [String(body.TableName)];
  if (operation === 'BatchWriteItem') return Object.keys((body.RequestItems as object) ?? {});
  if (operation === 'TransactWriteItems') {
    return (body.TransactItems as Array<Record<string, { TableName?: string }>>).flatMap((t) => Object.values(t).map((a) => String(a.TableName)));
  }
  return [...state.pitr.keys()];
}

async function recordWrite(state: BackupState, operation: string, raw: Buffer): Promise<void> {
  const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  const at = Date.now();
  for (const table of new Set(writtenTables(state, operation, body))) {
    const pitr = state.pitr.get(table);
    if (pitr?.enabled) pitr.snapshots.push({ at, items: await state.snapshot(table) });
  }
}

async function snapshot(local: DynamoDBClient, _state: BackupState, table: string): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await local.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** While a restore runs, Local's table (already ACTIVE there) is reported CREATING with a RestoreSummary. */
function rewriteDescribe(state: BackupState, body: Buffer): unknown {
  const out = JSON.parse(body.toString('utf8')) as { Table: Record<string, unknown> };
  const restore = state.restoring.get(String(out.Table.TableName));
  if (!restore) return undefined;
  const inProgress = !restore.done || Date.now() < restore.readyAt;
  if (restore.summary) out.Table.RestoreSummary = { ...restore.summary, RestoreInProgress: inProgress };
  if (inProgress) out.Table.TableStatus = 'CREATING';
  return out;
}
