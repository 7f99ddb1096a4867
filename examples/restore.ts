/**
 * Restoring after a bad deploy: point-in-time recovery and on-demand
 * backups as free functions of tablewright/admin. DynamoDB Local has no
 * backups, so the control plane is the project's TEST DOUBLE (a proxy in
 * front of this example's own DynamoDB Local that keeps item history); the
 * restored table is a real table in Local, read back with the same entity.
 * Run: npx tsx examples/restore.ts
 */
import { DescribeTimeToLiveCommand, ListTagsOfResourceCommand } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import {
  createBackup,
  describePointInTimeRecovery,
  enablePointInTimeRecovery,
  InvalidRestoreTimeError,
  restoreFromBackup,
  restoreToPointInTime,
} from '../src/admin.js';
import { getItem, Table } from '../src/index.js';
import { startDynamoDBLocal } from '../src/testing/index.js';
import { startControlPlaneDouble } from '../test/doubles/control-plane.double.js';
import { check, step } from './support/check.js';

const local = await startDynamoDBLocal();
const controlPlane = await startControlPlaneDouble({ target: local.endpoint, restoreDelayMs: 100 });
try {
  const client = controlPlane.client;
  const declaration = { client, partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'expiresAt', stream: 'NEW_AND_OLD_IMAGES' } as const;
  const order = { schema: z.object({ id: z.string(), total: z.number() }), keys: { primary: { pk: ['ORDER', 'id'], sk: ['V'] } } } as const;
  const table = new Table({ ...declaration, name: 'orders' });
  await table.create();
  const Order = table.entity('Order', order);

  step('Turn on point-in-time recovery (7 days) and write some orders');
  const pitr = await enablePointInTimeRecovery(table, { recoveryPeriodInDays: 7 });
  check('PITR enabled with a 7-day period', [pitr.enabled, pitr.recoveryPeriodInDays], [true, 7]);
  await Order.put({ id: 'a', total: 10 });
  await Order.put({ id: 'b', total: 20 });
  const backup = await createBackup(table, 'before-deploy');
  check('on-demand backup AVAILABLE', backup.status, 'AVAILABLE');
  await new Promise((r) => setTimeout(r, 20));
  const beforeDeploy = new Date();
  await new Promise((r) => setTimeout(r, 20));

  step('A bad deploy zeroes a total and deletes an order');
  await Order.put({ id: 'a', total: 0 });
  await Order.delete({ id: 'b' });

  step('Restore to the moment before the deploy, into a new table');
  const phases: string[] = [];
  const restored = await restoreToPointInTime(table, { at: beforeDeploy }, {
    targetTableName: 'orders-restored',
    pointInTimeRecovery: true,
    tags: { reason: 'bad-deploy' },
    onProgress: (e) => phases.push(e.phase),
    intervalMs: 20,
  });
  check('progress phases', [...new Set(phases)], ['started', 'restoring', 'configuring', 'done']);
  check('settings a restore does not carry, re-applied', restored.reapplied, [
    'enable ttl on expiresAt',
    'enable stream NEW_AND_OLD_IMAGES',
    'enable point-in-time recovery',
    'tag reason',
  ]);
  // Verification reads: the same entity, bound to the restored table (read-only).
  const RestoredOrder = restored.entity(Order);
  check('order a as before the deploy', await getItem(RestoredOrder, { id: 'a' }), { id: 'a', total: 10 });
  check('order b is back', await getItem(RestoredOrder, { id: 'b' }), { id: 'b', total: 20 });
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: 'orders-restored' }));
  check('TTL on the restored table', ttl.TimeToLiveDescription?.TimeToLiveStatus, 'ENABLED');
  const tags = await client.send(new ListTagsOfResourceCommand({ ResourceArn: restored.tableArn }));
  check('tags on the restored table', tags.Tags, [{ Key: 'reason', Value: 'bad-deploy' }]);
  check('PITR on the restored table', (await describePointInTimeRecovery(new Table({ ...declaration, name: 'orders-restored' }))).enabled, true);

  step('A time outside the restorable window fails before any restore starts');
  const tooEarly = await restoreToPointInTime(table, { at: new Date(Date.now() - 30 * 86_400_000) }, { targetTableName: 'orders-never' }).catch((e: unknown) => e);
  check('InvalidRestoreTimeError carrying the window', tooEarly instanceof InvalidRestoreTimeError && tooEarly.window !== undefined, true);

  step('Or restore the on-demand backup');
  await restoreFromBackup(table, backup.arn, { targetTableName: 'orders-from-backup', intervalMs: 20 });
  const FromBackup = new Table({ ...declaration, name: 'orders-from-backup' }).entity('Order', order);
  check('the backup holds order a as backed up', await FromBackup.get({ id: 'a' }), { id: 'a', total: 10 });
} finally {
  await controlPlane.close();
  await local.stop();
}
