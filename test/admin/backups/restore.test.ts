import { DescribeTimeToLiveCommand, DescribeTableCommand, ListTagsOfResourceCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { z } from 'zod';
import {
  createBackup,
  deleteBackup,
  describeBackup,
  describePointInTimeRecovery,
  disablePointInTimeRecovery,
  enablePointInTimeRecovery,
  InvalidRestoreTimeError,
  listBackups,
  PointInTimeRecoveryUnavailableError,
  restoreFromBackup,
  restoreToPointInTime,
  TableAlreadyExistsError,
  BackupNotFoundError,
  type RestoreProgress,
} from '../../../src/admin.js';
import { ConfigurationError, count, getItem, putItem, query, scan, Table, TableNotFoundError } from '../../../src/index.js';
import { startControlPlaneDouble, type ControlPlaneDouble } from '../../doubles/control-plane.double.js';
import { tableName } from '../../helpers/local.js';

let double: ControlPlaneDouble;
beforeAll(async () => {
  double = await startControlPlaneDouble({ target: inject('dynamoEndpoint'), restoreDelayMs: 150, backupDelayMs: 100 });
});
const created: Table[] = [];
afterAll(async () => {
  for (const t of created) await t.delete().catch(() => undefined);
  await double.close();
});

const schema = z.object({ id: z.string(), n: z.number() });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function declaredTable(extra: { deletionProtection?: boolean; plain?: boolean } = {}) {
  const table = new Table({
    name: tableName('bk'),
    client: double.client,
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: { byN: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } },
    ...(!extra.plain && { ttlAttribute: 'expiresAt', stream: 'NEW_AND_OLD_IMAGES' as const }),
    deletionProtection: extra.deletionProtection ?? false,
  });
  await table.create();
  created.push(table);
  const Thing = table.entity('Thing', { schema, keys: { primary: { pk: ['THING', 'id'], sk: ['V'] }, byN: { pk: ['N'], sk: ['id'] } } });
  return { table, Thing };
}

describe('point-in-time recovery', () => {
  it('enables with a recovery period, reports the window, and disables', async () => {
    const { table } = await declaredTable();
    expect((await describePointInTimeRecovery(table)).enabled).toBe(false);
    const before = Date.now();
    const on = await enablePointInTimeRecovery(table, { recoveryPeriodInDays: 7 });
    expect(on).toMatchObject({ enabled: true, status: 'ENABLED', recoveryPeriodInDays: 7 });
    expect(on.earliestRestorableAt!.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(on.latestRestorableAt!.getTime()).toBeGreaterThanOrEqual(on.earliestRestorableAt!.getTime());
    expect((await disablePointInTimeRecovery(table)).enabled).toBe(false);
    expect(double.handled).toContain('UpdateContinuousBackups');
  });

  it('refuses a recovery period outside 1–35 whole days before any request', async () => {
    const { table } = await declaredTable();
    const sent = double.handled.length;
    for (const bad of [0, 36, 1.5, -1, Number.NaN]) {
      await expect(enablePointInTimeRecovery(table, { recoveryPeriodInDays: bad })).rejects.toBeInstanceOf(ConfigurationError);
    }
    expect(double.handled.length).toBe(sent);
  });

  it('names a missing table', async () => {
    const ghost = new Table({ name: tableName('ghost'), client: double.client, partitionKey: 'pk' });
    await expect(describePointInTimeRecovery(ghost)).rejects.toBeInstanceOf(TableNotFoundError);
  });

  it('restores the items as of a point in time into a new table, then re-applies TTL, stream, PITR and tags', async () => {
    const { table, Thing } = await declaredTable();
    await enablePointInTimeRecovery(table);
    await Thing.put({ id: 'a', n: 1 });
    await Thing.put({ id: 'b', n: 2 });
    await pause(20);
    const point = new Date();
    await pause(20);
    await Thing.put({ id: 'a', n: 100 }); // overwritten after the point
    await Thing.delete({ id: 'b' }); // deleted after the point
    await Thing.put({ id: 'c', n: 3 }); // created after the point

    const events: RestoreProgress[] = [];
    const target = tableName('restored');
    const result = await restoreToPointInTime(table, { at: point }, {
      targetTableName: target,
      pointInTimeRecovery: { recoveryPeriodInDays: 3 },
      tags: { team: 'storage' },
      onProgress: (e) => events.push(e),
      intervalMs: 20,
    });

    expect(result.tableName).toBe(target);
    expect(result.reapplied).toEqual(['enable ttl on expiresAt', 'enable stream NEW_AND_OLD_IMAGES', 'enable point-in-time recovery (3 days)', 'tag team']);
    expect(events[0]).toEqual({ phase: 'started', table: target });
    expect(events.some((e) => e.phase === 'restoring' && e.status === 'CREATING')).toBe(true);
    expect(events.at(-1)).toEqual({ phase: 'done', table: target });

    // The new table is real (in DynamoDB Local) and holds the items as of the point.
    const restored = new Table({ name: target, client: double.client, partitionKey: 'pk', sortKey: 'sk', indexes: { byN: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } } });
    const Restored = restored.entity('Thing', { schema, keys: { primary: { pk: ['THING', 'id'], sk: ['V'] }, byN: { pk: ['N'], sk: ['id'] } } });
    expect(await Restored.get({ id: 'a' })).toEqual({ id: 'a', n: 1 });
    expect(await Restored.get({ id: 'b' })).toEqual({ id: 'b', n: 2 });
    expect(await Restored.get({ id: 'c' })).toBeUndefined();
    const live = (await double.client.send(new DescribeTableCommand({ TableName: target }))).Table!;
    expect(live.TableStatus).toBe('ACTIVE');
    expect(live.StreamSpecification).toMatchObject({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(live.GlobalSecondaryIndexes?.map((g) => g.IndexName)).toEqual(['byN']);
    expect(live.RestoreSummary?.RestoreInProgress).toBe(false);
    const ttl = await double.client.send(new DescribeTimeToLiveCommand({ TableName: target }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    expect(await describePointInTimeRecovery(restored)).toMatchObject({ enabled: true, recoveryPeriodInDays: 3 });
    const tags = await double.client.send(new ListTagsOfResourceCommand({ ResourceArn: live.TableArn }));
    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'storage' }]);
    await restored.delete();
  });

  it('binds the source entities to the restored table for verification reads (typed, read-only)', async () => {
    const { table, Thing } = await declaredTable();
    const { Thing: Other } = await declaredTable();
    await enablePointInTimeRecovery(table);
    await Thing.put({ id: 'a', n: 1 });
    await Thing.put({ id: 'b', n: 2 });
    await pause(20);
    const point = new Date();
    await pause(20);
    await Thing.put({ id: 'a', n: 100 });
    const target = tableName('verify');
    const result = await restoreToPointInTime(table, { at: point }, { targetTableName: target, intervalMs: 20 });
    created.push(new Table({ name: target, client: double.client, partitionKey: 'pk' }));

    const Restored = result.entity(Thing);
    expect(result.entity(Thing)).toEqual(Restored);
    const a = await getItem(Restored, { id: 'a' });
    expect(a).toEqual({ id: 'a', n: 1 }); // as of the point, while the source holds 100
    const n: number | undefined = a?.n; // typed like the source entity
    expect(n).toBe(1);
    expect(await Thing.get({ id: 'a' })).toEqual({ id: 'a', n: 100 });
    expect((await query(Restored, 'primary', { id: 'b' })).items).toEqual([{ id: 'b', n: 2 }]);
    expect((await scan(Restored)).items).toHaveLength(2);
    expect(await count(Restored, 'primary', { id: 'b' })).toBe(1);
    // A verification handle never writes into the table it checks, and only binds entities of the restored table's source.
    await expect(putItem(Restored, { id: 'z', n: 0 })).rejects.toMatchObject({ name: 'ConfigurationError', message: expect.stringContaining('bound to a restored table') });
    expect(() => result.entity(Other)).toThrow(ConfigurationError);
    expect((await double.client.send(new ScanCommand({ TableName: target }))).Items).toHaveLength(2);
  });

  it('restores with index and billing overrides and deletion protection from the declaration', async () => {
    const { table, Thing } = await declaredTable({ deletionProtection: true, plain: true });
    await enablePointInTimeRecovery(table);
    await Thing.put({ id: 'x', n: 9 });
    const target = tableName('noidx');
    const result = await restoreToPointInTime(table, { latest: true }, {
      targetTableName: target,
      indexes: [],
      billing: { mode: 'provisioned', read: 3, write: 2 },
      intervalMs: 20,
    });
    expect(result.reapplied).toEqual(['enable deletion protection']);
    const live = result.description;
    expect(live.DeletionProtectionEnabled).toBe(true);
    expect(live.GlobalSecondaryIndexes ?? []).toEqual([]);
    expect(live.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 3, WriteCapacityUnits: 2 });
    const scan = await double.client.send(new ScanCommand({ TableName: target }));
    expect(scan.Items?.length).toBe(1);
    // Turn protection off so the file's cleanup can delete both tables.
    for (const name of [target, table.name]) {
      const { UpdateTableCommand } = await import('@aws-sdk/client-dynamodb');
      await double.client.send(new UpdateTableCommand({ TableName: name, DeletionProtectionEnabled: false }));
    }
  });

  it('fails before the restore when PITR is off or the time is outside the window', async () => {
    const { table } = await declaredTable();
    const target = tableName('never');
    await expect(restoreToPointInTime(table, { latest: true }, { targetTableName: target })).rejects.toBeInstanceOf(PointInTimeRecoveryUnavailableError);
    await enablePointInTimeRecovery(table);
    const early = new Date(Date.now() - 3_600_000);
    const error = await restoreToPointInTime(table, { at: early }, { targetTableName: target }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRestoreTimeError);
    expect((error as InvalidRestoreTimeError).requested).toEqual(early);
    expect((error as InvalidRestoreTimeError).window!.earliest.getTime()).toBeGreaterThan(early.getTime());
    expect(double.handled.filter((op) => op === 'RestoreTableToPointInTime')).not.toContain(target);
    await expect(restoreToPointInTime(table, { at: new Date(Number.NaN) }, { targetTableName: target })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(restoreToPointInTime(table, { latest: true }, { targetTableName: table.name })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(restoreToPointInTime(table, { latest: true }, { targetTableName: target, indexes: ['nope'] })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(restoreToPointInTime(table, { latest: true }, { targetTableName: target, pointInTimeRecovery: { recoveryPeriodInDays: 40 } })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(restoreToPointInTime(table, { latest: true }, { targetTableName: target, tags: { 'aws:x': 'y' } })).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('maps an existing target to TableAlreadyExistsError', async () => {
    const { table } = await declaredTable();
    const { table: other } = await declaredTable();
    await enablePointInTimeRecovery(table);
    await expect(restoreToPointInTime(table, { latest: true }, { targetTableName: other.name })).rejects.toBeInstanceOf(TableAlreadyExistsError);
  });
});

describe('on-demand backups', () => {
  it('creates (waiting for AVAILABLE), lists across pages, describes, restores with re-apply and deletes', async () => {
    const { table, Thing } = await declaredTable();
    await Thing.put({ id: 'a', n: 1 });
    const states: string[] = [];
    const first = await createBackup(table, 'first-backup', { intervalMs: 20, onProgress: (b) => states.push(b.status) });
    expect(first.status).toBe('AVAILABLE');
    expect(states[0]).toBe('CREATING');
    await Thing.put({ id: 'b', n: 2 });
    const second = await createBackup(table, 'second-backup', { noWait: true });
    expect(second.status).toBe('CREATING');
    const third = await createBackup(table, 'third-backup', { intervalMs: 20 });

    const listed = await listBackups(table);
    expect(listed.map((b) => b.name)).toEqual(['first-backup', 'second-backup', 'third-backup']); // the double pages by 2
    const described = await describeBackup(table, first.arn);
    expect(described.backup).toMatchObject({ name: 'first-backup', status: 'AVAILABLE', tableName: table.name });
    expect(described.description?.SourceTableDetails?.ItemCount).toBe(1);

    const target = tableName('frombk');
    const restored = await restoreFromBackup(table, first.arn, { targetTableName: target, intervalMs: 20 });
    expect(restored.reapplied).toEqual(['enable ttl on expiresAt', 'enable stream NEW_AND_OLD_IMAGES']);
    const scan = await double.client.send(new ScanCommand({ TableName: target }));
    expect(scan.Items?.map((i) => i.pk?.S)).toEqual(['THING#a']);

    expect((await deleteBackup(table, third.arn)).status).toBe('DELETED');
    await expect(describeBackup(table, third.arn)).rejects.toBeInstanceOf(BackupNotFoundError);
    expect((await listBackups(table)).map((b) => b.name)).toEqual(['first-backup', 'second-backup']);
    await new Table({ name: target, client: double.client, partitionKey: 'pk' }).delete();
  });

  it('refuses bad names and ARNs before any request', async () => {
    const { table } = await declaredTable();
    const sent = double.handled.length;
    for (const bad of ['ab', 'has space', 'x'.repeat(256), '']) {
      await expect(createBackup(table, bad)).rejects.toBeInstanceOf(ConfigurationError);
    }
    await expect(describeBackup(table, 'not-an-arn')).rejects.toBeInstanceOf(ConfigurationError);
    await expect(restoreFromBackup(table, 'nope', { targetTableName: 'valid-name' })).rejects.toBeInstanceOf(ConfigurationError);
    expect(double.handled.length).toBe(sent);
  });
});
