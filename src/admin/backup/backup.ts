import {
  CreateBackupCommand,
  DeleteBackupCommand,
  DescribeBackupCommand,
  ListBackupsCommand,
  type BackupDescription,
  type BackupDetails,
  type BackupSummary,
  type CreateBackupCommandOutput,
  type DeleteBackupCommandOutput,
  type DescribeBackupCommandOutput,
  type ListBackupsCommandOutput,
} from '@aws-sdk/client-dynamodb';
import type { AdminTable } from '../table-lifecycle/table-lifecycle.js';
import { backupSend } from '../backup-errors/backup-errors.js';
import { pollUntil, type WaitOptions } from '../control-plane/poll.js';
import { checkArn, createBackupInput, listBackupsInput, type ListBackupsOptions } from './backup-request.js';

export type { ListBackupsOptions };

/** An on-demand backup, as tablewright reports it. */
export interface BackupInfo {
  /** The ARN. */
  readonly arn: string;
  readonly name: string;
  /** `CREATING`, `AVAILABLE` or `DELETED`. */
  readonly status: string;
  /** `USER`, `SYSTEM` or `AWS_BACKUP`. */
  readonly type: string | undefined;
  /** When it was created. */
  readonly createdAt: Date | undefined;
  /** Size in bytes. */
  readonly sizeBytes: number | undefined;
  /** The backed-up table, when the response names it. */
  readonly tableName: string | undefined;
}

/** Options of {@link createBackup}. */
export interface CreateBackupOptions extends WaitOptions {
  /** Return at once (status `CREATING`) instead of waiting for `AVAILABLE`. Default false. */
  readonly noWait?: boolean;
  /** Sees every state polled while waiting. */
  readonly onProgress?: (backup: BackupInfo) => void;
}

/**
 * Creates an on-demand backup of the declared table (kept until deleted) and
 * waits until it is `AVAILABLE`.
 *
 * @throws `ConfigurationError` for a bad backup name, before any request.
 * @throws {@link BackupInUseError} / {@link TableInUseError} / {@link BackupLimitExceededError} as DynamoDB reports them.
 *
 * @example
 * ```ts
 * import { createBackup } from 'tablewright/admin';
 * const backup = await createBackup(table, 'before-migration-42');
 * ```
 */
export async function createBackup(table: AdminTable, backupName: string, options: CreateBackupOptions = {}): Promise<BackupInfo> {
  const { client, name } = table.model;
  const out = await backupSend<CreateBackupCommandOutput>(client, new CreateBackupCommand(createBackupInput(name, backupName)), {
    table: name,
    operation: 'CreateBackup',
  });
  const created = fromDetails(out.BackupDetails, name);
  options.onProgress?.(created);
  if (options.noWait || created.status === 'AVAILABLE') return created;
  return pollUntil({
    waitingFor: `backup ${backupName} AVAILABLE`,
    read: () => describeBackup(table, created.arn).then((d) => d.backup),
    done: (b) => b.status === 'AVAILABLE',
    stateOf: (b) => b.status,
    onState: options.onProgress,
    options,
  });
}

/** A backup and the source table details it holds. */
export interface BackupDescriptionInfo {
  /** The backup. */
  readonly backup: BackupInfo;
  /** The raw description (source table details and features). */
  readonly description: BackupDescription | undefined;
}

/** Describes one backup by ARN. @throws {@link BackupNotFoundError} when it does not exist. */
export async function describeBackup(table: AdminTable, backupArn: string): Promise<BackupDescriptionInfo> {
  const { client, name } = table.model;
  const out = await backupSend<DescribeBackupCommandOutput>(client, new DescribeBackupCommand({ BackupArn: checkArn('backupArn', backupArn) }), {
    table: name,
    operation: 'DescribeBackup',
  });
  const d = out.BackupDescription;
  return { backup: fromDetails(d?.BackupDetails, d?.SourceTableDetails?.TableName ?? name), description: d };
}

/** Every backup of the declared table (all pages), newest last as DynamoDB lists them. */
export async function listBackups(table: AdminTable, options: ListBackupsOptions = {}): Promise<BackupInfo[]> {
  const { client, name } = table.model;
  const all: BackupInfo[] = [];
  let start: string | undefined;
  do {
    const out = await backupSend<ListBackupsCommandOutput>(client, new ListBackupsCommand(listBackupsInput(name, options, start)), {
      table: name,
      operation: 'ListBackups',
    });
    for (const s of out.BackupSummaries ?? []) all.push(fromSummary(s));
    start = out.LastEvaluatedBackupArn;
  } while (start);
  return all;
}

/** Deletes a backup. @throws {@link BackupNotFoundError} / {@link BackupInUseError}. */
export async function deleteBackup(table: AdminTable, backupArn: string): Promise<BackupInfo> {
  const { client, name } = table.model;
  const out = await backupSend<DeleteBackupCommandOutput>(client, new DeleteBackupCommand({ BackupArn: checkArn('backupArn', backupArn) }), {
    table: name,
    operation: 'DeleteBackup',
  });
  const d = out.BackupDescription;
  return fromDetails(d?.BackupDetails, d?.SourceTableDetails?.TableName ?? name);
}

function fromDetails(d: BackupDetails | undefined, tableName: string | undefined): BackupInfo {
  return {
    /** The ARN. */
    arn: d?.BackupArn ?? '',
    name: d?.BackupName ?? '',
    status: d?.BackupStatus ?? 'UNKNOWN',
    type: d?.BackupType,
    /** When it was created. */
    createdAt: d?.BackupCreationDateTime,
    /** Size in bytes. */
    sizeBytes: d?.BackupSizeBytes,
    tableName,
  };
}

function fromSummary(s: BackupSummary): BackupInfo {
  return {
    /** The ARN. */
    arn: s.BackupArn ?? '',
    name: s.BackupName ?? '',
    status: s.BackupStatus ?? 'UNKNOWN',
    type: s.BackupType,
    /** When it was created. */
    createdAt: s.BackupCreationDateTime,
    /** Size in bytes. */
    sizeBytes: s.BackupSizeBytes,
    tableName: s.TableName,
  };
}
