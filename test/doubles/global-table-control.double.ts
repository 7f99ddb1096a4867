import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UpdateTableInput$, type ReplicaDescription, type TableDescription } from '@aws-sdk/client-dynamodb';
import { shapeViolations } from './request-shape.js';

/**
 * TEST DOUBLE — the global-tables control plane DynamoDB Local lacks
 * (version 2019.11.21, ../shared/docs/dynamodb-facts.md §5), as a loopback
 * HTTP proxy in front of Local. It answers `UpdateTable` requests that carry
 * `ReplicaUpdates`, `GlobalTableWitnessUpdates` or `MultiRegionConsistency`
 * (AWS JSON protocol, `__type` errors) and adds `Replicas`,
 * `GlobalTableWitnesses`, `GlobalTableVersion` and `MultiRegionConsistency`
 * to Local's `DescribeTable` answers; everything else goes to Local as is.
 *
 * State machine per replica: `CREATING` → `ACTIVE`, `UPDATING` → `ACTIVE`,
 * `DELETING` → gone, each once the table has been described
 * `describesPerTransition` times since the change (default 2: the first
 * `DescribeTable` after it still shows the transition, the second its end),
 * so what a poller sees does not depend on how fast the machine is; the
 * table is `UPDATING` meanwhile and refuses further changes
 * (`ResourceInUseException`).
 * Every `UpdateTable` body is checked against the SDK's model
 * (`UpdateTableInput$`); violations are answered with a
 * `ValidationException` and kept in {@link GlobalTableControl.violations}.
 *
 * Stricter than AWS where AWS is undocumented (unverified there): one
 * replica action per MREC request, no other change in the same request,
 * and the `NEW_AND_OLD_IMAGES` stream must be on before a replica is added.
 */
export interface GlobalTableControl {
  /** Point the SDK client's `endpoint` here. */
  readonly endpoint: string;
  /** Operations received, in order (`'UpdateTable'`, `'DescribeTable'` …). */
  readonly operations: string[];
  /** The `UpdateTable` bodies that changed replicas, in order. */
  readonly replicaRequests: Record<string, unknown>[];
  /** Shape violations seen (empty when every request matched the SDK model). */
  readonly violations: string[];
  /** Closes the proxy. */
  stop(): Promise<void>;
}

interface ReplicaState {
  status: 'CREATING' | 'UPDATING' | 'ACTIVE' | 'DELETING';
  settings: Record<string, unknown>;
}
interface GlobalState {
  replicas: Map<string, ReplicaState>;
  witnesses: Map<string, 'CREATING' | 'ACTIVE' | 'DELETING'>;
  consistency: 'EVENTUAL' | 'STRONG' | undefined;
}

const REGION_SETS = [
  ['us-east-1', 'us-east-2', 'us-west-2'],
  ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1'],
  ['ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3'],
];
const UNIONS = new Set(['ReplicationGroupUpdate', 'GlobalTableWitnessGroupUpdate']);

/** Starts the double in front of `target` (DynamoDB Local). */
export async function startGlobalTableControl(target: string, options: { describesPerTransition?: number } = {}): Promise<GlobalTableControl> {
  const upstream = new URL(target);
  const describesPerTransition = options.describesPerTransition ?? 2;
  const agent = new http.Agent({ keepAlive: true });
  const tables = new Map<string, GlobalState>();
  // Per table: transitions still running, each with the DescribeTable calls left before it ends.
  const transitions = new Map<string, { left: number; end: () => void }[]>();
  const operations: string[] = [];
  const replicaRequests: Record<string, unknown>[] = [];
  const violations: string[] = [];

  const forward = (req: IncomingMessage, body: Buffer, operation = '') =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const headers = { ...req.headers, 'content-length': String(body.length), ...(operation && { 'x-amz-target': `DynamoDB_20120810.${operation}` }) };
      const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent }, (r) => {
        readAll(r).then((b) => resolve({ status: r.statusCode ?? 502, headers: r.headers, body: b }), reject);
      });
      out.on('error', reject);
      out.end(body);
    });
  const later = (key: string, end: () => void) => {
    const list = transitions.get(key) ?? [];
    list.push({ left: describesPerTransition, end });
    transitions.set(key, list);
  };

  /** One DescribeTable of `key`: transitions that were describedOnce often enough end now. */
  const describedOnce = (key: string) => {
    const list = transitions.get(key);
    if (!list) return;
    for (const t of list) if (--t.left <= 0) t.end();
    const left = list.filter((t) => t.left > 0);
    if (left.length) transitions.set(key, left);
    else transitions.delete(key);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readAll(req);
    const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
    operations.push(operation);
    const input = parse(body);
    const region = /Credential=[^/]+\/\d+\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? 'us-east-1';
    const akid = /Credential=([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
    const key = `${akid}/${region}/${String(input.TableName)}`;

    if (operation === 'DescribeTable') {
      const reply = await forward(req, body);
      const state = tables.get(key);
      if (reply.status >= 300 || !state) return relay(res, reply);
      describedOnce(key);
      const out = parse(reply.body) as { Table: TableDescription };
      decorate(out.Table, state, region);
      return json(res, 200, out);
    }
    const global = operation === 'UpdateTable' && (input.ReplicaUpdates !== undefined || input.GlobalTableWitnessUpdates !== undefined || input.MultiRegionConsistency !== undefined);
    if (!global) return relay(res, await forward(req, body));

    replicaRequests.push(input);
    const problems = shapeViolations(UpdateTableInput$, input, '$', UNIONS);
    if (problems.length > 0) {
      violations.push(...problems);
      return error(res, 'ValidationException', `request does not match the UpdateTable model: ${problems.join('; ')}`);
    }
    const described = await forward(req, Buffer.from(JSON.stringify({ TableName: input.TableName })), 'DescribeTable');
    if (described.status >= 300) return relay(res, described);
    const live = (parse(described.body) as { Table: TableDescription }).Table;
    const state = tables.get(key) ?? { replicas: new Map(), witnesses: new Map(), consistency: undefined };
    const busy = [...state.replicas.values()].some((r) => r.status !== 'ACTIVE') || [...state.witnesses.values()].some((w) => w !== 'ACTIVE');
    if (busy || live.TableStatus !== 'ACTIVE') return error(res, 'ResourceInUseException', `Attempt to change a resource which is still in use: Table is being updated: ${String(input.TableName)}`);
    const others = Object.keys(input).filter((k) => !['TableName', 'ReplicaUpdates', 'GlobalTableWitnessUpdates', 'MultiRegionConsistency'].includes(k));
    if (others.length > 0) return error(res, 'ValidationException', `replica changes cannot be combined with ${others.join(', ')} (test double: one change per request)`);
    const stream = live.StreamSpecification;
    if (!stream?.StreamEnabled || stream.StreamViewType !== 'NEW_AND_OLD_IMAGES') {
      return error(res, 'ValidationException', 'Table must have DynamoDB Streams enabled with StreamViewType NEW_AND_OLD_IMAGES to add replicas (test double)');
    }
    const updates = (input.ReplicaUpdates ?? []) as Array<Record<string, { RegionName: string } & Record<string, unknown>>>;
    const witnessUpdates = (input.GlobalTableWitnessUpdates ?? []) as Array<Record<string, { RegionName: string }>>;

    if (input.MultiRegionConsistency === 'STRONG') {
      const problem = await strongProblem(req, live, state, region, updates, witnessUpdates);
      if (problem) return error(res, 'ValidationException', problem);
      state.consistency = 'STRONG';
      for (const u of updates) state.replicas.set(u.Create!.RegionName, { status: 'CREATING', settings: u.Create! });
      for (const w of witnessUpdates) state.witnesses.set(w.Create!.RegionName, 'CREATING');
      tables.set(key, state);
      later(key, () => {
        for (const r of state.replicas.values()) r.status = 'ACTIVE';
        for (const w of state.witnesses.keys()) state.witnesses.set(w, 'ACTIVE');
      });
      return json(res, 200, { TableDescription: decorate(live, state, region) });
    }
    if (witnessUpdates.length > 0) return error(res, 'ValidationException', 'Witnesses are only supported for global tables with MultiRegionConsistency STRONG');
    if (state.consistency === 'STRONG') return error(res, 'ValidationException', 'The replica set of a multi-Region strongly consistent global table cannot be changed');
    if (updates.length !== 1) return error(res, 'ValidationException', `one replica action per request (got ${updates.length}) (test double)`);
    const [action, member] = Object.entries(updates[0]!)[0]!;
    const target = member.RegionName;
    if (target === region) return error(res, 'ValidationException', `${target} is the Region of this table`);
    const existing = state.replicas.get(target);
    if (action === 'Create') {
      if (existing) return error(res, 'ValidationException', `Failed to create a the new replica of table with name: '${String(input.TableName)}' because one or more replicas already existed as tables.`);
      state.replicas.set(target, { status: 'CREATING', settings: member });
    } else if (action === 'Update' || action === 'Delete') {
      if (!existing) return error(res, 'ValidationException', `Replica ${target} does not exist for table ${String(input.TableName)}`);
      if (action === 'Update') existing.settings = { ...existing.settings, ...member };
      existing.status = action === 'Update' ? 'UPDATING' : 'DELETING';
    } else {
      return error(res, 'ValidationException', `${action} is not supported by this test double`);
    }
    state.consistency ??= 'EVENTUAL';
    tables.set(key, state);
    later(key, () => {
      const r = state.replicas.get(target);
      if (r?.status === 'DELETING') state.replicas.delete(target);
      else if (r) r.status = 'ACTIVE';
      if (state.replicas.size === 0) state.consistency = undefined;
    });
    return json(res, 200, { TableDescription: decorate(live, state, region) });
  };

  /** What AWS refuses when a table is made strongly consistent (§5.3). */
  const strongProblem = async (
    req: IncomingMessage,
    live: TableDescription,
    state: GlobalState,
    home: string,
    updates: Array<Record<string, { RegionName: string }>>,
    witnesses: Array<Record<string, { RegionName: string }>>,
  ): Promise<string | undefined> => {
    if (state.replicas.size > 0) return 'MultiRegionConsistency can only be set when the global table is created';
    if (updates.some((u) => !u.Create) || witnesses.some((w) => !w.Create)) return 'Only Create actions can set up a strongly consistent global table';
    const regions = [home, ...updates.map((u) => u.Create!.RegionName)];
    const witness = witnesses.map((w) => w.Create!.RegionName);
    if (witness.length > 1) return 'You can create only one witness per UpdateTable operation';
    if (regions.length + witness.length !== 3 || (witness.length === 1 && regions.length !== 2)) return 'A strongly consistent global table needs exactly three Regions: three replicas, or two replicas and a witness';
    const all = [...regions, ...witness];
    if (new Set(all).size !== all.length) return 'Regions must be distinct';
    if (!REGION_SETS.some((set) => all.every((r) => set.includes(r)))) return `Regions ${all.join(', ')} are not in one Region set`;
    if ((live.LocalSecondaryIndexes ?? []).length > 0) return 'Local secondary indexes are not supported with MultiRegionConsistency STRONG';
    const scan = await forward(req, Buffer.from(JSON.stringify({ TableName: live.TableName, Limit: 1, Select: 'COUNT' })), 'Scan');
    if ((parse(scan.body).Count as number | undefined) !== 0) return 'MultiRegionConsistency STRONG can only be set on an empty table';
    return undefined;
  };

  const server = http.createServer((req, res) => void handle(req, res).catch(() => req.socket.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    operations,
    replicaRequests,
    violations,
    stop: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Adds the global-table fields to a table description, as DescribeTable in the table's Region shows them. */
function decorate(table: TableDescription, state: GlobalState, home: string): TableDescription {
  if (state.replicas.size === 0 && state.witnesses.size === 0) return table;
  const busy = [...state.replicas.values()].some((r) => r.status !== 'ACTIVE') || [...state.witnesses.values()].some((w) => w !== 'ACTIVE');
  // Whether Replicas lists the Region it is described in is not documented in our sources (unverified); listed here.
  const replicas: ReplicaDescription[] = [{ RegionName: home, ReplicaStatus: 'ACTIVE' }];
  for (const [region, r] of state.replicas) {
    const s = r.settings as Pick<ReplicaDescription, 'ProvisionedThroughputOverride' | 'OnDemandThroughputOverride' | 'GlobalSecondaryIndexes'> & { TableClassOverride?: 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS' };
    replicas.push({
      RegionName: region,
      ReplicaStatus: r.status,
      ...(s.ProvisionedThroughputOverride && { ProvisionedThroughputOverride: s.ProvisionedThroughputOverride }),
      ...(s.OnDemandThroughputOverride && { OnDemandThroughputOverride: s.OnDemandThroughputOverride }),
      ...(s.GlobalSecondaryIndexes && { GlobalSecondaryIndexes: s.GlobalSecondaryIndexes }),
      ...(s.TableClassOverride && { ReplicaTableClassSummary: { TableClass: s.TableClassOverride } }),
    });
  }
  return Object.assign(table, {
    TableStatus: busy ? 'UPDATING' : table.TableStatus,
    GlobalTableVersion: '2019.11.21',
    Replicas: replicas,
    ...(state.witnesses.size > 0 && { GlobalTableWitnesses: [...state.witnesses].map(([RegionName, WitnessStatus]) => ({ RegionName, WitnessStatus })) }),
    MultiRegionConsistency: state.consistency ?? 'EVENTUAL',
  });
}

function relay(res: ServerResponse, reply: { status: number; headers: http.IncomingHttpHeaders; body: Buffer }): void {
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, (_k, v) => (v instanceof Date ? v.getTime() / 1000 : v));
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(Buffer.byteLength(text)), 'x-amzn-requestid': 'global-table-double' });
  res.end(text);
}

function error(res: ServerResponse, type: string, message: string): void {
  json(res, 400, { __type: `com.amazonaws.dynamodb.v20120810#${type}`, message });
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function parse(body: Buffer): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(body.toString('utf8'));
    return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
