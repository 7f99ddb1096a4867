import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type TableDescription,
  type TimeToLiveDescription,
} from '@aws-sdk/client-dynamodb';
import { ConfigurationError, TablewrightError } from '../errors.js';
import { createTableInput, globalIndexInput } from './create-table-input.js';
import type { TableModel } from '../model/table-definition.js';
import { tableDrift, type Drift } from './table-drift.js';
import { throughputDrift, throughputUpdates } from './throughput-updates.js';

/** What `Table.describe()` found. */
export interface TableStatusReport {
  readonly exists: boolean;
  readonly status: string | undefined;
  readonly description: TableDescription | undefined;
  readonly ttl: TimeToLiveDescription | undefined;
  /** Differences between the declaration and the live table (empty when in sync). */
  readonly drift: readonly Drift[];
}

/** What `Table.ensure()` did. */
export interface EnsureResult {
  readonly created: boolean;
  /** Human-readable steps taken, e.g. `create index gsi2`, `enable ttl on expiresAt`. */
  readonly actions: readonly string[];
  /** Drift that remains and that `ensure` cannot fix (e.g. a different TTL attribute, key schema). */
  readonly drift: readonly Drift[];
}

/** Options for waiting on table state. */
export interface WaitOptions {
  /** Give up after this many milliseconds. Default 300,000. */
  readonly timeoutMs?: number | undefined;
}

/** @internal */
export async function describeTable(table: TableModel): Promise<TableStatusReport> {
  const live = await describeRaw(table);
  if (!live) return { exists: false, status: undefined, description: undefined, ttl: undefined, drift: [] };
  const ttl = (await table.client.send(new DescribeTimeToLiveCommand({ TableName: table.name }))).TimeToLiveDescription;
  return { exists: true, status: live.TableStatus, description: live, ttl, drift: tableDrift(table, live, ttl) };
}

/** Creates the table, waits until it and its indexes are ACTIVE, enables TTL. @internal */
export async function createTable(table: TableModel, options: WaitOptions = {}): Promise<void> {
  await table.client.send(new CreateTableCommand(createTableInput(table)));
  await waitForActive(table, options);
  if (table.ttlAttribute) await enableTtl(table);
}

/** Creates the table if missing, else adds missing GSIs, TTL and stream and applies declared throughput limits. Idempotent. @internal */
export async function ensureTable(table: TableModel, options: WaitOptions = {}): Promise<EnsureResult> {
  const before = await describeTable(table);
  if (!before.exists) {
    await createTable(table, options);
    return { created: true, actions: ['create table'], drift: [] };
  }
  await waitForActive(table, options);
  const actions: string[] = [];
  const liveGsis = new Set((before.description?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  for (const index of Object.values(table.indexes)) {
    if (index.type !== 'global' || liveGsis.has(index.name)) continue;
    // DynamoDB accepts one GSI creation per UpdateTable call.
    await table.client.send(
      new UpdateTableCommand({
        TableName: table.name,
        AttributeDefinitions: [...new Set([index.partitionKey, ...(index.sortKey ? [index.sortKey] : [])])].map((n) => ({
          AttributeName: n,
          AttributeType: 'S',
        })),
        GlobalSecondaryIndexUpdates: [{ Create: globalIndexInput(table, index) }],
      }),
    );
    await waitForActive(table, options);
    actions.push(`create index ${index.name}`);
  }
  const liveStream = before.description?.StreamSpecification;
  if (table.stream && !liveStream?.StreamEnabled) {
    await table.client.send(
      new UpdateTableCommand({ TableName: table.name, StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } }),
    );
    await waitForActive(table, options);
    actions.push(`enable stream ${table.stream}`);
  }
  const ttlStatus = before.ttl?.TimeToLiveStatus;
  if (table.ttlAttribute && (ttlStatus === 'DISABLED' || ttlStatus === undefined)) {
    await enableTtl(table);
    actions.push(`enable ttl on ${table.ttlAttribute}`);
  }
  if (before.description) {
    const drift = throughputDrift(table, before.description);
    const updates = throughputUpdates(table, drift);
    for (const [i, input] of updates.entries()) {
      await table.client.send(new UpdateTableCommand(input));
      await waitForActive(table, options);
      actions.push(`set ${drift[i]!.path} ${JSON.stringify(drift[i]!.expected)}`);
    }
  }
  const after = await describeTable(table);
  return { created: false, actions, drift: after.drift };
}

/** Deletes the table (fails on deletion-protected tables, as DynamoDB does). @internal */
export async function deleteTable(table: TableModel): Promise<void> {
  await table.client.send(new DeleteTableCommand({ TableName: table.name }));
}

async function enableTtl(table: TableModel): Promise<void> {
  const current = (await table.client.send(new DescribeTimeToLiveCommand({ TableName: table.name }))).TimeToLiveDescription;
  const on = current?.TimeToLiveStatus === 'ENABLED' || current?.TimeToLiveStatus === 'ENABLING';
  if (on && current?.AttributeName === table.ttlAttribute) return;
  if (on) {
    throw new ConfigurationError(
      `Table ${table.name}: TTL is enabled on "${current?.AttributeName}", declared "${table.ttlAttribute}". ` +
        'DynamoDB allows one TTL attribute; disable it first (one change per hour).',
    );
  }
  await table.client.send(
    new UpdateTimeToLiveCommand({
      TableName: table.name,
      TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
    }),
  );
}

async function describeRaw(table: TableModel): Promise<TableDescription | undefined> {
  try {
    return (await table.client.send(new DescribeTableCommand({ TableName: table.name }))).Table;
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** Polls until the table and every GSI are ACTIVE. @internal */
export async function waitForActive(table: TableModel, options: WaitOptions = {}): Promise<TableDescription> {
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  let delay = 20;
  for (;;) {
    const live = await describeRaw(table);
    const ready =
      live?.TableStatus === 'ACTIVE' && (live.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE');
    if (live && ready) return live;
    if (Date.now() > deadline) {
      throw new TablewrightError(`Table ${table.name} not ACTIVE after ${options.timeoutMs ?? 300_000} ms (status ${live?.TableStatus})`);
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 2_000);
  }
}
