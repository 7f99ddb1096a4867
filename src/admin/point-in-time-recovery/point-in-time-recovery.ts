import {
  DescribeContinuousBackupsCommand,
  UpdateContinuousBackupsCommand,
  type ContinuousBackupsDescription,
  type DescribeContinuousBackupsCommandOutput,
  type UpdateContinuousBackupsCommandOutput,
} from '@aws-sdk/client-dynamodb';
import type { AdminTable } from '../table-lifecycle/table-lifecycle.js';
import { backupSend } from '../backup-errors/backup-errors.js';
import { updateContinuousBackupsInput } from './pitr-request.js';

/** Point-in-time recovery state of a table, as DynamoDB reports it. */
export interface PointInTimeRecoveryStatus {
  /** Whether PITR is on (`ENABLED`). */
  readonly enabled: boolean;
  /** `ENABLED`, `DISABLED` (or `ENABLING` on newer service versions). */
  readonly status: string;
  /** Days of history kept (1–35), when enabled. */
  readonly recoveryPeriodInDays: number | undefined;
  /** Oldest time a restore or export may ask for, when enabled. */
  readonly earliestRestorableAt: Date | undefined;
  /** Newest time a restore may ask for (typically about 5 minutes ago), when enabled. */
  readonly latestRestorableAt: Date | undefined;
  /** The raw description. */
  readonly description: ContinuousBackupsDescription | undefined;
}

/** Options of {@link enablePointInTimeRecovery}. */
export interface EnablePointInTimeRecoveryOptions {
  /** Days of history to keep, 1–35 (DynamoDB's default 35). Validated before the request. */
  readonly recoveryPeriodInDays?: number;
}

/**
 * Turns on point-in-time recovery for the declared table (or changes its
 * recovery period). Disabling and re-enabling resets the restorable window.
 *
 * @throws `ConfigurationError` for a period outside 1–35 whole days, before any request.
 * @throws {@link PointInTimeRecoveryUnavailableError} when continuous backups are not available yet.
 *
 * @example
 * ```ts
 * import { enablePointInTimeRecovery } from 'tablewright/admin';
 * await enablePointInTimeRecovery(table, { recoveryPeriodInDays: 7 });
 * ```
 */
export async function enablePointInTimeRecovery(
  table: AdminTable,
  options: EnablePointInTimeRecoveryOptions = {},
): Promise<PointInTimeRecoveryStatus> {
  return updatePitr(table, true, options.recoveryPeriodInDays);
}

/** Turns point-in-time recovery off; the history kept so far is lost. */
export async function disablePointInTimeRecovery(table: AdminTable): Promise<PointInTimeRecoveryStatus> {
  return updatePitr(table, false, undefined);
}

/**
 * The table's point-in-time recovery state and restorable window.
 *
 * @example
 * ```ts
 * import { describePointInTimeRecovery } from 'tablewright/admin';
 *
 * const { enabled, earliestRestorableAt, latestRestorableAt } = await describePointInTimeRecovery(table);
 * ```
 */
export async function describePointInTimeRecovery(table: AdminTable): Promise<PointInTimeRecoveryStatus> {
  return describePitrByName(table.model.client, table.model.name);
}

/** The same for a table known by name only (a restore source). @internal */
export async function describePitrByName(
  client: AdminTable['model']['client'],
  tableName: string,
): Promise<PointInTimeRecoveryStatus> {
  const out = await backupSend<DescribeContinuousBackupsCommandOutput>(client, new DescribeContinuousBackupsCommand({ TableName: tableName }), {
    table: tableName,
    operation: 'DescribeContinuousBackups',
  });
  return toStatus(out.ContinuousBackupsDescription);
}

async function updatePitr(table: AdminTable, enabled: boolean, period: number | undefined): Promise<PointInTimeRecoveryStatus> {
  const { client, name } = table.model;
  const input = updateContinuousBackupsInput(name, enabled, period);
  const out = await backupSend<UpdateContinuousBackupsCommandOutput>(client, new UpdateContinuousBackupsCommand(input), {
    table: name,
    operation: 'UpdateContinuousBackups',
  });
  return toStatus(out.ContinuousBackupsDescription);
}

function toStatus(description: ContinuousBackupsDescription | undefined): PointInTimeRecoveryStatus {
  const pitr = description?.PointInTimeRecoveryDescription;
  const status = pitr?.PointInTimeRecoveryStatus ?? 'DISABLED';
  return {
    enabled: status === 'ENABLED',
    status,
    recoveryPeriodInDays: pitr?.RecoveryPeriodInDays,
    earliestRestorableAt: pitr?.EarliestRestorableDateTime,
    latestRestorableAt: pitr?.LatestRestorableDateTime,
    description,
  };
}
