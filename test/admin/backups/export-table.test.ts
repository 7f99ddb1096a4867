import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import {
  enablePointInTimeRecovery,
  exportBucket,
  ExportConflictError,
  ExportFailedError,
  exportTable,
  InvalidExportTimeError,
  listExports,
  openExport,
  PointInTimeRecoveryUnavailableError,
  readExportChanges,
  readExportItems,
  type ExportInfo,
} from '../../../src/admin.js';
import { ConfigurationError, Table } from '../../../src/index.js';
import { startControlPlaneDouble, type ControlPlaneDouble } from '../../doubles/control-plane.double.js';
import { createExportHandlers } from '../../doubles/control-plane-exports.double.js';
import { tableName } from '../../helpers/local.js';
import { startLoopbackS3, type LoopbackS3 } from '../../helpers/s3.js';

let double: ControlPlaneDouble;
let s3: LoopbackS3;
beforeAll(async () => {
  s3 = await startLoopbackS3();
  double = await startControlPlaneDouble({ target: inject('dynamoEndpoint'), pitrBackdateMs: 3_600_000, extraHandlers: (state) => createExportHandlers(state, s3.client, 50) });
});
afterAll(async () => {
  await double.close();
  await s3.close();
});

const schema = z.object({ id: z.string(), n: z.number() });
async function declared() {
  const table = new Table({ name: tableName('exp'), client: double.client, partitionKey: 'pk', sortKey: 'sk' });
  await table.create();
  const Thing = table.entity('Thing', { schema, keys: { primary: { pk: ['THING', 'id'], sk: ['V'] } } });
  return { table, Thing };
}
async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('exportTable through the control-plane double into s3rver', () => {
  it('a full export as of a time, waited with progress, reads back as typed entities', async () => {
    const { table, Thing } = await declared();
    await enablePointInTimeRecovery(table);
    await Thing.put({ id: 'a', n: 1 });
    await Thing.put({ id: 'b', n: 2 });
    await pause(20);
    const at = new Date();
    await pause(20);
    await Thing.put({ id: 'a', n: 10 });
    await Thing.put({ id: 'c', n: 3 });
    const progress: ExportInfo[] = [];
    const done = await exportTable(table, { bucket: s3.bucket, prefix: 'full', at, intervalMs: 20, onProgress: (e) => progress.push(e) });
    expect(done).toMatchObject({ status: 'COMPLETED', type: 'FULL_EXPORT', format: 'DYNAMODB_JSON', itemCount: 2 });
    expect(progress[0]!.status).toBe('IN_PROGRESS');
    expect(done.manifestKey).toMatch(/^full\/AWSDynamoDB\/[^/]+\/manifest-summary\.json$/);
    const manifest = await openExport(exportBucket({ client: s3.client, bucket: s3.bucket }), done.manifestKey!);
    const items = await collect(readExportItems(manifest, { entities: [Thing] }));
    expect(items.map((r) => r.item).sort((x, y) => x.id.localeCompare(y.id))).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]);
    expect((await listExports(table)).map((e) => e.arn)).toEqual([done.arn]);
  });

  it('an incremental export holds the net change per item of the window', async () => {
    const { table, Thing } = await declared();
    await Thing.put({ id: 'kept', n: 1 });
    await Thing.put({ id: 'gone', n: 1 });
    await enablePointInTimeRecovery(table); // window starts an hour ago (the double backdates it), holding kept+gone
    const from = new Date(Date.now() - 30 * 60_000);
    await Thing.put({ id: 'kept', n: 2 });
    await Thing.put({ id: 'kept', n: 3 });
    await Thing.delete({ id: 'gone' });
    await Thing.put({ id: 'new', n: 7 });
    await Thing.put({ id: 'blip', n: 0 });
    await Thing.delete({ id: 'blip' }); // created and deleted inside the window: absent
    await pause(20);
    const done = await exportTable(table, { bucket: s3.bucket, incremental: { from }, intervalMs: 20 });
    expect(done.type).toBe('INCREMENTAL_EXPORT');
    const manifest = await openExport(exportBucket({ client: s3.client, bucket: s3.bucket }), done.manifestKey!);
    const changes = await collect(readExportChanges(manifest, { entities: [Thing] }));
    const byId = Object.fromEntries(changes.map((c) => [String(c.keys.pk), c]));
    expect(Object.keys(byId).sort()).toEqual(['THING#gone', 'THING#kept', 'THING#new']);
    expect(byId['THING#kept']).toMatchObject({ kind: 'modify', newItem: { id: 'kept', n: 3 }, oldItem: { id: 'kept', n: 1 } });
    expect(byId['THING#gone']).toMatchObject({ kind: 'remove', newItem: undefined, oldItem: { id: 'gone', n: 1 } });
    expect(byId['THING#new']).toMatchObject({ kind: 'insert', newItem: { id: 'new', n: 7 } });
    expect(changes.every((c) => c.writtenAt.getTime() > from.getTime())).toBe(true);
  });

  it('typed errors: PITR off, time outside the window, token conflict, failed export; bad options before any request', async () => {
    const { table } = await declared();
    await expect(exportTable(table, { bucket: s3.bucket })).rejects.toBeInstanceOf(PointInTimeRecoveryUnavailableError);
    await enablePointInTimeRecovery(table);
    await expect(exportTable(table, { bucket: s3.bucket, at: new Date(Date.now() - 2 * 3_600_000) })).rejects.toBeInstanceOf(InvalidExportTimeError);
    await exportTable(table, { bucket: s3.bucket, clientToken: 'tok-1', noWait: true });
    await expect(exportTable(table, { bucket: s3.bucket, prefix: 'other', clientToken: 'tok-1' })).rejects.toBeInstanceOf(ExportConflictError);
    const failed = await exportTable(table, { bucket: 'no-such-bucket', intervalMs: 20 }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ExportFailedError);
    expect((failed as ExportFailedError).export.failureCode).toBe('S3NoSuchBucket');

    const sent = double.handled.length;
    const now = new Date();
    for (const bad of [
      { bucket: 'x' },
      { bucket: s3.bucket, format: 'CSV' as never },
      { bucket: s3.bucket, at: new Date(Number.NaN) },
      { bucket: s3.bucket, incremental: { from: new Date(now.getTime() - 60_000), to: now } },
      { bucket: s3.bucket, incremental: { from: new Date(now.getTime() - 25 * 3_600_000), to: now } },
      { bucket: s3.bucket, at: now, incremental: { from: now } },
    ]) {
      await expect(exportTable(table, bad)).rejects.toBeInstanceOf(ConfigurationError);
    }
    expect(double.handled.length).toBe(sent);
  });
});
