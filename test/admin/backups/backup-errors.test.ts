import * as sdk from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  BackupInUseError,
  BackupLimitExceededError,
  BackupNotFoundError,
  BackupOperationError,
  ExportConflictError,
  ExportNotFoundError,
  ImportConflictError,
  ImportNotFoundError,
  InvalidExportTimeError,
  InvalidRestoreTimeError,
  PointInTimeRecoveryUnavailableError,
  TableAlreadyExistsError,
  TableInUseError,
} from '../../../src/admin.js';
import { toBackupError } from '../../../src/admin/backup-errors/backup-errors.js';
import { mapControlError } from '../../../src/admin/control-plane/control-send.js';
import { DynamoDBError, TableNotFoundError, TablewrightError } from '../../../src/index.js';

/**
 * Every error the SDK model lists for the backup, PITR, restore, export and
 * import operations (their `@throws`), built with the SDK's own exception
 * classes, maps to a typed tablewright error with the AWS code kept.
 */
const THROWS: Record<string, readonly string[]> = {
  UpdateContinuousBackups: ['ContinuousBackupsUnavailableException', 'InternalServerError', 'InvalidEndpointException', 'TableNotFoundException'],
  DescribeContinuousBackups: ['InternalServerError', 'InvalidEndpointException', 'TableNotFoundException'],
  CreateBackup: ['BackupInUseException', 'ContinuousBackupsUnavailableException', 'InternalServerError', 'InvalidEndpointException', 'LimitExceededException', 'TableInUseException', 'TableNotFoundException'],
  DescribeBackup: ['BackupNotFoundException', 'InternalServerError', 'InvalidEndpointException'],
  DeleteBackup: ['BackupInUseException', 'BackupNotFoundException', 'InternalServerError', 'InvalidEndpointException', 'LimitExceededException'],
  ListBackups: ['InternalServerError', 'InvalidEndpointException'],
  RestoreTableFromBackup: ['BackupInUseException', 'BackupNotFoundException', 'InternalServerError', 'InvalidEndpointException', 'LimitExceededException', 'TableAlreadyExistsException', 'TableInUseException'],
  RestoreTableToPointInTime: [
    'InternalServerError',
    'InvalidEndpointException',
    'InvalidRestoreTimeException',
    'LimitExceededException',
    'PointInTimeRecoveryUnavailableException',
    'TableAlreadyExistsException',
    'TableInUseException',
    'TableNotFoundException',
  ],
  ExportTableToPointInTime: ['ExportConflictException', 'InternalServerError', 'InvalidExportTimeException', 'LimitExceededException', 'PointInTimeRecoveryUnavailableException', 'TableNotFoundException'],
  DescribeExport: ['ExportNotFoundException', 'InternalServerError', 'LimitExceededException'],
  ListExports: ['InternalServerError', 'LimitExceededException'],
  ImportTable: ['ImportConflictException', 'LimitExceededException', 'ResourceInUseException'],
  DescribeImport: ['ImportNotFoundException'],
};

const EXPECTED: Record<string, new (...args: never[]) => TablewrightError> = {
  ContinuousBackupsUnavailableException: PointInTimeRecoveryUnavailableError,
  PointInTimeRecoveryUnavailableException: PointInTimeRecoveryUnavailableError,
  TableNotFoundException: TableNotFoundError,
  BackupInUseException: BackupInUseError,
  BackupNotFoundException: BackupNotFoundError,
  LimitExceededException: BackupLimitExceededError,
  TableInUseException: TableInUseError,
  TableAlreadyExistsException: TableAlreadyExistsError,
  InvalidRestoreTimeException: InvalidRestoreTimeError,
  ExportConflictException: ExportConflictError,
  InvalidExportTimeException: InvalidExportTimeError,
  ExportNotFoundException: ExportNotFoundError,
  ImportConflictException: ImportConflictError,
  ImportNotFoundException: ImportNotFoundError,
  // An import creates its table: "in use" there means it already exists.
  ResourceInUseException: TableAlreadyExistsError,
  // Service faults without a more specific meaning stay DynamoDBError, with their code.
  InternalServerError: DynamoDBError,
  InvalidEndpointException: DynamoDBError,
};

describe('backup, restore, export and import errors: every code the SDK model lists is typed', () => {
  for (const [operation, codes] of Object.entries(THROWS)) {
    it(operation, () => {
      for (const code of codes) {
        const Exception = (sdk as unknown as Record<string, new (args: object) => Error>)[code];
        expect(Exception, code).toBeTypeOf('function');
        const raw = new Exception!({ message: `${code} from the service`, $metadata: {} });
        const context = { table: 'orders', operation };
        const mapped = toBackupError(mapControlError(raw, context), context) as TablewrightError;
        expect(mapped, `${operation} ${code}`).toBeInstanceOf(EXPECTED[code]!);
        if (mapped instanceof BackupOperationError) {
          expect(mapped).toMatchObject({ code, table: 'orders', operation });
          expect(mapped.cause).toBe(raw);
        } else if (mapped instanceof DynamoDBError) {
          expect(mapped.code).toBe(code);
        }
      }
    });
  }
});
