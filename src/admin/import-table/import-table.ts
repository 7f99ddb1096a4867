import {
  DescribeImportCommand,
  ImportTableCommand,
  type DescribeImportCommandOutput,
  type ImportTableCommandOutput,
  type ImportTableDescription,
} from '@aws-sdk/client-dynamodb';
import { TablewrightError } from '../../errors.js';
import type { AdminTable } from '../table-lifecycle/table-lifecycle.js';
import { backupSend } from '../backup-errors/backup-errors.js';
import { checkArn } from '../backup/backup-request.js';
import { pollUntil, type WaitOptions } from '../control-plane/poll.js';
import { describeStep, reapplyPlan, type ReapplyOptions } from '../restore/reapply-plan.js';
import { applyStep } from '../restore/reapply-settings.js';
import { waitTableReady } from '../restore/wait-table-active.js';
import { importInput, type ImportRequestOptions } from './import-request.js';

export type { ImportRequestOptions };

/** An import, as tablewright reports it. */
export interface ImportInfo {
  /** The ARN. */
  readonly arn: string;
  /** `IN_PROGRESS`, `COMPLETED`, `CANCELLING`, `CANCELLED` or `FAILED`. */
  readonly status: string;
  /** Items read from the source. */
  readonly processedItemCount: number | undefined;
  /** Items written to the table. */
  readonly importedItemCount: number | undefined;
  /** Items that failed validation (skipped; details in CloudWatch Logs `/aws-dynamodb/imports`). */
  readonly errorCount: number | undefined;
  /** Source bytes processed. */
  readonly processedSizeBytes: number | undefined;
  /** Why it failed, when it failed. */
  readonly failureCode: string | undefined;
  /** The failure message, when it failed. */
  readonly failureMessage: string | undefined;
  /** The raw description, as DynamoDB returned it. */
  readonly description: ImportTableDescription | undefined;
}

/** An import ended FAILED or CANCELLED. The partially loaded table remains. */
export class ImportFailedError extends TablewrightError {
  override readonly name = 'ImportFailedError';
  /** The failed import. */
  readonly import: ImportInfo;
  constructor(info: ImportInfo) {
    super(`import ${info.arn} ${info.status}: ${info.failureCode ?? ''} ${info.failureMessage ?? ''} (processed ${info.processedItemCount ?? 0}, imported ${info.importedItemCount ?? 0}, errors ${info.errorCount ?? 0}); the partially loaded table remains`);
    this.import = info;
  }
}

/** Options of {@link importTable}. */
export interface ImportTableOptions extends ImportRequestOptions, ReapplyOptions, WaitOptions {
  /** Sees each state polled (status and counts). */
  readonly onProgress?: (info: ImportInfo) => void;
}

/** What {@link importTable} produced. */
export interface ImportResult extends ImportInfo {
  /** Settings set after the import (TTL, stream, deletion protection, PITR, tags). */
  readonly reapplied: readonly string[];
  /**
   * The documented pitfalls that apply to this import, as sentences: source
   * items with the same key overwrite each other silently (counted as
   * imported, not as errors), and with `format: 'CSV'` every non-key column
   * became a string.
   */
  readonly warnings: readonly string[];
}

const DUPLICATES_WARNING =
  'items with the same primary key in the source overwrite each other silently (one is kept at random) and count as imported, not as errors; writeImportFiles reports them as duplicateKeys';
const CSV_WARNING = 'CSV import: every non-key column was imported as a String attribute, whatever its text looks like';

/**
 * Creates the declared table by importing S3 objects into it (no write
 * capacity consumed), waits until COMPLETED and the table is ACTIVE, then
 * sets what an import cannot (TTL, stream, deletion protection from the
 * declaration; PITR and tags from the options). Duplicate keys in the
 * source overwrite each other silently: `writeImportFiles` counts them.
 *
 * @throws `ConfigurationError` for a declaration with LSIs or bad options, before any request.
 * @throws {@link TableAlreadyExistsError} when the table exists; {@link ImportConflictError} on a reused token.
 * @throws {@link ImportFailedError} when the import ends FAILED or CANCELLED (with its counts).
 */
export async function importTable(table: AdminTable, options: ImportTableOptions): Promise<ImportResult> {
  const { client, name } = table.model;
  const input = importInput(table.model, options);
  const plan = reapplyPlan(table.model, name, options);
  const out = await backupSend<ImportTableCommandOutput>(client, new ImportTableCommand(input), { table: name, operation: 'ImportTable' });
  const started = toInfo(out.ImportTableDescription);
  options.onProgress?.(started);
  const done = await pollUntil({
    waitingFor: `import ${started.arn} COMPLETED`,
    read: () => describeImport(table, started.arn),
    done: (i) => i.status !== 'IN_PROGRESS' && i.status !== 'CANCELLING',
    stateOf: (i) => i.status,
    onState: options.onProgress,
    options,
  });
  if (done.status !== 'COMPLETED') throw new ImportFailedError(done);
  let live = await waitTableReady(client, name, options);
  const reapplied: string[] = [];
  for (const step of plan) {
    live = await applyStep(client, live, step, options);
    reapplied.push(describeStep(step));
  }
  const warnings = options.format === 'CSV' ? [DUPLICATES_WARNING, CSV_WARNING] : [DUPLICATES_WARNING];
  return { ...done, reapplied, warnings };
}

/** Describes one import. @throws {@link ImportNotFoundError}. */
export async function describeImport(table: AdminTable, importArn: string): Promise<ImportInfo> {
  const { client, name } = table.model;
  const out = await backupSend<DescribeImportCommandOutput>(client, new DescribeImportCommand({ ImportArn: checkArn('importArn', importArn) }), {
    table: name,
    operation: 'DescribeImport',
  });
  return toInfo(out.ImportTableDescription);
}

function toInfo(d: ImportTableDescription | undefined): ImportInfo {
  return {
    /** The ARN. */
    arn: d?.ImportArn ?? '',
    status: d?.ImportStatus ?? 'UNKNOWN',
    /** Items read from the source. */
    processedItemCount: d?.ProcessedItemCount,
    /** Items written to the table. */
    importedItemCount: d?.ImportedItemCount,
    errorCount: d?.ErrorCount,
    /** Source bytes processed. */
    processedSizeBytes: d?.ProcessedSizeBytes,
    /** Why it failed, when it failed. */
    failureCode: d?.FailureCode,
    /** The failure message, when it failed. */
    failureMessage: d?.FailureMessage,
    /** The raw description, as DynamoDB returned it. */
    description: d,
  };
}
