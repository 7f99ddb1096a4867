import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ConfigurationError } from '../../errors.js';
import { marshallItem } from '../../marshalling/marshall.js';
import { modelOf, type AnyEntity } from '../export-reader/decode-item.js';
import type { S3ClientLike } from '../export-reader/export-source.js';

/** Most S3 objects one import may read (2023 docs; later sources cite 50,000). */
export const IMPORT_MAX_OBJECTS = 5_000;

/** An entity (full `Entity`) that can turn an item into its stored form, keys and entity type included. */
export interface StorableEntity<T = never> {
  readonly name: string;
  /** The stored form of an item (validated, keys and entity type added). */
  toStored(item: T): Record<string, unknown>;
}

/** One item to import, with the entity that stores it. */
export interface ImportRecord {
  /** The entity name. */
  readonly entity: StorableEntity<never>;
  /** The item to import (validated when written). */
  readonly item: unknown;
}

/** Where to write the files: a folder, or S3 through your client. */
export type ImportTarget = { readonly folder: string; readonly prefix?: string } | { readonly s3: S3ClientLike; readonly bucket: string; readonly prefix?: string };

/** Options of {@link writeImportFiles}. */
export interface WriteImportFilesOptions {
  /** Uncompressed bytes per file before a new one starts. Default 64 MiB. */
  readonly maxFileBytes?: number;
  /** Called after each file is written. */
  readonly onFile?: (file: { readonly key: string; readonly items: number; readonly bytes: number }) => void;
}

/** What {@link writeImportFiles} wrote. */
export interface ImportFiles {
  /** The keys (or paths under the folder) of the gzip files, all under `prefix`. */
  readonly keys: readonly string[];
  /** The prefix to pass to `importTable` as `prefix`. */
  readonly prefix: string;
  /** Number of items. */
  readonly itemCount: number;
  /** Uncompressed bytes (what an import is billed on). */
  readonly bytes: number;
  /**
   * Primary keys written more than once. DynamoDB's import keeps one of them
   * at random and does not count it as an error, so they are reported here.
   */
  readonly duplicateKeys: number;
}

/**
 * Writes entities as import-ready DynamoDB JSON files (`{"Item":{…}}` per
 * line, gzip), each item validated and keyed by its entity exactly as a
 * `put` would store it. Memory holds one file at a time; file count stays
 * within {@link IMPORT_MAX_OBJECTS}. `@aws-sdk/client-s3` is loaded only for an S3 target.
 *
 * @example
 * ```ts
 * import { S3Client } from '@aws-sdk/client-s3';
 * import { importTable, writeImportFiles } from 'tablewright/admin';
 *
 * const s3 = new S3Client({});
 * const files = await writeImportFiles({ s3, bucket: 'imports', prefix: 'orders-2026' },
 *   orders.map((item) => ({ entity: Order, item })));
 * const newTable = new Table({ name: 'orders-imported', client, partitionKey: 'pk', sortKey: 'sk' });
 * await importTable(newTable, { bucket: 'imports', prefix: files.prefix });
 * ```
 */
export async function writeImportFiles(target: ImportTarget, records: Iterable<ImportRecord> | AsyncIterable<ImportRecord>, options: WriteImportFilesOptions = {}): Promise<ImportFiles> {
  const maxBytes = options.maxFileBytes ?? 64 * 1024 * 1024;
  if (!Number.isInteger(maxBytes) || maxBytes < 1024) throw new ConfigurationError('maxFileBytes must be a whole number ≥ 1024');
  const prefix = (target.prefix ?? 'import').replace(/\/+$/, '');
  const put = await writerFor(target);
  const keys: string[] = [];
  const seen = new Set<string>();
  let duplicateKeys = 0;
  let lines: string[] = [];
  let size = 0;
  let itemCount = 0;
  let total = 0;
  const flush = async () => {
    if (lines.length === 0) return;
    if (keys.length >= IMPORT_MAX_OBJECTS) throw new ConfigurationError(`an import reads at most ${IMPORT_MAX_OBJECTS} objects: raise maxFileBytes`);
    const key = `${prefix}/data-${String(keys.length).padStart(5, '0')}.json.gz`;
    await put(key, gzipSync(lines.join('')));
    keys.push(key);
    options.onFile?.({ key, items: lines.length, bytes: size });
    lines = [];
    size = 0;
  };
  for await (const { entity, item } of records) {
    const stored = entity.toStored(item as never); // validates; throws ValidationError as a put would
    const line = `${JSON.stringify({ Item: toWire(marshallItem(stored)) })}\n`;
    const bytes = Buffer.byteLength(line);
    if (size + bytes > maxBytes) await flush();
    lines.push(line);
    size += bytes;
    total += bytes;
    itemCount++;
    const identity = primaryIdentity(entity, stored);
    if (seen.has(identity)) duplicateKeys++;
    else seen.add(identity);
  }
  await flush();
  return { keys, prefix, itemCount, bytes: total, duplicateKeys };
}

/** The table's key attributes identify a stored item. */
function primaryIdentity(entity: StorableEntity<never>, stored: Record<string, unknown>): string {
  const table = modelOf(entity as unknown as AnyEntity).table;
  return JSON.stringify([stored[table.partitionKey], table.sortKey === undefined ? null : stored[table.sortKey]]);
}

/** Binary values go into DynamoDB JSON as base64. */
function toWire(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) out[k] = toWire((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

async function writerFor(target: ImportTarget): Promise<(key: string, body: Buffer) => Promise<void>> {
  if ('folder' in target) {
    if (typeof target.folder !== 'string' || target.folder === '') throw new ConfigurationError('folder must be a path');
    return async (key, body) => {
      const path = join(target.folder, key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, body);
    };
  }
  if (!target?.s3 || typeof target.bucket !== 'string' || target.bucket === '') throw new ConfigurationError('an S3 target needs s3 and bucket');
  const { PutObjectCommand } = await import('@aws-sdk/client-s3');
  return async (key, body) => {
    await (target.s3.send as (c: unknown) => Promise<unknown>).call(target.s3, new PutObjectCommand({ Bucket: target.bucket, Key: key, Body: body }));
  };
}
