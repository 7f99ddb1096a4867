import type { CreateBackupCommandInput, ListBackupsCommandInput } from '@aws-sdk/client-dynamodb';
import { ConfigurationError } from '../../errors.js';

const NAME = /^[A-Za-z0-9_.-]{3,255}$/;

/**
 * Checks a backup or table name against DynamoDB's rule (3–255 characters of
 * `[A-Za-z0-9_.-]`), before any request. @internal
 */
export function checkResourceName(what: 'backup' | 'table', name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new ConfigurationError(`${what} name must be 3–255 characters of [A-Za-z0-9_.-], got ${JSON.stringify(name)}`);
  }
  return name;
}

/** Checks that an ARN argument is a non-empty `arn:` string. @internal */
export function checkArn(what: string, arn: unknown): string {
  if (typeof arn !== 'string' || !arn.startsWith('arn:') || arn.length < 37 || arn.length > 1024) {
    throw new ConfigurationError(`${what} must be an ARN (37–1024 characters starting "arn:"), got ${JSON.stringify(arn)}`);
  }
  return arn;
}

/** The `CreateBackup` request. Pure. @internal */
export function createBackupInput(tableName: string, backupName: string): CreateBackupCommandInput {
  return { TableName: tableName, BackupName: checkResourceName('backup', backupName) };
}

/** Which backups {@link listBackups} returns. */
export interface ListBackupsOptions {
  /** `USER` (on-demand, default in DynamoDB: all), `SYSTEM`, `AWS_BACKUP` or `ALL`. */
  readonly type?: 'USER' | 'SYSTEM' | 'AWS_BACKUP' | 'ALL';
  /** Only backups created at or after this time. */
  readonly createdAfter?: Date;
  /** Only backups created before this time. */
  readonly createdBefore?: Date;
}

/** One page of the `ListBackups` request for a table. Pure. @internal */
export function listBackupsInput(tableName: string, options: ListBackupsOptions, startArn: string | undefined): ListBackupsCommandInput {
  for (const [key, value] of [['createdAfter', options.createdAfter], ['createdBefore', options.createdBefore]] as const) {
    if (value !== undefined && (!(value instanceof Date) || Number.isNaN(value.getTime()))) {
      throw new ConfigurationError(`listBackups: ${key} must be a valid Date`);
    }
  }
  return {
    TableName: tableName,
    ...(options.type && { BackupType: options.type }),
    ...(options.createdAfter && { TimeRangeLowerBound: options.createdAfter }),
    ...(options.createdBefore && { TimeRangeUpperBound: options.createdBefore }),
    ...(startArn && { ExclusiveStartBackupArn: startArn }),
  };
}
