import type { ExportTableToPointInTimeCommandInput } from '@aws-sdk/client-dynamodb';
import { ConfigurationError } from '../../errors.js';

/** Incremental windows DynamoDB accepts: 15 minutes to 24 hours. */
export const INCREMENTAL_WINDOW_MS = { min: 15 * 60_000, max: 24 * 3_600_000 } as const;

/** Where and how to export. */
export interface ExportRequestOptions {
  /** Target bucket (`S3Bucket`). */
  readonly bucket: string;
  /** Key prefix (`S3Prefix`); files land under `<prefix>/AWSDynamoDB/<exportId>/`. */
  readonly prefix?: string;
  /** Owner account of another account's bucket (`S3BucketOwner`). */
  readonly bucketOwner?: string;
  /** Server-side encryption of the files. */
  readonly encryption?: { readonly algorithm: 'AES256' } | { readonly algorithm: 'KMS'; readonly kmsKeyId: string };
  /** `DYNAMODB_JSON` (default) or `ION`. */
  readonly format?: 'DYNAMODB_JSON' | 'ION';
  /** Full export as of this time (within the PITR window; default now). */
  readonly at?: Date;
  /**
   * Incremental export of the changes in `[from, to)` (15 minutes to 24 hours;
   * `to` defaults to the latest restorable time), compacted to one record per item.
   */
  readonly incremental?: {
    /** Start of the window (inclusive). */
    readonly from: Date;
    /** End of the window (exclusive). */
    readonly to?: Date;
    /** `NEW_AND_OLD_IMAGES` (default) or `NEW_IMAGE`. */
    readonly view?: 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE';
  };
  /** Idempotency token (kept 8 hours); the SDK fills one when absent. */
  readonly clientToken?: string;
}

const BUCKET = /^[a-z0-9A-Z]+[.\-\w]*[a-z0-9A-Z]+$/;

/** The `ExportTableToPointInTime` request. Pure; bad options are a {@link ConfigurationError}. @internal */
export function exportInput(tableArn: string, o: ExportRequestOptions): ExportTableToPointInTimeCommandInput {
  if (typeof o?.bucket !== 'string' || o.bucket.length > 255 || !BUCKET.test(o.bucket)) throw new ConfigurationError(`bucket must be an S3 bucket name, got ${JSON.stringify(o?.bucket)}`);
  if (o.prefix !== undefined && (typeof o.prefix !== 'string' || o.prefix.length > 1024)) throw new ConfigurationError('prefix must be a string of at most 1024 characters');
  if (o.format !== undefined && o.format !== 'DYNAMODB_JSON' && o.format !== 'ION') throw new ConfigurationError(`format must be DYNAMODB_JSON or ION, got ${JSON.stringify(o.format)}`);
  if (o.clientToken !== undefined && (typeof o.clientToken !== 'string' || !/^[^$]+$/.test(o.clientToken))) throw new ConfigurationError('clientToken must be a non-empty string without "$"');
  if (o.at !== undefined && o.incremental !== undefined) throw new ConfigurationError('at is for full exports; an incremental export takes incremental.from/to');
  const at = o.at === undefined ? undefined : checkDate('at', o.at);
  const inc = o.incremental === undefined ? undefined : checkWindow(o.incremental);
  return {
    TableArn: tableArn,
    S3Bucket: o.bucket,
    ...(o.prefix !== undefined && { S3Prefix: o.prefix }),
    ...(o.bucketOwner !== undefined && { S3BucketOwner: o.bucketOwner }),
    ...(o.encryption && { S3SseAlgorithm: o.encryption.algorithm }),
    ...(o.encryption?.algorithm === 'KMS' && { S3SseKmsKeyId: o.encryption.kmsKeyId }),
    ...(o.format && { ExportFormat: o.format }),
    ...(o.clientToken !== undefined && { ClientToken: o.clientToken }),
    ...(at && { ExportTime: at }),
    ...(inc
      ? {
          ExportType: 'INCREMENTAL_EXPORT' as const,
          IncrementalExportSpecification: { ExportFromTime: inc.from, ...(inc.to && { ExportToTime: inc.to }), ExportViewType: inc.view ?? 'NEW_AND_OLD_IMAGES' },
        }
      : { ExportType: 'FULL_EXPORT' as const }),
  };
}

function checkDate(what: string, value: unknown): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new ConfigurationError(`${what} must be a valid Date`);
  return value;
}

function checkWindow(w: NonNullable<ExportRequestOptions['incremental']>) {
  const from = checkDate('incremental.from', w.from);
  const to = w.to === undefined ? undefined : checkDate('incremental.to', w.to);
  if (w.view !== undefined && w.view !== 'NEW_AND_OLD_IMAGES' && w.view !== 'NEW_IMAGE') throw new ConfigurationError(`incremental.view must be NEW_AND_OLD_IMAGES or NEW_IMAGE`);
  if (to) {
    const span = to.getTime() - from.getTime();
    if (span < INCREMENTAL_WINDOW_MS.min || span > INCREMENTAL_WINDOW_MS.max) {
      throw new ConfigurationError(`an incremental window must span 15 minutes to 24 hours, got ${Math.round(span / 1000)} s`);
    }
  }
  return { from, to, view: w.view };
}
