import {
  DescribeExportCommand,
  DescribeTableCommand,
  ExportTableToPointInTimeCommand,
  ListExportsCommand,
  type DescribeExportCommandOutput,
  type DescribeTableCommandOutput,
  type ExportDescription,
  type ExportTableToPointInTimeCommandOutput,
  type ListExportsCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { TablewrightError } from '../../errors.js';
import type { AdminTable } from '../table-lifecycle/table-lifecycle.js';
import { backupSend } from '../backup-errors/backup-errors.js';
import { checkArn } from '../backup/backup-request.js';
import { controlSend } from '../control-plane/control-send.js';
import { pollUntil, type WaitOptions } from '../control-plane/poll.js';
import { exportInput, type ExportRequestOptions } from './export-request.js';

export type { ExportRequestOptions };

/** An export, as tablewright reports it. */
export interface ExportInfo {
  /** The ARN. */
  readonly arn: string;
  /** `IN_PROGRESS`, `COMPLETED` or `FAILED`. */
  readonly status: string;
  /** The kind (`FULL_EXPORT` / `INCREMENTAL_EXPORT`). */
  readonly type: string | undefined;
  /** `DYNAMODB_JSON` or `ION`. */
  readonly format: string | undefined;
  /** The S3 bucket. */
  readonly bucket: string | undefined;
  /** The key prefix. */
  readonly prefix: string | undefined;
  /** The S3 key of `manifest-summary.json` (pass it to `openExport`), once COMPLETED. */
  readonly manifestKey: string | undefined;
  /** Number of items. */
  readonly itemCount: number | undefined;
  /** Bytes billed for the export. */
  readonly billedSizeBytes: number | undefined;
  /** Why it failed, when it failed. */
  readonly failureCode: string | undefined;
  /** The failure message, when it failed. */
  readonly failureMessage: string | undefined;
  /** The raw description. */
  readonly description: ExportDescription | undefined;
}

/** An export ended FAILED (for example a missing bucket or denied access). */
export class ExportFailedError extends TablewrightError {
  override readonly name = 'ExportFailedError';
  /** The failed export. */
  readonly export: ExportInfo;
  constructor(info: ExportInfo) {
    super(`export ${info.arn} FAILED: ${info.failureCode ?? 'unknown'}: ${info.failureMessage ?? ''}`);
    this.export = info;
  }
}

/** Options of {@link exportTable}. */
export interface ExportTableOptions extends ExportRequestOptions, WaitOptions {
  /** Return once started (IN_PROGRESS) instead of waiting for COMPLETED. */
  readonly noWait?: boolean;
  /** Sees each state polled: status, item count, billed bytes. */
  readonly onProgress?: (info: ExportInfo) => void;
}

/**
 * Exports the declared table to S3 (needs point-in-time recovery; consumes
 * no read capacity): a full export as of a time, or an incremental one of a
 * window. Waits until COMPLETED (unless `noWait`) and returns the manifest key.
 *
 * @throws `ConfigurationError` for bad options (window outside 15 min – 24 h …), before any request.
 * @throws {@link PointInTimeRecoveryUnavailableError}, {@link InvalidExportTimeError}, {@link ExportConflictError} as DynamoDB reports them.
 * @throws {@link ExportFailedError} when the export ends FAILED.
 *
 * @example
 * ```ts
 * import { S3Client } from '@aws-sdk/client-s3';
 * import { exportTable, exportBucket, openExport } from 'tablewright/admin';
 *
 * const s3 = new S3Client({});
 * const done = await exportTable(table, { bucket: 'analytics', prefix: 'orders' });
 * const manifest = await openExport(exportBucket({ client: s3, bucket: 'analytics' }), done.manifestKey!);
 * ```
 */
export async function exportTable(table: AdminTable, options: ExportTableOptions): Promise<ExportInfo> {
  const { client, name } = table.model;
  exportInput('arn:placeholder', options); // every option checked before the first request
  const described = await controlSend<DescribeTableCommandOutput>(client, new DescribeTableCommand({ TableName: name }), { table: name, operation: 'DescribeTable' });
  const input = exportInput(described.Table?.TableArn ?? '', options);
  const out = await backupSend<ExportTableToPointInTimeCommandOutput>(client, new ExportTableToPointInTimeCommand(input), {
    table: name,
    operation: 'ExportTableToPointInTime',
  });
  const started = toInfo(out.ExportDescription);
  options.onProgress?.(started);
  if (options.noWait) return started;
  return waitForExport(table, started.arn, options);
}

/** Describes one export. @throws {@link ExportNotFoundError}. */
export async function describeExport(table: AdminTable, exportArn: string): Promise<ExportInfo> {
  const { client, name } = table.model;
  const out = await backupSend<DescribeExportCommandOutput>(client, new DescribeExportCommand({ ExportArn: checkArn('exportArn', exportArn) }), {
    table: name,
    operation: 'DescribeExport',
  });
  return toInfo(out.ExportDescription);
}

/** Waits until an export is COMPLETED; throws {@link ExportFailedError} when it FAILED. */
export async function waitForExport(table: AdminTable, exportArn: string, options: WaitOptions & { readonly onProgress?: (info: ExportInfo) => void } = {}): Promise<ExportInfo> {
  const done = await pollUntil({
    waitingFor: `export ${exportArn} COMPLETED`,
    read: () => describeExport(table, exportArn),
    done: (e) => e.status !== 'IN_PROGRESS',
    stateOf: (e) => e.status,
    onState: options.onProgress,
    options,
  });
  if (done.status === 'FAILED') throw new ExportFailedError(done);
  return done;
}

/** The exports of the declared table (all pages): ARN, status and type. */
export async function listExports(table: AdminTable): Promise<Array<{ readonly arn: string; readonly status: string; readonly type: string | undefined }>> {
  const { client, name } = table.model;
  const arn = (await controlSend<DescribeTableCommandOutput>(client, new DescribeTableCommand({ TableName: name }), { table: name, operation: 'DescribeTable' })).Table?.TableArn;
  const all: Array<{ arn: string; status: string; type: string | undefined }> = [];
  let token: string | undefined;
  do {
    const out = await backupSend<ListExportsCommandOutput>(client, new ListExportsCommand({ TableArn: arn, ...(token && { NextToken: token }) }), { table: name, operation: 'ListExports' });
    for (const s of out.ExportSummaries ?? []) all.push({ arn: s.ExportArn ?? '', status: s.ExportStatus ?? 'UNKNOWN', type: s.ExportType });
    token = out.NextToken;
  } while (token);
  return all;
}

function toInfo(d: ExportDescription | undefined): ExportInfo {
  return {
    /** The ARN. */
    arn: d?.ExportArn ?? '',
    /** The status DynamoDB reports. */
    status: d?.ExportStatus ?? 'UNKNOWN',
    /** The kind (`FULL_EXPORT` / `INCREMENTAL_EXPORT`). */
    type: d?.ExportType,
    /** `DYNAMODB_JSON` or `ION`. */
    format: d?.ExportFormat,
    /** The S3 bucket. */
    bucket: d?.S3Bucket,
    /** The key prefix. */
    prefix: d?.S3Prefix,
    manifestKey: d?.ExportManifest,
    /** Number of items. */
    itemCount: d?.ItemCount,
    /** Bytes billed for the export. */
    billedSizeBytes: d?.BilledSizeBytes,
    /** Why it failed, when it failed. */
    failureCode: d?.FailureCode,
    /** The failure message, when it failed. */
    failureMessage: d?.FailureMessage,
    description: d,
  };
}
