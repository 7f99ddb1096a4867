import {
  DescribeTimeToLiveCommand,
  TagResourceCommand,
  UpdateContinuousBackupsCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type DescribeTimeToLiveCommandOutput,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { backupSend } from '../backup-errors/backup-errors.js';
import { controlSend } from '../control-plane/control-send.js';
import type { WaitOptions } from '../control-plane/poll.js';
import { updateContinuousBackupsInput } from '../point-in-time-recovery/pitr-request.js';
import type { ReapplyStep } from './reapply-plan.js';
import { waitTableReady } from './wait-table-active.js';

/**
 * Applies one step to a restored table and waits until the table is ACTIVE
 * again. Steps already in place (TTL on, stream on) are left alone, so a
 * retry after a failure is safe. Returns the table as it is afterwards.
 * @internal
 */
export async function applyStep(
  client: DynamoDBClient,
  table: TableDescription,
  step: ReapplyStep,
  options: WaitOptions | undefined,
): Promise<TableDescription> {
  const name = table.TableName!;
  const context = (operation: string) => ({ table: name, operation });
  switch (step.kind) {
    case 'ttl': {
      const ttl = await controlSend<DescribeTimeToLiveCommandOutput>(client, new DescribeTimeToLiveCommand({ TableName: name }), context('DescribeTimeToLive'));
      const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
      if (status === 'ENABLED' || status === 'ENABLING') return table;
      await controlSend(
        client,
        new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: step.attribute, Enabled: true } }),
        context('UpdateTimeToLive'),
      );
      return table;
    }
    case 'stream':
      if (table.StreamSpecification?.StreamEnabled) return table;
      await controlSend(
        client,
        new UpdateTableCommand({ TableName: name, StreamSpecification: { StreamEnabled: true, StreamViewType: step.viewType } }),
        context('UpdateTable'),
      );
      return waitTableReady(client, name, options);
    case 'deletion-protection':
      if (table.DeletionProtectionEnabled) return table;
      await controlSend(client, new UpdateTableCommand({ TableName: name, DeletionProtectionEnabled: true }), context('UpdateTable'));
      return waitTableReady(client, name, options);
    case 'point-in-time-recovery':
      await backupSend(client, new UpdateContinuousBackupsCommand(updateContinuousBackupsInput(name, true, step.recoveryPeriodInDays)), context('UpdateContinuousBackups'));
      return table;
    case 'tags':
      await controlSend(
        client,
        new TagResourceCommand({ ResourceArn: table.TableArn, Tags: Object.entries(step.tags).map(([Key, Value]) => ({ Key, Value })) }),
        context('TagResource'),
      );
      return table;
  }
}
