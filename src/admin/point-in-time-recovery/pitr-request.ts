import type { UpdateContinuousBackupsCommandInput } from '@aws-sdk/client-dynamodb';
import { ConfigurationError } from '../../errors.js';

/** Shortest and longest PITR recovery period DynamoDB accepts, in days. */
export const RECOVERY_PERIOD_DAYS = { min: 1, max: 35 } as const;

/**
 * The `UpdateContinuousBackups` request that enables (with a recovery period
 * of 1–35 whole days; DynamoDB's default is 35) or disables point-in-time
 * recovery. Pure; a bad period is a {@link ConfigurationError} before any request.
 * @internal
 */
export function updateContinuousBackupsInput(
  tableName: string,
  enabled: boolean,
  recoveryPeriodInDays?: number,
): UpdateContinuousBackupsCommandInput {
  if (recoveryPeriodInDays !== undefined) {
    if (!enabled) throw new ConfigurationError(`${tableName}: a recovery period applies only when enabling point-in-time recovery`);
    if (!Number.isInteger(recoveryPeriodInDays) || recoveryPeriodInDays < RECOVERY_PERIOD_DAYS.min || recoveryPeriodInDays > RECOVERY_PERIOD_DAYS.max) {
      throw new ConfigurationError(
        `${tableName}: recoveryPeriodInDays must be a whole number of days from ${RECOVERY_PERIOD_DAYS.min} to ${RECOVERY_PERIOD_DAYS.max}, got ${String(recoveryPeriodInDays)}`,
      );
    }
  }
  return {
    TableName: tableName,
    PointInTimeRecoverySpecification: {
      PointInTimeRecoveryEnabled: enabled,
      ...(recoveryPeriodInDays !== undefined && { RecoveryPeriodInDays: recoveryPeriodInDays }),
    },
  };
}
