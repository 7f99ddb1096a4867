import { DynamoDBError, TablewrightError } from '../../errors.js';
import { controlSend, type ControlCommand, type ControlContext } from '../control-plane/control-send.js';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * A documented failure of a backup, restore, export or import call. `code`
 * is the AWS error name; the SDK error is kept as `cause`. Subclasses name
 * the codes a caller acts on.
 */
export class BackupOperationError extends TablewrightError {
  override readonly name: string = 'BackupOperationError';
  /** The AWS error name, e.g. `BackupInUseException`. */
  readonly code: string;
  /** The table the call was about. */
  readonly table: string;
  /** The operation, e.g. `RestoreTableToPointInTime`. */
  readonly operation: string;
  constructor(args: { code: string; table: string; operation: string; message: string; cause?: unknown }) {
    super(args.message, { cause: args.cause });
    this.code = args.code;
    this.table = args.table;
    this.operation = args.operation;
  }
}

/** Point-in-time recovery (continuous backups) is not enabled, or not yet available, on the table. */
export class PointInTimeRecoveryUnavailableError extends BackupOperationError {
  override readonly name: string = 'PointInTimeRecoveryUnavailableError';
}

/** The requested restore time lies outside the restorable window. */
export class InvalidRestoreTimeError extends BackupOperationError {
  override readonly name: string = 'InvalidRestoreTimeError';
  /** The time asked for, when known. */
  readonly requested: Date | undefined;
  /** The window at the time of the check, when the check was made locally. */
  readonly window: { readonly earliest: Date; readonly latest: Date } | undefined;
  constructor(
    args: ConstructorParameters<typeof BackupOperationError>[0] & {
      requested?: Date | undefined;
      window?: { readonly earliest: Date; readonly latest: Date } | undefined;
    },
  ) {
    super(args);
    this.requested = args.requested;
    this.window = args.window;
  }
}

/** The export time (or incremental window) is outside the PITR window or malformed. */
export class InvalidExportTimeError extends BackupOperationError {
  override readonly name: string = 'InvalidExportTimeError';
}

/** The target table of a restore or import already exists. */
export class TableAlreadyExistsError extends BackupOperationError {
  override readonly name: string = 'TableAlreadyExistsError';
}

/** Another control-plane operation is running on the table. */
export class TableInUseError extends BackupOperationError {
  override readonly name: string = 'TableInUseError';
}

/** No backup has that ARN. */
export class BackupNotFoundError extends BackupOperationError {
  override readonly name: string = 'BackupNotFoundError';
}

/** The backup is being created or deleted, or another backup of the table is in progress. */
export class BackupInUseError extends BackupOperationError {
  override readonly name: string = 'BackupInUseError';
}

/** No export has that ARN. */
export class ExportNotFoundError extends BackupOperationError {
  override readonly name: string = 'ExportNotFoundError';
}

/** The client token was used within 8 hours for an export with different parameters. */
export class ExportConflictError extends BackupOperationError {
  override readonly name: string = 'ExportConflictError';
}

/** No import has that ARN. */
export class ImportNotFoundError extends BackupOperationError {
  override readonly name: string = 'ImportNotFoundError';
}

/** The client token was used within 8 hours for an import with different parameters. */
export class ImportConflictError extends BackupOperationError {
  override readonly name: string = 'ImportConflictError';
}

/** An account limit (concurrent restores, exports, imports …) was reached. Retry later. */
export class BackupLimitExceededError extends BackupOperationError {
  override readonly name: string = 'BackupLimitExceededError';
}

type ErrorClass = new (args: ConstructorParameters<typeof BackupOperationError>[0]) => BackupOperationError;

const BY_CODE: Readonly<Record<string, ErrorClass>> = {
  PointInTimeRecoveryUnavailableException: PointInTimeRecoveryUnavailableError,
  ContinuousBackupsUnavailableException: PointInTimeRecoveryUnavailableError,
  InvalidRestoreTimeException: InvalidRestoreTimeError,
  InvalidExportTimeException: InvalidExportTimeError,
  TableAlreadyExistsException: TableAlreadyExistsError,
  TableInUseException: TableInUseError,
  BackupNotFoundException: BackupNotFoundError,
  BackupInUseException: BackupInUseError,
  ExportNotFoundException: ExportNotFoundError,
  ExportConflictException: ExportConflictError,
  ImportNotFoundException: ImportNotFoundError,
  ImportConflictException: ImportConflictError,
  LimitExceededException: BackupLimitExceededError,
};

/**
 * Sends a backup/restore/export/import command through {@link controlSend}
 * and turns the documented failure codes into their error classes.
 * `ResourceInUseException` on an import's new table means it exists.
 * @internal
 */
export async function backupSend<O>(client: DynamoDBClient, command: ControlCommand, context: ControlContext): Promise<O> {
  try {
    return await controlSend<O>(client, command, context);
  } catch (error) {
    throw toBackupError(error, context);
  }
}

/** Maps a {@link DynamoDBError} with a documented code to its class; anything else passes. @internal */
export function toBackupError(error: unknown, context: ControlContext): unknown {
  if (!(error instanceof DynamoDBError)) return error;
  const code = error.code === 'ResourceInUseException' && context.operation === 'ImportTable' ? 'TableAlreadyExistsException' : error.code;
  const Class = BY_CODE[code];
  if (!Class) return error;
  return new Class({ code: error.code, table: context.table, operation: context.operation, message: error.message, cause: error.cause });
}
