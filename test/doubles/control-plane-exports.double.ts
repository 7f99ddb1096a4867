import { randomBytes } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { describeSource, itemsAt, windowOf, type BackupState, type Item, type PitrState } from './control-plane-backups.double.js';
import { AwsFault } from './control-plane-shapes.double.js';
import { putExportToS3, writeExport, type ExportChangeLine } from './export-writer.double.js';

/**
 * TEST DOUBLE support — ExportTableToPointInTime / DescribeExport /
 * ListExports per /work/shared/docs/dynamodb-facts.md §6.3: needs PITR, the
 * time must lie in the restorable window, a client token reused with other
 * parameters is `ExportConflictException`, the export goes IN_PROGRESS →
 * COMPLETED (or FAILED when the bucket cannot be written) and its files, in
 * the documented layout, are really written to S3 (s3rver in tests). A full
 * export holds the items as of the export time; an incremental one the net
 * change per item in [from, to).
 */
interface ExportRecord {
  readonly arn: string;
  readonly tableArn: string;
  readonly request: Record<string, unknown>;
  readonly startedAt: number;
  status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  endedAt?: number;
  manifest?: string;
  itemCount?: number;
  billed?: number;
  failure?: { code: string; message: string };
}

export function createExportHandlers(state: BackupState, s3: S3Client, exportDelayMs = 200): Record<string, (body: Record<string, unknown>) => Promise<unknown>> {
  const exports = new Map<string, ExportRecord>();
  const tokens = new Map<string, { params: string; arn: string }>();
  const describe = (e: ExportRecord) => ({
    ExportArn: e.arn,
    ExportStatus: e.status,
    StartTime: e.startedAt / 1000,
    ...(e.endedAt && { EndTime: e.endedAt / 1000 }),
    ...(e.manifest && { ExportManifest: e.manifest }),
    TableArn: e.tableArn,
    ExportTime: Number(e.request.ExportTime ?? e.startedAt / 1000),
    ...(e.request.ClientToken !== undefined && { ClientToken: e.request.ClientToken }),
    S3Bucket: e.request.S3Bucket,
    ...(e.request.S3Prefix !== undefined && { S3Prefix: e.request.S3Prefix }),
    S3SseAlgorithm: e.request.S3SseAlgorithm ?? 'AES256',
    ExportFormat: e.request.ExportFormat ?? 'DYNAMODB_JSON',
    ExportType: e.request.ExportType ?? 'FULL_EXPORT',
    ...(e.request.IncrementalExportSpecification !== undefined && { IncrementalExportSpecification: e.request.IncrementalExportSpecification }),
    ...(e.itemCount !== undefined && { ItemCount: e.itemCount, BilledSizeBytes: e.billed }),
    ...(e.failure && { FailureCode: e.failure.code, FailureMessage: e.failure.message }),
  });

  return {
    async ExportTableToPointInTime(body) {
      const tableArn = String(body.TableArn);
      const name = tableArn.split('/').at(-1)!;
      const table = await describeSource(state, name);
      const { ClientToken: token, ...params } = body;
      if (token !== undefined) {
        const seen = tokens.get(String(token));
        if (seen && seen.params !== JSON.stringify(params)) throw new AwsFault('ExportConflictException', `There was a conflict when writing to the specified S3 bucket, or an export with client token ${String(token)} and different parameters exists`);
        if (seen) return { ExportDescription: describe(exports.get(seen.arn)!) };
      }
      const pitr = state.pitr.get(name);
      if (!pitr?.enabled) throw new AwsFault('PointInTimeRecoveryUnavailableException', `Point in time recovery is not enabled for table '${name}'`);
      const window = windowOf(state, pitr);
      const incremental = body.ExportType === 'INCREMENTAL_EXPORT';
      const spec = body.IncrementalExportSpecification as { ExportFromTime?: number; ExportToTime?: number; ExportViewType?: 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE' } | undefined;
      const from = spec?.ExportFromTime === undefined ? undefined : spec.ExportFromTime * 1000;
      const to = spec?.ExportToTime === undefined ? window.latest : spec.ExportToTime * 1000;
      const at = body.ExportTime === undefined ? window.latest : Number(body.ExportTime) * 1000;
      if (incremental) {
        if (from === undefined) throw new AwsFault('ValidationException', 'IncrementalExportSpecification.ExportFromTime is required for INCREMENTAL_EXPORT');
        if (from < window.earliest || to > window.latest || to - from < 15 * 60_000 || to - from > 86_400_000) {
          throw new AwsFault('InvalidExportTimeException', 'The export window must lie within the PITR window and span 15 minutes to 24 hours');
        }
      } else if (at < window.earliest || at > window.latest) {
        throw new AwsFault('InvalidExportTimeException', `ExportTime must be between ${new Date(window.earliest).toISOString()} and ${new Date(window.latest).toISOString()}`);
      }
      const arn = `${table.TableArn}/export/${String(Date.now()).padStart(14, '0')}-${randomBytes(4).toString('hex')}`;
      const record: ExportRecord = { arn, tableArn, request: body, startedAt: Date.now(), status: 'IN_PROGRESS' };
      exports.set(arn, record);
      if (token !== undefined) tokens.set(String(token), { params: JSON.stringify(params), arn });
      const partitionKey = table.KeySchema!.find((k) => k.KeyType === 'HASH')!.AttributeName!;
      const keyNames = table.KeySchema!.map((k) => k.AttributeName!);
      const files = writeExport({
        tableArn,
        exportArn: arn,
        bucket: String(body.S3Bucket),
        prefix: body.S3Prefix as string | undefined,
        partitionKey,
        startTime: new Date(record.startedAt),
        format: (body.ExportFormat as 'DYNAMODB_JSON' | 'ION' | undefined) ?? 'DYNAMODB_JSON',
        ...(incremental
          ? { changes: changesBetween(pitr, keyNames, from!, to), exportFromTime: new Date(from!), exportToTime: new Date(to), view: spec?.ExportViewType ?? 'NEW_AND_OLD_IMAGES' }
          : { items: itemsAt(pitr, at), exportTime: new Date(at) }),
      });
      void putExportToS3(s3, String(body.S3Bucket), files).then(
        () =>
          setTimeout(() => {
            Object.assign(record, { status: 'COMPLETED', endedAt: Date.now(), manifest: files.summaryKey, itemCount: files.itemCount, billed: files.billedSizeBytes });
          }, exportDelayMs),
        (error: { name?: string }) => {
          Object.assign(record, { status: 'FAILED', endedAt: Date.now(), failure: { code: error.name === 'NoSuchBucket' ? 'S3NoSuchBucket' : 'UNKNOWN', message: String(error) } });
        },
      );
      return { ExportDescription: describe(record) };
    },
    async DescribeExport(body) {
      const e = exports.get(String(body.ExportArn));
      if (!e) throw new AwsFault('ExportNotFoundException', `Export not found: ${String(body.ExportArn)}`);
      return { ExportDescription: describe(e) };
    },
    async ListExports(body) {
      const all = [...exports.values()].filter((e) => body.TableArn === undefined || e.tableArn === body.TableArn);
      return { ExportSummaries: all.map((e) => ({ ExportArn: e.arn, ExportStatus: e.status, ExportType: e.request.ExportType ?? 'FULL_EXPORT' })) };
    },
  };
}

/** Canonical JSON (sorted keys), to compare item images. */
function canonical(value: unknown): string {
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

/** The net change per item over [from, to): compacted, as incremental exports are. */
function changesBetween(pitr: PitrState, keyNames: readonly string[], from: number, to: number): ExportChangeLine[] {
  const keyOf = (item: Item) => canonical(keyNames.map((k) => item[k]));
  const index = (items: Item[]) => new Map(items.map((i) => [keyOf(i), i]));
  let before: Item[] = [];
  for (const s of pitr.snapshots) if (s.at < from) before = s.items;
  const start = index(before);
  let current = start;
  const changedAt = new Map<string, number>();
  for (const s of pitr.snapshots) {
    if (s.at < from || s.at >= to) continue;
    const next = index(s.items);
    for (const k of new Set([...current.keys(), ...next.keys()])) {
      if (canonical(current.get(k)) !== canonical(next.get(k))) changedAt.set(k, s.at);
    }
    current = next;
  }
  const out: ExportChangeLine[] = [];
  for (const [k, at] of changedAt) {
    const oldImage = start.get(k);
    const newImage = current.get(k);
    if (canonical(oldImage) === canonical(newImage)) continue; // created and deleted (or changed back) inside the window
    const image = (newImage ?? oldImage)!;
    out.push({ keys: Object.fromEntries(keyNames.map((n) => [n, image[n]!])), newImage, oldImage, writtenAtMicros: BigInt(at) * 1000n });
  }
  return out;
}
