import { createHash } from 'node:crypto';
import { ExportChecksumError, ExportManifestError } from './export-errors.js';
import type { ExportSource } from './export-source.js';

/** `manifest-summary.json`: what the export is. Fields as DynamoDB writes them. */
export interface ExportSummary {
  /** Manifest format version. */
  readonly version: string;
  /** The export ARN. */
  readonly exportArn: string;
  /** When it started (ISO-8601). */
  readonly startTime?: string;
  /** When it ended (ISO-8601). */
  readonly endTime?: string;
  /** The table ARN. */
  readonly tableArn?: string;
  /** The table id. */
  readonly tableId?: string;
  /** Full exports. */
  readonly exportTime?: string;
  /** Incremental exports. */
  readonly exportFromTime?: string;
  /** End of an incremental window (ISO-8601, exclusive). */
  readonly exportToTime?: string;
  /** The bucket the export went to. */
  readonly s3Bucket?: string;
  /** The prefix the export went under. */
  readonly s3Prefix?: string | null;
  /** The S3 key of `manifest-files.json`. */
  readonly manifestFilesS3Key: string;
  /** Bytes billed for the export. */
  readonly billedSizeBytes?: number;
  /** Number of items. */
  readonly itemCount?: number;
  /** `DYNAMODB_JSON` or `ION`. */
  readonly outputFormat: 'DYNAMODB_JSON' | 'ION';
  /** Incremental exports: `NEW_AND_OLD_IMAGES` or `NEW_IMAGE`. */
  readonly outputView?: 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE';
  /** Absent on full exports; `INCREMENTAL_EXPORT` on incremental ones. */
  readonly exportType?: 'FULL_EXPORT' | 'INCREMENTAL_EXPORT';
}

/** One line of `manifest-files.json`: a data file. */
export interface ExportDataFile {
  /** Number of items. */
  readonly itemCount: number;
  /** Base64 MD5 of the (compressed) object. */
  readonly md5Checksum: string;
  /** The S3 ETag of the data file. */
  readonly etag?: string;
  /** The S3 key of the data file. */
  readonly dataFileS3Key: string;
}

/** An opened export: its summary, its data files, and where to read them. */
export interface ExportManifest {
  /** Where the files are read from. */
  readonly source: ExportSource;
  /** The key of `manifest-summary.json`. */
  readonly summaryKey: string;
  /** The parsed `manifest-summary.json`. */
  readonly summary: ExportSummary;
  /** The data files, in manifest order. */
  readonly files: readonly ExportDataFile[];
  /** The kind (`FULL_EXPORT` / `INCREMENTAL_EXPORT`). */
  readonly type: 'FULL_EXPORT' | 'INCREMENTAL_EXPORT';
}

/** Options of {@link openExport}. */
export interface OpenExportOptions {
  /** Check the manifests against their `.checksum` files when present. Default true. */
  readonly verifyChecksums?: boolean;
}

/**
 * Reads an export's `manifest-summary.json` (the key `DescribeExport`
 * reports as `ExportManifest`) and `manifest-files.json`, checking both
 * against their `.checksum` files when those exist (MD5, hex or base64).
 *
 * @throws {@link ExportManifestError} when a manifest is missing or malformed.
 * @throws {@link ExportChecksumError} when a manifest does not match its checksum.
 *
 * @example
 * ```ts
 * import { exportFolder, openExport } from 'tablewright/admin';
 * const manifest = await openExport(exportFolder('./bucket'), 'exports/AWSDynamoDB/0123-abcd/manifest-summary.json');
 * ```
 */
export async function openExport(source: ExportSource, summaryKey: string, options: OpenExportOptions = {}): Promise<ExportManifest> {
  const verify = options.verifyChecksums ?? true;
  const summaryBytes = await readRequired(source, summaryKey);
  if (verify) await checkManifestChecksum(source, summaryKey, summaryBytes);
  const summary = parseSummary(summaryKey, summaryBytes);
  const filesBytes = await readRequired(source, summary.manifestFilesS3Key);
  if (verify) await checkManifestChecksum(source, summary.manifestFilesS3Key, filesBytes);
  const files = parseFiles(summary.manifestFilesS3Key, Buffer.from(filesBytes).toString('utf8'));
  return { source, summaryKey, summary, files, type: summary.exportType ?? 'FULL_EXPORT' };
}

/** Parses `manifest-summary.json`. Pure. @internal */
export function parseSummary(key: string, bytes: Uint8Array): ExportSummary {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw new ExportManifestError(key, 'manifest-summary.json is not JSON', { cause: error });
  }
  const s = value as Partial<ExportSummary> | null;
  if (!s || typeof s !== 'object' || typeof s.manifestFilesS3Key !== 'string' || typeof s.exportArn !== 'string') {
    throw new ExportManifestError(key, 'manifest-summary.json lacks exportArn or manifestFilesS3Key');
  }
  if (s.outputFormat !== 'DYNAMODB_JSON' && s.outputFormat !== 'ION') {
    throw new ExportManifestError(key, `unknown outputFormat ${JSON.stringify(s.outputFormat)}`);
  }
  if (s.exportType !== undefined && s.exportType !== 'FULL_EXPORT' && s.exportType !== 'INCREMENTAL_EXPORT') {
    throw new ExportManifestError(key, `unknown exportType ${JSON.stringify(s.exportType)}`);
  }
  return s as ExportSummary;
}

/** Parses `manifest-files.json` (JSON Lines). Pure. @internal */
export function parseFiles(key: string, text: string): ExportDataFile[] {
  const files: ExportDataFile[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let f: Partial<ExportDataFile>;
    try {
      f = JSON.parse(line) as Partial<ExportDataFile>;
    } catch (error) {
      throw new ExportManifestError(key, `line ${i + 1} is not JSON`, { cause: error });
    }
    if (typeof f?.dataFileS3Key !== 'string' || typeof f.md5Checksum !== 'string' || typeof f.itemCount !== 'number') {
      throw new ExportManifestError(key, `line ${i + 1} lacks dataFileS3Key, md5Checksum or itemCount`);
    }
    files.push(f as ExportDataFile);
  }
  return files;
}

async function readRequired(source: ExportSource, key: string): Promise<Uint8Array> {
  try {
    return await source.read(key);
  } catch (error) {
    throw new ExportManifestError(key, `cannot read it from ${source.label}`, { cause: error });
  }
}

async function checkManifestChecksum(source: ExportSource, key: string, bytes: Uint8Array): Promise<void> {
  const checksumKey = key.replace(/\.json$/, '.checksum');
  let expected: string;
  try {
    expected = Buffer.from(await source.read(checksumKey)).toString('utf8').trim();
  } catch {
    return; // optional: older exports and hand-copied folders may lack it
  }
  const md5 = createHash('md5').update(bytes).digest();
  if (expected !== md5.toString('hex') && expected !== md5.toString('base64')) throw new ExportChecksumError(key, expected, md5.toString('hex'));
}
