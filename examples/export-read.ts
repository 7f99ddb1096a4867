/**
 * Reading a DynamoDB export back as typed entities. The entities are written
 * to this example's own DynamoDB Local; the export itself is performed by the
 * project's control-plane TEST DOUBLE (DynamoDB Local has no exports), which
 * writes the documented files (DynamoDB JSON and ION) into a real S3 API on
 * loopback (s3rver). The reader is the library's: manifest, checksums, gzip streaming, routing by
 * entity type, validation.
 * Run: npx tsx examples/export-read.ts
 */
import { z } from 'zod';
import { enablePointInTimeRecovery, exportBucket, exportTable, openExport, readExportChanges, readExportItems, type ExportLineIssue } from '../src/admin.js';
import { Table } from '../src/index.js';
import { startDynamoDBLocal } from '../src/testing/index.js';
import { createExportHandlers } from '../test/doubles/control-plane-exports.double.js';
import { startControlPlaneDouble } from '../test/doubles/control-plane.double.js';
import { startLoopbackS3 } from '../test/helpers/s3.js';
import { check, step } from './support/check.js';

const local = await startDynamoDBLocal();
const s3 = await startLoopbackS3('analytics');
const controlPlane = await startControlPlaneDouble({
  target: local.endpoint,
  pitrBackdateMs: 3_600_000, // lets a 15-minute incremental window fit in a short run
  extraHandlers: (state) => createExportHandlers(state, s3.client, 50),
});
try {
  const table = new Table({ name: 'shop', client: controlPlane.client, partitionKey: 'pk', sortKey: 'sk' });
  await table.create();
  const Order = table.entity('Order', {
    schema: z.object({ orgId: z.string(), orderId: z.string(), total: z.number(), placedAt: z.date() }),
    keys: { primary: { pk: ['ORG', 'orgId'], sk: ['ORDER', 'orderId'] } },
  });
  const Customer = table.entity('Customer', {
    schema: z.object({ orgId: z.string(), customerId: z.string(), name: z.string() }),
    keys: { primary: { pk: ['ORG', 'orgId'], sk: ['CUSTOMER', 'customerId'] } },
  });

  step('Write entities, with point-in-time recovery on (exports need it)');
  await enablePointInTimeRecovery(table);
  const since = new Date(Date.now() - 20 * 60_000);
  const placedAt = new Date('2026-11-30T09:00:00.000Z');
  for (let i = 0; i < 30; i++) await Order.put({ orgId: `org${i % 3}`, orderId: `o${i}`, total: i, placedAt });
  for (let i = 0; i < 5; i++) await Customer.put({ orgId: `org${i % 3}`, customerId: `c${i}`, name: `Customer ${i}` });

  step('Full export to S3, waited with progress');
  const statuses: string[] = [];
  const full = await exportTable(table, { bucket: s3.bucket, prefix: 'shop', intervalMs: 20, onProgress: (e) => statuses.push(e.status) });
  check('export COMPLETED with 35 items', [full.status, full.itemCount], ['COMPLETED', 35]);
  check('progress went IN_PROGRESS → COMPLETED', [statuses[0], statuses.at(-1)], ['IN_PROGRESS', 'COMPLETED']);

  step('Read it back as typed entities');
  const manifest = await openExport(exportBucket({ client: s3.client, bucket: s3.bucket }), full.manifestKey!);
  let revenue = 0;
  const names: string[] = [];
  for await (const record of readExportItems(manifest, { entities: [Order, Customer] })) {
    if (record.entity === 'Order') revenue += record.item.total; // typed: number
    else names.push(record.item.name); // typed: string
  }
  check('revenue summed from typed orders', revenue, (29 * 30) / 2);
  check('customers routed by entity type', names.sort(), ['Customer 0', 'Customer 1', 'Customer 2', 'Customer 3', 'Customer 4']);

  step('The same export in ION (read with ion-js, an optional peer)');
  const ionExport = await exportTable(table, { bucket: s3.bucket, prefix: 'shop-ion', format: 'ION', intervalMs: 20 });
  const ionManifest = await openExport(exportBucket({ client: s3.client, bucket: s3.bucket }), ionExport.manifestKey!);
  let ionRevenue = 0;
  for await (const record of readExportItems(ionManifest, { entities: [Order, Customer] })) if (record.entity === 'Order') ionRevenue += record.item.total;
  check('ION export: same format in the manifest, same typed orders', [ionManifest.summary.outputFormat, ionRevenue], ['ION', revenue]);

  step('Split the export between two workers by data file');
  const half = Math.ceil(manifest.files.length / 2);
  const issues: ExportLineIssue[] = [];
  let split = 0;
  for (const files of [manifest.files.slice(0, half), manifest.files.slice(half)]) {
    for await (const _ of readExportItems(manifest, { entities: [Order, Customer], files, concurrency: 2, onInvalid: (i) => issues.push(i) })) split++;
  }
  check('both workers together read every item, no bad lines', [split, issues.length], [35, 0]);

  step('Incremental export: what changed since enabling');
  await Order.put({ orgId: 'org0', orderId: 'o0', total: 100, placedAt });
  await Order.delete({ orgId: 'org1', orderId: 'o1' });
  const incremental = await exportTable(table, { bucket: s3.bucket, prefix: 'shop-inc', incremental: { from: since }, intervalMs: 20 });
  const changes = [];
  for await (const c of readExportChanges(await openExport(exportBucket({ client: s3.client, bucket: s3.bucket }), incremental.manifestKey!), { entities: [Order, Customer] })) changes.push(c);
  const o0 = changes.find((c) => c.keys.sk === 'ORDER#o0');
  const o1 = changes.find((c) => c.keys.sk === 'ORDER#o1');
  check('35 items written in the window, one of them then deleted', [changes.length, o1?.kind], [34, undefined]);
  check('the overwritten order shows its latest image', o0?.newItem, { orgId: 'org0', orderId: 'o0', total: 100, placedAt });
} finally {
  await controlPlane.close();
  await s3.close();
  await local.stop();
}
