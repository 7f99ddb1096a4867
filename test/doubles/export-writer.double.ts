import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * TEST DOUBLE support — writes DynamoDB exports in the documented format
 * (/work/shared/docs/dynamodb-facts.md §6.3): `_started`,
 * `manifest-summary.json` + `.checksum`, `manifest-files.json` (JSON Lines,
 * base64 MD5 and hex ETag per data file) + `.checksum`, and gzip'd JSON
 * Lines data files under `data/`, items spread over the files by a hash of
 * the partition key (one file per "partition"; empty ones stay empty).
 */
export type Item = Record<string, AttributeValue>;

/** One net change of an incremental export. */
export interface ExportChangeLine {
  readonly keys: Item;
  readonly newImage?: Item | undefined;
  readonly oldImage?: Item | undefined;
  readonly writtenAtMicros: bigint;
}

export interface ExportFiles {
  /** Object key → bytes. */
  readonly objects: Map<string, Buffer>;
  readonly exportArn: string;
  readonly summaryKey: string;
  readonly itemCount: number;
  readonly billedSizeBytes: number;
}

export interface WriteExportArgs {
  readonly tableArn: string;
  readonly bucket: string;
  readonly prefix?: string | undefined;
  readonly partitionKey: string;
  readonly dataFiles?: number;
  readonly exportArn?: string;
  readonly startTime?: Date;
  /** FULL: the items as of `exportTime`. */
  readonly items?: readonly Item[];
  readonly exportTime?: Date;
  /** INCREMENTAL: the compacted changes of the window. */
  readonly changes?: readonly ExportChangeLine[];
  readonly exportFromTime?: Date;
  readonly exportToTime?: Date;
  readonly view?: 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE';
  /** `DYNAMODB_JSON` (default) or `ION` (`$ion_1_0 {Item:{…}}` lines, `.ion.gz` files). */
  readonly format?: 'DYNAMODB_JSON' | 'ION';
}

/** An AttributeValue as ION text, per the documented mapping (sets as annotated lists). */
function ionValue(value: AttributeValue): string {
  const v = value as unknown as Record<string, unknown>;
  const decimal = (n: string) => (/[eE]/.test(n) ? n.replace(/[eE]\+?/, 'd') : n.includes('.') ? n : `${n}.`);
  const blob = (b: unknown) => `{{${Buffer.from(b as Uint8Array).toString('base64')}}}`;
  if (v.S !== undefined) return JSON.stringify(v.S);
  if (v.N !== undefined) return decimal(v.N as string);
  if (v.B !== undefined) return blob(v.B);
  if (v.BOOL !== undefined) return String(v.BOOL);
  if (v.NULL !== undefined) return 'null';
  if (v.SS !== undefined) return `$dynamodb_SS::[${(v.SS as string[]).map((x) => JSON.stringify(x)).join(',')}]`;
  if (v.NS !== undefined) return `$dynamodb_NS::[${(v.NS as string[]).map(decimal).join(',')}]`;
  if (v.BS !== undefined) return `$dynamodb_BS::[${(v.BS as Uint8Array[]).map(blob).join(',')}]`;
  if (v.L !== undefined) return `[${(v.L as AttributeValue[]).map(ionValue).join(',')}]`;
  if (v.M !== undefined) return ionStruct(v.M as Item);
  throw new Error(`cannot write ${JSON.stringify(value)} as ION`);
}

export function ionStruct(item: Item): string {
  return `{${Object.entries(item).map(([k, v]) => `${JSON.stringify(k)}:${ionValue(v)}`).join(',')}}`;
}

/** Binary values travel as base64 in export lines. */
function wire(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(wire);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wire(v)]));
  return value;
}

export function writeExport(args: WriteExportArgs): ExportFiles {
  const incremental = args.changes !== undefined;
  const exportId = `${String(Date.now()).padStart(14, '0')}-${randomBytes(4).toString('hex')}`;
  const exportArn = args.exportArn ?? `${args.tableArn}/export/${exportId}`;
  const id = exportArn.split('/').at(-1)!;
  const base = `${args.prefix ? `${args.prefix}/` : ''}AWSDynamoDB/${id}`;
  const fileCount = args.dataFiles ?? 3;
  const lines: string[][] = Array.from({ length: fileCount }, () => []);
  const ion = args.format === 'ION';
  const partitionOf = (keys: Item) => createHash('md5').update(JSON.stringify(keys[args.partitionKey])).digest().readUInt32BE(0) % fileCount;
  if (incremental) {
    for (const c of args.changes!) {
      const line = {
        Metadata: { WriteTimestampMicros: { N: c.writtenAtMicros.toString() } },
        Keys: c.keys,
        ...(c.newImage && { NewImage: c.newImage }),
        ...(c.oldImage && args.view !== 'NEW_IMAGE' && { OldImage: c.oldImage }),
      };
      const ionLine = `$ion_1_0 {Metadata:{WriteTimestampMicros:${c.writtenAtMicros}},Keys:${ionStruct(c.keys)}${c.newImage ? `,NewImage:${ionStruct(c.newImage)}` : ''}${c.oldImage && args.view !== 'NEW_IMAGE' ? `,OldImage:${ionStruct(c.oldImage)}` : ''}}`;
      lines[partitionOf(c.keys)]!.push(ion ? ionLine : JSON.stringify(wire(line)));
    }
  } else {
    for (const item of args.items ?? []) lines[partitionOf(item)]!.push(ion ? `$ion_1_0 {Item:${ionStruct(item)}}` : JSON.stringify(wire({ Item: item })));
  }
  const objects = new Map<string, Buffer>();
  objects.set(`${base}/_started`, Buffer.alloc(0));
  const manifestLines: string[] = [];
  let billed = 0;
  lines.forEach((fileLines, i) => {
    const text = fileLines.map((l) => `${l}\n`).join('');
    billed += Buffer.byteLength(text);
    const body = gzipSync(text);
    const key = `${base}/data/${randomBytes(8).toString('hex')}${i}.${ion ? 'ion' : 'json'}.gz`;
    objects.set(key, body);
    const md5 = createHash('md5').update(body).digest();
    manifestLines.push(JSON.stringify({ itemCount: fileLines.length, md5Checksum: md5.toString('base64'), etag: md5.toString('hex'), dataFileS3Key: key }));
  });
  const filesKey = `${base}/manifest-files.json`;
  const filesBody = Buffer.from(manifestLines.map((l) => `${l}\n`).join(''));
  objects.set(filesKey, filesBody);
  objects.set(`${base}/manifest-files.checksum`, Buffer.from(createHash('md5').update(filesBody).digest('hex')));
  const itemCount = lines.reduce((n, l) => n + l.length, 0);
  const now = new Date();
  const summary = {
    version: incremental ? '2023-08-01' : '2020-06-30',
    exportArn,
    startTime: (args.startTime ?? now).toISOString(),
    endTime: now.toISOString(),
    tableArn: args.tableArn,
    tableId: createHash('md5').update(args.tableArn).digest('hex'),
    ...(incremental
      ? { exportFromTime: args.exportFromTime?.toISOString(), exportToTime: args.exportToTime?.toISOString() }
      : { exportTime: (args.exportTime ?? now).toISOString() }),
    s3Bucket: args.bucket,
    s3Prefix: args.prefix ?? null,
    s3SseAlgorithm: 'AES256',
    s3SseKmsKeyId: null,
    manifestFilesS3Key: filesKey,
    billedSizeBytes: billed,
    itemCount,
    outputFormat: ion ? 'ION' : 'DYNAMODB_JSON',
    ...(incremental && { outputView: args.view ?? 'NEW_AND_OLD_IMAGES', exportType: 'INCREMENTAL_EXPORT' }),
  };
  const summaryKey = `${base}/manifest-summary.json`;
  const summaryBody = Buffer.from(JSON.stringify(summary));
  objects.set(summaryKey, summaryBody);
  objects.set(`${base}/manifest-summary.checksum`, Buffer.from(createHash('md5').update(summaryBody).digest('hex')));
  return { objects, exportArn, summaryKey, itemCount, billedSizeBytes: billed };
}

/** Writes the objects into a folder mirroring the bucket. */
export async function writeExportToFolder(root: string, files: ExportFiles): Promise<void> {
  for (const [key, body] of files.objects) {
    await mkdir(dirname(join(root, key)), { recursive: true });
    await writeFile(join(root, key), body);
  }
}

/** Uploads the objects to S3 (s3rver in tests). */
export async function putExportToS3(s3: S3Client, bucket: string, files: ExportFiles): Promise<void> {
  for (const [key, body] of files.objects) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}
