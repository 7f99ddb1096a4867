import {
  RestoreTableFromBackupCommand,
  RestoreTableToPointInTimeCommand,
  type RestoreTableFromBackupCommandOutput,
  type RestoreTableToPointInTimeCommandOutput,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { AdminTable } from '../table-lifecycle/table-lifecycle.js';
import type { TableModel } from '../../model/table-definition.js';
import { backupSend, InvalidRestoreTimeError, PointInTimeRecoveryUnavailableError } from '../backup-errors/backup-errors.js';
import type { WaitOptions } from '../control-plane/poll.js';
import { describePitrByName } from '../point-in-time-recovery/point-in-time-recovery.js';
import { describeStep, reapplyPlan, type ReapplyOptions, type ReapplyStep } from './reapply-plan.js';
import { applyStep } from './reapply-settings.js';
import { backupRestoreInput, checkPoint, pointInTimeRestoreInput, type RestoreOverrides, type RestorePoint } from './restore-request.js';
import { restoredEntities, type RestorableEntity, type RestoredEntity } from './restored-entity.js';
import { waitTableReady } from './wait-table-active.js';

/** A progress event of a restore, in order: `started`, `restoring`…, `configuring`…, `done`. */
export type RestoreProgress =
  | { readonly phase: 'started'; readonly table: string }
  | { readonly phase: 'restoring'; readonly table: string; readonly status: string | undefined }
  | { readonly phase: 'configuring'; readonly table: string; readonly step: string }
  | { readonly phase: 'done'; readonly table: string };

/** Options of {@link restoreToPointInTime} and {@link restoreFromBackup}. */
export interface RestoreOptions extends RestoreOverrides, ReapplyOptions, WaitOptions {
  /** Sees each phase of the restore. */
  readonly onProgress?: (event: RestoreProgress) => void;
}

/** What a restore produced: an ACTIVE, configured new table. */
export interface RestoreResult {
  /** The table name. */
  readonly tableName: string;
  /** The table ARN. */
  readonly tableArn: string | undefined;
  /** The settings re-applied from the declaration and options, in order. */
  readonly reapplied: readonly string[];
  /** The new table as last described. */
  readonly description: TableDescription;
  /**
   * An entity of the source table bound to the restored one, for
   * verification reads with `getItem`, `query`, `count`, `scan` (read-only).
   *
   * @example
   * ```ts
   * import { restoreToPointInTime } from 'tablewright/admin';
   * import { getItem } from 'tablewright';
   *
   * const restored = await restoreToPointInTime(table, { latest: true }, { targetTableName: 'orders-check' });
   * const before = await getItem(restored.entity(Order), { orgId: 'o1', orderId: 'a' });
   * ```
   *
   * @throws `ConfigurationError` for an entity of another table.
   */
  entity<E extends RestorableEntity>(entity: E): RestoredEntity<E>;
}

/**
 * Restores the declared table as it was at a point in time into a NEW
 * table, waits until it is ACTIVE, then sets again what a restore does not
 * carry over (TTL, stream, deletion protection from the declaration; PITR
 * and tags from the options) and returns once that is done.
 *
 * The point is checked against the restorable window first, so a time
 * outside it fails before the (slow) restore starts.
 *
 * @throws `ConfigurationError` for bad options, before any request.
 * @throws {@link PointInTimeRecoveryUnavailableError} when PITR is off on the source.
 * @throws {@link InvalidRestoreTimeError} for a time outside the window (with the window).
 * @throws {@link TableAlreadyExistsError} when the target exists.
 *
 * @example
 * ```ts
 * import { restoreToPointInTime } from 'tablewright/admin';
 * const restored = await restoreToPointInTime(table, { at: new Date(Date.now() - 3_600_000) }, {
 *   targetTableName: 'orders-before-deploy',
 *   pointInTimeRecovery: true,
 *   onProgress: (e) => console.log(e.phase),
 * });
 * ```
 */
export async function restoreToPointInTime(table: AdminTable, point: RestorePoint, options: RestoreOptions): Promise<RestoreResult> {
  const model = table.model;
  const input = pointInTimeRestoreInput(model, point, options);
  const plan = reapplyPlan(model, input.TargetTableName!, options);
  await checkWindow(model, checkPoint(point));
  const out = await backupSend<RestoreTableToPointInTimeCommandOutput>(model.client, new RestoreTableToPointInTimeCommand(input), {
    /** The table name. */
    table: model.name,
    operation: 'RestoreTableToPointInTime',
  });
  return finishRestore(model, input.TargetTableName!, out.TableDescription, plan, options);
}

/**
 * Restores an on-demand backup of the declared table into a NEW table, with
 * the same wait and re-apply step as {@link restoreToPointInTime}.
 *
 * @throws {@link BackupNotFoundError} / {@link BackupInUseError} / {@link TableAlreadyExistsError}.
 */
export async function restoreFromBackup(table: AdminTable, backupArn: string, options: RestoreOptions): Promise<RestoreResult> {
  const model = table.model;
  const input = backupRestoreInput(model, backupArn, options);
  const plan = reapplyPlan(model, input.TargetTableName!, options);
  const out = await backupSend<RestoreTableFromBackupCommandOutput>(model.client, new RestoreTableFromBackupCommand(input), {
    /** The table name. */
    table: model.name,
    operation: 'RestoreTableFromBackup',
  });
  return finishRestore(model, input.TargetTableName!, out.TableDescription, plan, options);
}

async function checkWindow(model: TableModel, at: Date | undefined): Promise<void> {
  const pitr = await describePitrByName(model.client, model.name);
  const context = { code: '', table: model.name, operation: 'RestoreTableToPointInTime' };
  if (!pitr.enabled || !pitr.earliestRestorableAt || !pitr.latestRestorableAt) {
    throw new PointInTimeRecoveryUnavailableError({ ...context, code: 'PointInTimeRecoveryUnavailableException', message: `point-in-time recovery is not enabled on ${model.name}` });
  }
  if (at === undefined) return;
  const window = { earliest: pitr.earliestRestorableAt, latest: pitr.latestRestorableAt };
  if (at < window.earliest || at > window.latest) {
    throw new InvalidRestoreTimeError({
      ...context,
      code: 'InvalidRestoreTimeException',
      message: `${at.toISOString()} is outside ${model.name}'s restorable window ${window.earliest.toISOString()} .. ${window.latest.toISOString()}`,
      requested: at,
      window,
    });
  }
}

async function finishRestore(
  source: TableModel,
  target: string,
  started: TableDescription | undefined,
  plan: readonly ReapplyStep[],
  options: RestoreOptions,
): Promise<RestoreResult> {
  const client = source.client;
  const emit = options.onProgress;
  emit?.({ phase: 'started', table: target });
  let live = await waitTableReady(client, target, options, (t) => emit?.({ phase: 'restoring', table: target, status: t.TableStatus }));
  const reapplied: string[] = [];
  for (const step of plan) {
    const text = describeStep(step);
    emit?.({ phase: 'configuring', table: target, step: text });
    live = await applyStep(client, live, step, options);
    reapplied.push(text);
  }
  emit?.({ phase: 'done', table: target });
  return { tableName: target, tableArn: live.TableArn ?? started?.TableArn, reapplied, description: live, entity: restoredEntities(source, target) };
}
