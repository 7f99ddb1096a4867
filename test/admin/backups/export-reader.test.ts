import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  exportBucket,
  ExportChecksumError,
  exportFolder,
  ExportLineError,
  ExportManifestError,
  openExport,
  readExportChanges,
  readExportItems,
  type ExportLineIssue,
  type ExportReadProgress,
} from '../../../src/admin.js';
import { ConfigurationError } from '../../../src/index.js';
import { putExportToS3, writeExport, writeExportToFolder, type ExportFiles, type Item } from '../../doubles/export-writer.double.js';
import { createTestTable, localClient } from '../../helpers/local.js';
import { startLoopbackS3, type LoopbackS3 } from '../../helpers/s3.js';

const client = localClient();
let s3: LoopbackS3;
let folder: string;
beforeAll(async () => {
  s3 = await startLoopbackS3();
  folder = await mkdtemp(join(tmpdir(), 'export-'));
});
afterAll(async () => {
  await s3.close();
  await rm(folder, { recursive: true, force: true });
});

const table = await createTestTable(client);
const Order = table.entity('Order', {
  schema: z.object({ orgId: z.string(), orderId: z.string(), total: z.number(), tags: z.set(z.string()), placedAt: z.date(), note: z.string().optional() }),
  keys: { primary: { pk: ['ORG', 'orgId'], sk: ['ORDER', 'orderId'] } },
});
const Customer = table.entity('Customer', {
  schema: z.object({ orgId: z.string(), customerId: z.string(), name: z.string(), avatar: z.instanceof(Uint8Array).optional() }),
  keys: { primary: { pk: ['ORG', 'orgId'], sk: ['CUSTOMER', 'customerId'] } },
});
const at = new Date('2026-11-30T10:00:00.000Z');
const orders = Array.from({ length: 40 }, (_, i) => ({ orgId: `o${i % 7}`, orderId: `a${i}`, total: i * 1.5, tags: new Set([`t${i % 3}`]), placedAt: at }));
const customers = Array.from({ length: 10 }, (_, i) => ({ orgId: `o${i}`, customerId: `c${i}`, name: `Customer ${i}`, avatar: new Uint8Array([i, 255, 0]) }));
for (const o of orders) await Order.put(o);
for (const c of customers) await Customer.put(c);
const stored = (await client.send(new ScanCommand({ TableName: table.name }))).Items as Item[];
const tableArn = `arn:aws:dynamodb:us-east-1:123456789012:table/${table.name}`;

function full(extra: Partial<Parameters<typeof writeExport>[0]> = {}): ExportFiles {
  return writeExport({ tableArn, bucket: s3.bucket, prefix: 'exports', partitionKey: 'pk', items: stored, dataFiles: 4, exportTime: at, ...extra });
}
async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
const byKey = (a: { item: Record<string, unknown> }, b: { item: Record<string, unknown> }) =>
  JSON.stringify([a.item.orderId ?? a.item.customerId]).localeCompare(JSON.stringify([b.item.orderId ?? b.item.customerId]));

describe('reading a full DynamoDB JSON export as typed entities', () => {
  it('reads every item back, validated and routed, from S3 (s3rver) and from a folder', async () => {
    const files = full();
    await putExportToS3(s3.client, s3.bucket, files);
    await writeExportToFolder(folder, files);
    const expected = [...orders.map((item) => ({ entity: 'Order', item })), ...customers.map((item) => ({ entity: 'Customer', item }))].sort(byKey);
    for (const source of [exportBucket({ client: s3.client, bucket: s3.bucket }), exportFolder(folder)]) {
      const manifest = await openExport(source, files.summaryKey);
      expect(manifest.type).toBe('FULL_EXPORT');
      expect(manifest.files).toHaveLength(4);
      expect(manifest.summary.itemCount).toBe(50);
      const progress: ExportReadProgress[] = [];
      const read = await collect(readExportItems(manifest, { entities: [Order, Customer], onProgress: (p) => progress.push(p) }));
      expect(read.sort(byKey)).toEqual(expected);
      expect(progress.map((p) => p.filesDone)).toEqual([1, 2, 3, 4]);
      expect(progress.at(-1)?.records).toBe(50);
    }
  });

  it('reads an ION export (ion-js) to the same typed items', async () => {
    const files = full({ format: 'ION' });
    expect([...files.objects.keys()].some((k) => k.endsWith('.ion.gz'))).toBe(true);
    await putExportToS3(s3.client, s3.bucket, files);
    const manifest = await openExport(exportBucket({ client: s3.client, bucket: s3.bucket }), files.summaryKey);
    expect(manifest.summary.outputFormat).toBe('ION');
    const expected = [...orders.map((item) => ({ entity: 'Order', item })), ...customers.map((item) => ({ entity: 'Customer', item }))].sort(byKey);
    expect((await collect(readExportItems(manifest, { entities: [Order, Customer] }))).sort(byKey)).toEqual(expected);
  });

  it('types each record by entity', async () => {
    const files = full();
    await writeExportToFolder(folder, files);
    const manifest = await openExport(exportFolder(folder), files.summaryKey);
    let totals = 0;
    for await (const record of readExportItems(manifest, { entities: [Order, Customer] })) {
      if (record.entity === 'Order') totals += record.item.total; // typed: number
      else expect(record.item.name.startsWith('Customer')).toBe(true); // typed: string
    }
    expect(totals).toBe(orders.reduce((n, o) => n + o.total, 0));
  });

  it('splits one export between workers by data file, with any concurrency', async () => {
    const files = full({ dataFiles: 5 });
    await writeExportToFolder(folder, files);
    const manifest = await openExport(exportFolder(folder), files.summaryKey);
    const workerA = await collect(readExportItems(manifest, { entities: [Order, Customer], files: manifest.files.slice(0, 2), concurrency: 1 }));
    const workerB = await collect(readExportItems(manifest, { entities: [Order, Customer], files: (_, i) => i >= 2, concurrency: 3 }));
    expect(workerA.length + workerB.length).toBe(50);
    expect(workerA.length).toBe(manifest.files.slice(0, 2).reduce((n, f) => n + f.itemCount, 0));
    const all = await collect(readExportItems(manifest, { entities: [Order, Customer], concurrency: 5 }));
    expect([...workerA, ...workerB].sort(byKey)).toEqual(all.sort(byKey));
    await expect(collect(readExportItems(manifest, { entities: [Order], files: [{ dataFileS3Key: 'nope', md5Checksum: '', itemCount: 0 }] }))).rejects.toBeInstanceOf(ConfigurationError);
    await expect(collect(readExportItems(manifest, { entities: [Order], concurrency: 0 }))).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('stops cleanly on an early break', async () => {
    const files = full();
    await writeExportToFolder(folder, files);
    const manifest = await openExport(exportFolder(folder), files.summaryKey);
    let n = 0;
    for await (const _ of readExportItems(manifest, { entities: [Order, Customer] })) if (++n === 3) break;
    expect(n).toBe(3);
  });

  it('verifies data files and manifests against their checksums', async () => {
    const files = full({ dataFiles: 2 });
    const dataKey = [...files.objects.keys()].find((k) => k.endsWith('.json.gz') && files.objects.get(k)!.length > 30)!;
    const body = files.objects.get(dataKey)!;
    const tampered = new Map(files.objects);
    const { gzipSync, gunzipSync } = await import('node:zlib');
    tampered.set(dataKey, gzipSync(Buffer.concat([gunzipSync(body), Buffer.from('')]), { level: 1 })); // same content, other bytes
    await writeExportToFolder(folder, { ...files, objects: tampered });
    const manifest = await openExport(exportFolder(folder), files.summaryKey);
    const error = await collect(readExportItems(manifest, { entities: [Order, Customer] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportChecksumError);
    expect((error as ExportChecksumError).file).toBe(dataKey);
    expect(await collect(readExportItems(manifest, { entities: [Order, Customer], verifyChecksums: false }))).toHaveLength(50);

    const badSummary = new Map(files.objects);
    badSummary.set(files.summaryKey.replace('.json', '.checksum'), Buffer.from('00'));
    await writeExportToFolder(folder, { ...files, objects: badSummary });
    await expect(openExport(exportFolder(folder), files.summaryKey)).rejects.toBeInstanceOf(ExportChecksumError);
    await expect(openExport(exportFolder(folder), 'missing/manifest-summary.json')).rejects.toBeInstanceOf(ExportManifestError);
  });

  it('reports bad lines with file and line number, or throws, never skips them silently', async () => {
    const badItems: Item[] = [
      stored[0]!,
      { ...stored[1]!, total: { S: 'not a number' } } as Item, // fails Order's schema (or Customer's)
      { pk: { S: 'X' }, sk: { S: 'Y' }, _et: { S: 'Invoice' } },
    ];
    const files = writeExport({ tableArn, bucket: s3.bucket, partitionKey: 'pk', items: badItems, dataFiles: 1 });
    const dataKey = [...files.objects.keys()].find((k) => k.endsWith('.json.gz'))!;
    const { gzipSync, gunzipSync } = await import('node:zlib');
    const text = `${gunzipSync(files.objects.get(dataKey)!).toString()}{"Item": {"pk": {"Q": "x"}}}\nnot json\n`;
    const objects = new Map(files.objects);
    objects.set(dataKey, gzipSync(text));
    await writeExportToFolder(folder, { ...files, objects });
    const manifest = await openExport(exportFolder(folder), files.summaryKey);
    const issues: ExportLineIssue[] = [];
    const read = await collect(readExportItems(manifest, { entities: [Order, Customer], verifyChecksums: false, onInvalid: (i) => issues.push(i) }));
    expect(read).toHaveLength(1);
    expect(issues.map((i) => [i.file, i.line, i.reason])).toEqual([
      [dataKey, 2, 'invalid-item'],
      [dataKey, 3, 'unknown-entity'],
      [dataKey, 4, 'malformed'],
      [dataKey, 5, 'malformed'],
    ]);
    const error = await collect(readExportItems(manifest, { entities: [Order, Customer], verifyChecksums: false })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportLineError);
    expect(error).toMatchObject({ file: dataKey, line: 2, reason: 'invalid-item' });
    const skipped: ExportLineIssue[] = [];
    await collect(readExportItems(manifest, { entities: [Order, Customer], verifyChecksums: false, unknownEntities: 'skip', onInvalid: (i) => skipped.push(i) }));
    expect(skipped.map((i) => i.line)).toEqual([2, 4, 5]);
  });

  it('reads empty data files (empty partitions) and refuses the wrong reader', async () => {
    const files = writeExport({ tableArn, bucket: s3.bucket, partitionKey: 'pk', items: stored.slice(0, 1), dataFiles: 3 });
    await writeExportToFolder(folder, files);
    const manifest = await openExport(exportFolder(folder), files.summaryKey);
    expect(manifest.files.filter((f) => f.itemCount === 0)).toHaveLength(2);
    expect(await collect(readExportItems(manifest, { entities: [Order, Customer] }))).toHaveLength(1);
    await expect(collect(readExportChanges(manifest, { entities: [Order] }))).rejects.toBeInstanceOf(ExportManifestError);
  });
});

describe('reading an incremental export as typed change records', () => {
  const image = (i: number) => stored.find((s) => s.sk?.S === `ORDER#a${i}`)!;
  const keysOf = (item: Item) => ({ pk: item.pk!, sk: item.sk! });
  const changed = (item: Item): Item => ({ ...item, total: { N: '999' } });
  const micros = BigInt(at.getTime()) * 1000n + 123n;

  it('yields insert / modify / remove with typed images and write times (NEW_AND_OLD_IMAGES)', async () => {
    const files = writeExport({
      tableArn,
      bucket: s3.bucket,
      partitionKey: 'pk',
      exportFromTime: at,
      exportToTime: new Date(at.getTime() + 3_600_000),
      changes: [
        { keys: keysOf(image(1)), newImage: image(1), writtenAtMicros: micros },
        { keys: keysOf(image(2)), newImage: changed(image(2)), oldImage: image(2), writtenAtMicros: micros },
        { keys: keysOf(image(3)), oldImage: image(3), writtenAtMicros: micros },
      ],
    });
    await putExportToS3(s3.client, s3.bucket, files);
    const manifest = await openExport(exportBucket({ client: s3.client, bucket: s3.bucket }), files.summaryKey);
    expect(manifest.type).toBe('INCREMENTAL_EXPORT');
    const changes = await collect(readExportChanges(manifest, { entities: [Order, Customer] }));
    const byKind = Object.fromEntries(changes.map((c) => [c.kind, c]));
    expect(byKind.insert).toMatchObject({ entity: 'Order', newItem: orders[1], oldItem: undefined, keys: { pk: 'ORG#o1', sk: 'ORDER#a1' } });
    expect(byKind.modify).toMatchObject({ entity: 'Order', newItem: { ...orders[2], total: 999 }, oldItem: orders[2] });
    expect(byKind.remove).toMatchObject({ entity: 'Order', newItem: undefined, oldItem: orders[3] });
    expect(changes.every((c) => c.writtenAt.getTime() === at.getTime() && c.writtenAtMicros === micros)).toBe(true);
    await expect(collect(readExportItems(manifest, { entities: [Order] }))).rejects.toBeInstanceOf(ExportManifestError);
  });

  it('reads the same changes from an ION incremental export', async () => {
    const files = writeExport({
      tableArn,
      bucket: s3.bucket,
      partitionKey: 'pk',
      format: 'ION',
      changes: [
        { keys: keysOf(image(6)), newImage: changed(image(6)), oldImage: image(6), writtenAtMicros: micros },
        { keys: keysOf(image(7)), oldImage: image(7), writtenAtMicros: micros },
      ],
    });
    await writeExportToFolder(folder, files);
    const changes = await collect(readExportChanges(await openExport(exportFolder(folder), files.summaryKey), { entities: [Order] }));
    const byKind = Object.fromEntries(changes.map((c) => [c.kind, c]));
    expect(byKind.modify).toMatchObject({ newItem: { ...orders[6], total: 999 }, oldItem: orders[6], writtenAtMicros: micros });
    expect(byKind.remove).toMatchObject({ oldItem: orders[7], newItem: undefined });
  });

  it('with the NEW_IMAGE view: upserts, and deletes that carry keys only', async () => {
    const files = writeExport({
      tableArn,
      bucket: s3.bucket,
      partitionKey: 'pk',
      view: 'NEW_IMAGE',
      changes: [
        { keys: keysOf(image(4)), newImage: image(4), writtenAtMicros: micros },
        { keys: keysOf(image(5)), writtenAtMicros: micros },
      ],
    });
    await writeExportToFolder(folder, files);
    const changes = await collect(readExportChanges(await openExport(exportFolder(folder), files.summaryKey), { entities: [Order] }));
    expect(changes.map((c) => [c.kind, c.entity, c.keys.sk])).toEqual(
      expect.arrayContaining([
        ['upsert', 'Order', 'ORDER#a4'],
        ['remove', undefined, 'ORDER#a5'],
      ]),
    );
  });
});

