import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBackupInput, listBackupsInput } from '../../../src/admin/backup/backup-request.js';
import { updateContinuousBackupsInput } from '../../../src/admin/point-in-time-recovery/pitr-request.js';
import { reapplyPlan } from '../../../src/admin/restore/reapply-plan.js';
import { backupRestoreInput, pointInTimeRestoreInput } from '../../../src/admin/restore/restore-request.js';
import { ConfigurationError, Table } from '../../../src/index.js';
import { localClient } from '../../helpers/local.js';

const client = localClient();
const table = new Table({
  name: 'orders',
  client,
  partitionKey: 'pk',
  sortKey: 'sk',
  billing: { mode: 'provisioned', read: 5, write: 5 },
  indexes: { byStatus: { partitionKey: 'g1pk', sortKey: 'g1sk' }, bySk: { type: 'local', sortKey: 'lsk', projection: 'keys-only' } },
  ttlAttribute: 'exp',
  stream: 'NEW_IMAGE',
  deletionProtection: true,
});
const arn = 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/01489173575360-b308cd7d';

describe('backup and restore request builders (pure)', () => {
  it('accepts exactly the whole recovery periods 1–35', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -100, max: 100 }), fc.double({ noNaN: false })), (days) => {
        const ok = Number.isInteger(days) && days >= 1 && days <= 35;
        if (ok) expect(updateContinuousBackupsInput('t', true, days).PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: days });
        else expect(() => updateContinuousBackupsInput('t', true, days)).toThrow(ConfigurationError);
      }),
    );
    expect(updateContinuousBackupsInput('t', false)).toEqual({ TableName: 't', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } });
    expect(() => updateContinuousBackupsInput('t', false, 3)).toThrow(ConfigurationError);
  });

  it('checks backup names against DynamoDB’s rule', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (name) => {
        const ok = /^[A-Za-z0-9_.-]{3,255}$/.test(name);
        if (ok) expect(createBackupInput('orders', name)).toEqual({ TableName: 'orders', BackupName: name });
        else expect(() => createBackupInput('orders', name)).toThrow(ConfigurationError);
      }),
    );
  });

  it('builds point-in-time and backup restores with declared index and billing overrides', () => {
    const at = new Date('2026-11-30T12:00:00Z');
    const input = pointInTimeRestoreInput(table.model, { at }, { targetTableName: 'orders-restored', indexes: 'declared', billing: { mode: 'provisioned', read: 7, write: 3 } });
    expect(input).toMatchObject({
      SourceTableName: 'orders',
      RestoreDateTime: at,
      TargetTableName: 'orders-restored',
      BillingModeOverride: 'PROVISIONED',
      ProvisionedThroughputOverride: { ReadCapacityUnits: 7, WriteCapacityUnits: 3 },
      GlobalSecondaryIndexOverride: [{ IndexName: 'byStatus', ProvisionedThroughput: { ReadCapacityUnits: 7, WriteCapacityUnits: 3 } }],
      LocalSecondaryIndexOverride: [{ IndexName: 'bySk', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'lsk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    });
    expect(pointInTimeRestoreInput(table.model, { latest: true }, { targetTableName: 'orders-2' })).toEqual({ SourceTableName: 'orders', UseLatestRestorableTime: true, TargetTableName: 'orders-2' });
    const onDemand = backupRestoreInput(table.model, arn, { targetTableName: 'orders-3', indexes: ['bySk'], billing: { mode: 'on-demand' } });
    expect(onDemand).toEqual({ BackupArn: arn, TargetTableName: 'orders-3', BillingModeOverride: 'PAY_PER_REQUEST', GlobalSecondaryIndexOverride: [], LocalSecondaryIndexOverride: [expect.objectContaining({ IndexName: 'bySk' })] });
    expect(() => backupRestoreInput(table.model, arn, { targetTableName: 'x', billing: { mode: 'provisioned', read: 0, write: 1 } })).toThrow(ConfigurationError);
  });

  it('plans the re-apply steps from the declaration and options', () => {
    expect(reapplyPlan(table.model, 'orders-restored', { pointInTimeRecovery: true, tags: { env: 'prod' } })).toEqual([
      { kind: 'ttl', attribute: 'exp' },
      { kind: 'stream', viewType: 'NEW_IMAGE' },
      { kind: 'deletion-protection' },
      { kind: 'point-in-time-recovery', recoveryPeriodInDays: undefined },
      { kind: 'tags', tags: { env: 'prod' } },
    ]);
    expect(() => reapplyPlan(table.model, 'x', { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) })).toThrow(ConfigurationError);
    expect(() => reapplyPlan(table.model, 'x', { tags: { k: 'v'.repeat(257) } })).toThrow(ConfigurationError);
  });

  it('lists backups with validated time bounds', () => {
    const after = new Date(0);
    expect(listBackupsInput('orders', { type: 'USER', createdAfter: after }, 'arn:x')).toEqual({ TableName: 'orders', BackupType: 'USER', TimeRangeLowerBound: after, ExclusiveStartBackupArn: 'arn:x' });
    expect(() => listBackupsInput('orders', { createdBefore: new Date(Number.NaN) }, undefined)).toThrow(ConfigurationError);
  });
});
