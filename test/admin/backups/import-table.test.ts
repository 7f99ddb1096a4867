import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTimeToLiveCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { ImportFailedError, importTable, TableAlreadyExistsError, writeImportFiles, ImportConflictError } from '../../../src/admin.js';
import { ConfigurationError, Table, ValidationError } from '../../../src/index.js';
import { startControlPlaneDouble, type ControlPlaneDouble } from '../../doubles/control-plane.double.js';
import { createImportHandlers } from '../../doubles/control-plane-imports.double.js';
import { tableName } from '../../helpers/local.js';
import { startLoopbackS3, type LoopbackS3 } from '../../helpers/s3.js';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { gzipSync } from 'node:zlib';

let double: ControlPlaneDouble;
let s3: LoopbackS3;
let folder: string;
beforeAll(async () => {
  s3 = await startLoopbackS3('imports');
  folder = await mkdtemp(join(tmpdir(), 'import-'));
  double = await startControlPlaneDouble({ target: inject('dynamoEndpoint'), extraHandlers: (state) => createImportHandlers(state, s3.client, 50) });
});
afterAll(async () => {
  await double.close();
  await s3.close();
  await rm(folder, { recursive: true, force: true });
});

const schema = z.object({ id: z.string(), n: z.number(), blob: z.instanceof(Uint8Array), tags: z.set(z.string()) });
function declared(extra: { lsi?: boolean } = {}) {
  const table = new Table({
    name: tableName('imp'),
    client: double.client,
    partitionKey: 'pk',
    sortKey: 'sk',
    ttlAttribute: 'exp',
    indexes: extra.lsi ? { byN: { type: 'local', sortKey: 'lsk' } } : { byN: { partitionKey: 'g1pk', sortKey: 'g1sk' } },
  });
  const Thing = table.entity('Thing', { schema, keys: { primary: { pk: ['THING', 'id'], sk: ['V'] } } });
  return { table, Thing };
}
const things = Array.from({ length: 60 }, (_, i) => ({ id: `t${i}`, n: i, blob: new Uint8Array([i, 1, 2]), tags: new Set(['a', `x${i % 4}`]) }));

describe('import from S3 into a new table', () => {
  it('writes import-ready gzip files to s3rver, imports them into a table created from the declaration, and re-applies TTL', async () => {
    const { table, Thing } = declared();
    const files = await writeImportFiles({ s3: s3.client, bucket: s3.bucket, prefix: `p-${table.name}` }, [...things, things[0]!].map((item) => ({ entity: Thing, item })), { maxFileBytes: 2048 });
    expect(files.itemCount).toBe(61);
    expect(files.duplicateKeys).toBe(1);
    expect(files.keys.length).toBeGreaterThan(1); // split by maxFileBytes
    const states: string[] = [];
    const result = await importTable(table, { bucket: s3.bucket, prefix: files.prefix, intervalMs: 20, onProgress: (i) => states.push(i.status) });
    expect(result).toMatchObject({ status: 'COMPLETED', processedItemCount: 61, importedItemCount: 61, errorCount: 0, reapplied: ['enable ttl on exp'] });
    expect(states[0]).toBe('IN_PROGRESS');
    // 61 lines imported, 60 items stored: the duplicate overwrote silently, which the result warns about.
    expect(result.warnings).toEqual([expect.stringMatching(/same primary key .* overwrite each other silently/)]);
    for (const t of things.slice(0, 5)) expect(await Thing.get({ id: t.id })).toEqual(t);
    const scan = await double.client.send(new ScanCommand({ TableName: table.name, Select: 'COUNT' }));
    expect(scan.Count).toBe(60);
    const ttl = await double.client.send(new DescribeTimeToLiveCommand({ TableName: table.name }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe('exp');
    await expect(importTable(table, { bucket: s3.bucket, prefix: files.prefix })).rejects.toBeInstanceOf(TableAlreadyExistsError);
    await table.delete();
  });

  it('writes to a folder too, and validates every item before writing', async () => {
    const { Thing } = declared();
    const files = await writeImportFiles({ folder, prefix: 'batch-1' }, things.map((item) => ({ entity: Thing, item })));
    expect(files.keys).toEqual(['batch-1/data-00000.json.gz']);
    expect(await readdir(join(folder, 'batch-1'))).toEqual(['data-00000.json.gz']);
    await expect(writeImportFiles({ folder, prefix: 'bad' }, [{ entity: Thing, item: { id: 'x' } }])).rejects.toBeInstanceOf(ValidationError);
  });

  it('reports a FAILED import with its counts; refuses LSIs and bad options before any request', async () => {
    const { table } = declared();
    const prefix = `broken-${table.name}`;
    await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `${prefix}/a.json.gz`, Body: gzipSync('{"Item":{"pk":{"S":"A"},"sk":{"S":"B"}}}\n{"Item":{"pk":{"N":"1"},"sk":{"S":"B"}}}\n') }));
    const error = await importTable(table, { bucket: s3.bucket, prefix, intervalMs: 20, clientToken: 'imp-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFailedError);
    expect((error as ImportFailedError).import).toMatchObject({ status: 'FAILED', failureCode: 'ItemValidationError', processedItemCount: 2, importedItemCount: 1, errorCount: 1 });
    await expect(importTable(table, { bucket: s3.bucket, prefix: 'other', clientToken: 'imp-1' })).rejects.toBeInstanceOf(ImportConflictError);
    await table.delete();

    const sent = double.handled.length;
    await expect(importTable(declared({ lsi: true }).table, { bucket: s3.bucket })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(importTable(declared().table, { bucket: 'x' })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(importTable(declared().table, { bucket: s3.bucket, format: 'XML' as never })).rejects.toBeInstanceOf(ConfigurationError);
    expect(double.handled.length).toBe(sent);
  });
});
