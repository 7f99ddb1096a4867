import { randomBytes } from 'node:crypto';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  type AttributeValue,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { AwsFault } from './control-plane-shapes.double.js';

/**
 * TEST DOUBLE support — point-in-time recovery, on-demand backups, restores
 * and tags for the control-plane double, following
 * /work/shared/docs/dynamodb-facts.md §6.1–6.2: a restore always creates a
 * new table, copies items, key schema, indexes and capacity, and NOT TTL,
 * streams, PITR, deletion protection or tags.
 */
export type Item = Record<string, AttributeValue>;

export interface PitrState {
  enabled: boolean;
  recoveryPeriodInDays: number;
  enabledAt: number;
  /** Items of the table after each write, oldest first (the first one is taken when PITR is enabled). */
  readonly snapshots: Array<{ readonly at: number; readonly items: Item[] }>;
}

export interface BackupRecord {
  readonly arn: string;
  readonly name: string;
  readonly tableName: string;
  readonly createdAt: number;
  readonly availableAt: number;
  readonly items: Item[];
  readonly table: TableDescription;
  deleted: boolean;
}

export interface BackupState {
  readonly local: DynamoDBClient;
  readonly pitr: Map<string, PitrState>;
  readonly backups: Map<string, BackupRecord>;
  /** Tables being restored or imported: reported CREATING until loaded (imports have no RestoreSummary). */
  readonly restoring: Map<string, { done: boolean; readyAt: number; summary: Record<string, unknown> | undefined }>;
  readonly tags: Map<string, Map<string, string>>;
  readonly options: { readonly restoreDelayMs: number; readonly backupDelayMs: number; readonly latestLagMs: number; readonly pitrBackdateMs: number };
  snapshot(table: string): Promise<Item[]>;
}

const seconds = (ms: number) => ms / 1000;

/** The table in Local, or TableNotFoundException as DynamoDB's control plane says it. */
export async function describeSource(state: BackupState, name: string): Promise<TableDescription> {
  try {
    return (await state.local.send(new DescribeTableCommand({ TableName: name }))).Table!;
  } catch {
    throw new AwsFault('TableNotFoundException', `Table not found: ${name}`);
  }
}

/** The items of a PITR table as of `at` (epoch ms), from the kept snapshots. */
export function itemsAt(pitr: PitrState, at: number): Item[] {
  let found: Item[] = [];
  for (const s of pitr.snapshots) if (s.at <= at) found = s.items;
  return found;
}

/** [earliest, latest] restorable epoch ms. */
export function windowOf(state: BackupState, pitr: PitrState): { earliest: number; latest: number } {
  const now = Date.now();
  return { earliest: Math.max(pitr.enabledAt, now - pitr.recoveryPeriodInDays * 86_400_000), latest: Math.max(pitr.enabledAt, now - state.options.latestLagMs) };
}

function continuousBackups(state: BackupState, table: string) {
  const pitr = state.pitr.get(table);
  const window = pitr?.enabled ? windowOf(state, pitr) : undefined;
  return {
    ContinuousBackupsDescription: {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: pitr?.enabled
        ? {
            PointInTimeRecoveryStatus: 'ENABLED',
            RecoveryPeriodInDays: pitr.recoveryPeriodInDays,
            EarliestRestorableDateTime: seconds(window!.earliest),
            LatestRestorableDateTime: seconds(window!.latest),
          }
        : { PointInTimeRecoveryStatus: 'DISABLED' },
    },
  };
}

export function createBackupHandlers(state: BackupState): Record<string, (body: Record<string, unknown>) => Promise<unknown>> {
  const backupDetails = (b: BackupRecord) => ({
    BackupArn: b.arn,
    BackupName: b.name,
    BackupSizeBytes: JSON.stringify(b.items).length,
    BackupStatus: b.deleted ? 'DELETED' : Date.now() < b.availableAt ? 'CREATING' : 'AVAILABLE',
    BackupType: 'USER',
    BackupCreationDateTime: seconds(b.createdAt),
  });
  const backupDescription = (b: BackupRecord) => ({
    BackupDetails: backupDetails(b),
    SourceTableDetails: {
      TableName: b.tableName,
      TableArn: b.table.TableArn,
      TableId: b.table.TableId ?? b.table.TableArn,
      KeySchema: b.table.KeySchema,
      TableCreationDateTime: seconds(b.createdAt),
      ProvisionedThroughput: { ReadCapacityUnits: b.table.ProvisionedThroughput?.ReadCapacityUnits ?? 0, WriteCapacityUnits: b.table.ProvisionedThroughput?.WriteCapacityUnits ?? 0 },
      ItemCount: b.items.length,
      BillingMode: billingOf(b.table),
    },
    SourceTableFeatureDetails: {
      ...(b.table.GlobalSecondaryIndexes && { GlobalSecondaryIndexes: b.table.GlobalSecondaryIndexes.map((g) => ({ IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection })) }),
      ...(b.table.LocalSecondaryIndexes && { LocalSecondaryIndexes: b.table.LocalSecondaryIndexes.map((l) => ({ IndexName: l.IndexName, KeySchema: l.KeySchema, Projection: l.Projection })) }),
    },
  });
  const backup = (arn: unknown): BackupRecord => {
    const b = state.backups.get(String(arn));
    if (!b || b.deleted) throw new AwsFault('BackupNotFoundException', `Backup not found: ${String(arn)}`);
    return b;
  };

  return {
    async UpdateContinuousBackups(body) {
      const table = String(body.TableName);
      await describeSource(state, table);
      const spec = body.PointInTimeRecoverySpecification as { PointInTimeRecoveryEnabled: boolean; RecoveryPeriodInDays?: number };
      const current = state.pitr.get(table);
      if (!spec.PointInTimeRecoveryEnabled) {
        if (current) current.enabled = false;
      } else if (current?.enabled) {
        current.recoveryPeriodInDays = spec.RecoveryPeriodInDays ?? current.recoveryPeriodInDays;
      } else {
        // Enabling (again) starts a new window: earlier history is gone.
        const since = Date.now() - state.options.pitrBackdateMs;
        state.pitr.set(table, { enabled: true, recoveryPeriodInDays: spec.RecoveryPeriodInDays ?? 35, enabledAt: since, snapshots: [{ at: since, items: await state.snapshot(table) }] });
      }
      return continuousBackups(state, table);
    },
    async DescribeContinuousBackups(body) {
      await describeSource(state, String(body.TableName));
      return continuousBackups(state, String(body.TableName));
    },
    async CreateBackup(body) {
      const table = await describeSource(state, String(body.TableName));
      const now = Date.now();
      const arn = `${table.TableArn}/backup/${String(now).padStart(14, '0')}-${randomBytes(4).toString('hex')}`;
      const items = await state.snapshot(table.TableName!);
      // The CREATING window starts once the snapshot is taken (a slow scan on a loaded machine must not skip it).
      const record: BackupRecord = { arn, name: String(body.BackupName), tableName: table.TableName!, createdAt: now, availableAt: Date.now() + state.options.backupDelayMs, items, table, deleted: false };
      state.backups.set(arn, record);
      // CreateBackup always answers CREATING, as DynamoDB does; DescribeBackup then follows the clock.
      return { BackupDetails: { ...backupDetails(record), BackupStatus: 'CREATING' } };
    },
    async DescribeBackup(body) {
      return { BackupDescription: backupDescription(backup(body.BackupArn)) };
    },
    async DeleteBackup(body) {
      const b = backup(body.BackupArn);
      if (Date.now() < b.availableAt) throw new AwsFault('BackupInUseException', `Backup ${b.arn} is being created`);
      b.deleted = true;
      return { BackupDescription: backupDescription(b) };
    },
    async ListBackups(body) {
      const all = [...state.backups.values()].filter(
        (b) =>
          !b.deleted &&
          (body.TableName === undefined || b.tableName === body.TableName) &&
          (body.TimeRangeLowerBound === undefined || b.createdAt >= Number(body.TimeRangeLowerBound) * 1000) &&
          (body.TimeRangeUpperBound === undefined || b.createdAt < Number(body.TimeRangeUpperBound) * 1000),
      );
      const start = body.ExclusiveStartBackupArn ? all.findIndex((b) => b.arn === body.ExclusiveStartBackupArn) + 1 : 0;
      const limit = Number(body.Limit ?? 2); // a small page proves the caller pages
      const page = all.slice(start, start + limit);
      return {
        BackupSummaries: page.map((b) => ({ TableName: b.tableName, TableArn: b.table.TableArn, BackupArn: b.arn, BackupName: b.name, BackupCreationDateTime: seconds(b.createdAt), BackupStatus: backupDetails(b).BackupStatus, BackupType: 'USER', BackupSizeBytes: backupDetails(b).BackupSizeBytes })),
        ...(start + limit < all.length && { LastEvaluatedBackupArn: page.at(-1)!.arn }),
      };
    },
    async RestoreTableFromBackup(body) {
      const b = backup(body.BackupArn);
      if (Date.now() < b.availableAt) throw new AwsFault('BackupInUseException', `Backup ${b.arn} is still being created`);
      return restore(state, b.table, b.items, body, { SourceBackupArn: b.arn, SourceTableArn: b.table.TableArn, RestoreDateTime: seconds(b.createdAt) });
    },
    async RestoreTableToPointInTime(body) {
      const name = body.SourceTableName ? String(body.SourceTableName) : String(body.SourceTableArn).split('/').at(-1)!;
      const source = await describeSource(state, name);
      const pitr = state.pitr.get(name);
      if (!pitr?.enabled) throw new AwsFault('PointInTimeRecoveryUnavailableException', `Point in time recovery is not enabled for table '${name}'`);
      const window = windowOf(state, pitr);
      const at = body.UseLatestRestorableTime === true || body.RestoreDateTime === undefined ? window.latest : Number(body.RestoreDateTime) * 1000;
      if (!(at >= window.earliest && at <= window.latest)) {
        throw new AwsFault('InvalidRestoreTimeException', `RestoreDateTime must be between ${new Date(window.earliest).toISOString()} and ${new Date(window.latest).toISOString()}`);
      }
      return restore(state, source, itemsAt(pitr, at), body, { SourceTableArn: source.TableArn, RestoreDateTime: seconds(at) });
    },
    async TagResource(body) {
      const arn = String(body.ResourceArn);
      await describeSource(state, arn.split('/').at(-1)!);
      const tags = state.tags.get(arn) ?? new Map<string, string>();
      for (const t of body.Tags as Array<{ Key: string; Value: string }>) tags.set(t.Key, t.Value);
      state.tags.set(arn, tags);
      return {};
    },
    async UntagResource(body) {
      const tags = state.tags.get(String(body.ResourceArn));
      for (const key of body.TagKeys as string[]) tags?.delete(key);
      return {};
    },
    async ListTagsOfResource(body) {
      return { Tags: [...(state.tags.get(String(body.ResourceArn)) ?? new Map<string, string>())].map(([Key, Value]) => ({ Key, Value })) };
    },
  };
}

function billingOf(table: TableDescription): 'PROVISIONED' | 'PAY_PER_REQUEST' {
  // Local omits BillingModeSummary for provisioned tables and reports 0/0 for on-demand ones.
  return table.BillingModeSummary?.BillingMode ?? (table.ProvisionedThroughput?.ReadCapacityUnits ? 'PROVISIONED' : 'PAY_PER_REQUEST');
}

async function restore(state: BackupState, source: TableDescription, items: Item[], body: Record<string, unknown>, summary: Record<string, unknown>) {
  const target = String(body.TargetTableName);
  const input = restoredTableInput(source, target, body);
  try {
    await state.local.send(new DescribeTableCommand({ TableName: target }));
    throw new AwsFault('TableAlreadyExistsException', `Table already exists: ${target}`);
  } catch (error) {
    if (error instanceof AwsFault) throw error;
  }
  const created = (await state.local.send(new CreateTableCommand(input))).TableDescription!;
  const restoring = { done: false, readyAt: Infinity, summary };
  state.restoring.set(target, restoring);
  void writeItems(state.local, target, items).then(() => {
    restoring.done = true;
    restoring.readyAt = Date.now() + state.options.restoreDelayMs;
  });
  return { TableDescription: { ...created, TableStatus: 'CREATING', RestoreSummary: { ...summary, RestoreInProgress: true } } };
}

/** The new table: the source's keys, indexes and capacity, with the request's overrides; no stream, TTL or protection. */
function restoredTableInput(source: TableDescription, target: string, body: Record<string, unknown>): CreateTableCommandInput {
  const billing = (body.BillingModeOverride as string | undefined) ?? billingOf(source);
  const provisioned = billing === 'PROVISIONED';
  const throughput = (body.ProvisionedThroughputOverride as { ReadCapacityUnits: number; WriteCapacityUnits: number } | undefined) ?? {
    ReadCapacityUnits: source.ProvisionedThroughput?.ReadCapacityUnits || 5,
    WriteCapacityUnits: source.ProvisionedThroughput?.WriteCapacityUnits || 5,
  };
  type Index = { IndexName?: string; KeySchema?: Array<{ AttributeName?: string; KeyType?: string }>; Projection?: unknown; ProvisionedThroughput?: { ReadCapacityUnits?: number; WriteCapacityUnits?: number } };
  const gsis = ((body.GlobalSecondaryIndexOverride as Index[] | undefined) ?? (source.GlobalSecondaryIndexes as Index[] | undefined) ?? []).map((g) => ({
    IndexName: g.IndexName,
    KeySchema: g.KeySchema,
    Projection: g.Projection,
    ...(provisioned && { ProvisionedThroughput: { ReadCapacityUnits: g.ProvisionedThroughput?.ReadCapacityUnits || throughput.ReadCapacityUnits, WriteCapacityUnits: g.ProvisionedThroughput?.WriteCapacityUnits || throughput.WriteCapacityUnits } }),
  }));
  const lsis = ((body.LocalSecondaryIndexOverride as Index[] | undefined) ?? (source.LocalSecondaryIndexes as Index[] | undefined) ?? []).map((l) => ({ IndexName: l.IndexName, KeySchema: l.KeySchema, Projection: l.Projection }));
  const used = new Set([...(source.KeySchema ?? []), ...gsis.flatMap((g) => g.KeySchema ?? []), ...lsis.flatMap((l) => l.KeySchema ?? [])].map((k) => k.AttributeName!));
  const types = new Map((source.AttributeDefinitions ?? []).map((d) => [d.AttributeName!, d.AttributeType!]));
  return {
    TableName: target,
    KeySchema: source.KeySchema,
    AttributeDefinitions: [...used].map((name) => ({ AttributeName: name, AttributeType: (types.get(name) ?? 'S') as 'S' })),
    BillingMode: billing as 'PROVISIONED',
    ...(provisioned && { ProvisionedThroughput: throughput }),
    ...(gsis.length > 0 && { GlobalSecondaryIndexes: gsis as never }),
    ...(lsis.length > 0 && { LocalSecondaryIndexes: lsis as never }),
  };
}

/** Writes items into a Local table, 25 per batch, resending unprocessed ones. */
export async function writeItems(local: DynamoDBClient, table: string, items: Item[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let pending: Record<string, Array<{ PutRequest: { Item: Item } }>> = { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) };
    while (Object.keys(pending).length > 0) {
      const out = await local.send(new BatchWriteItemCommand({ RequestItems: pending }));
      pending = (out.UnprocessedItems ?? {}) as typeof pending;
    }
  }
}
