/**
 * tablewright/admin: control-plane features as free functions — table
 * lifecycle, capacity prediction and the cost model; backups, point-in-time
 * recovery, exports, imports and replicas as they land. They take a table declaration (`Table` or
 * `TableCore`) and send through its client. Nothing here is reachable from
 * the main entry, so the data-plane bundle does not grow with them.
 *
 * Rule: a control-plane feature is a free function in `src/admin/<action>/`
 * (a pure request builder, its send step through `controlSend`, options and
 * tests), exported here; never a new method on `Table`.
 *
 * @packageDocumentation
 */
export { createTable, deleteTable, describeTable, ensureTable, waitUntilActive } from './admin/table-lifecycle/table-lifecycle.js';
export type { AdminTable, EnsureResult, TableStatusReport } from './admin/table-lifecycle/table-lifecycle.js';
export { WaitTimeoutError, WaitAbortedError, type WaitOptions } from './admin/control-plane/poll.js';
export { predictWriteCapacity, type PredictWriteOptions, type WritableEntity } from './capacity/predict-entity-write.js';
export { predictReadCapacity, type ReadOperation } from './capacity/predict-read.js';
export type { CapacityPrediction } from './capacity/predict-write.js';
export type { ReadConsistency } from './capacity/capacity-units.js';
export { estimateMonthlyCost, formatCostEstimate, HOURS_PER_MONTH, type CostEstimate, type CostOption, type CostOptions, type Workload } from './capacity/cost-model.js';
export { DEFAULT_PRICES, type PriceTable } from './capacity/price-table.js';
export { runCostCommand, COST_COMMAND_USAGE } from './capacity/cost-command.js';
export {
  BackupOperationError,
  PointInTimeRecoveryUnavailableError,
  InvalidRestoreTimeError,
  InvalidExportTimeError,
  TableAlreadyExistsError,
  TableInUseError,
  BackupNotFoundError,
  BackupInUseError,
  ExportNotFoundError,
  ExportConflictError,
  ImportNotFoundError,
  ImportConflictError,
  BackupLimitExceededError,
} from './admin/backup-errors/backup-errors.js';
export {
  enablePointInTimeRecovery,
  disablePointInTimeRecovery,
  describePointInTimeRecovery,
  type PointInTimeRecoveryStatus,
  type EnablePointInTimeRecoveryOptions,
} from './admin/point-in-time-recovery/point-in-time-recovery.js';
export { RECOVERY_PERIOD_DAYS } from './admin/point-in-time-recovery/pitr-request.js';
export {
  createBackup,
  describeBackup,
  listBackups,
  deleteBackup,
  type BackupInfo,
  type BackupDescriptionInfo,
  type CreateBackupOptions,
  type ListBackupsOptions,
} from './admin/backup/backup.js';
export { restoreToPointInTime, restoreFromBackup, type RestoreOptions, type RestoreProgress, type RestoreResult } from './admin/restore/restore.js';
export type { RestoreOverrides, RestorePoint } from './admin/restore/restore-request.js';
export type { ReapplyOptions, ReapplyStep } from './admin/restore/reapply-plan.js';
export type { RestorableEntity, RestoredEntity } from './admin/restore/restored-entity.js';
export { exportFolder, exportBucket, type ExportSource, type ExportBucketOptions, type S3ClientLike } from './admin/export-reader/export-source.js';
export {
  openExport,
  type ExportManifest,
  type ExportSummary,
  type ExportDataFile,
  type OpenExportOptions,
} from './admin/export-reader/export-manifest.js';
export {
  readExportItems,
  readExportChanges,
  type ReadExportOptions,
  type ExportReadProgress,
  type ExportChange,
  type ExportChangeKind,
  type KeyOnlyRemove,
} from './admin/export-reader/export-reader.js';
export type { AnyEntity, EntityItem } from './admin/export-reader/decode-item.js';
export { ExportLineError, ExportChecksumError, ExportManifestError, type ExportLineIssue, type ExportLineReason } from './admin/export-reader/export-errors.js';
export {
  exportTable,
  describeExport,
  waitForExport,
  listExports,
  ExportFailedError,
  type ExportInfo,
  type ExportTableOptions,
  type ExportRequestOptions,
} from './admin/export-table/export-table.js';
export { INCREMENTAL_WINDOW_MS } from './admin/export-table/export-request.js';
export {
  writeImportFiles,
  IMPORT_MAX_OBJECTS,
  type ImportFiles,
  type ImportRecord,
  type ImportTarget,
  type StorableEntity,
  type WriteImportFilesOptions,
} from './admin/import-table/import-files.js';
export {
  importTable,
  describeImport,
  ImportFailedError,
  type ImportInfo,
  type ImportResult,
  type ImportTableOptions,
  type ImportRequestOptions,
} from './admin/import-table/import-table.js';
export { planReplicas, applyReplicas } from './admin/replicas/apply-replicas.js';
export type { ApplyReplicasOptions, ApplyReplicasResult, ReplicaProgressEvent, ReplicaPlanEvent, ReplicaStepEvent, ReplicaWaitingEvent } from './admin/replicas/apply-replicas.js';
export type { ReplicasDeclaration, ReplicaSpec, ReplicaCapacityOverride } from './admin/replicas/replica-declaration.js';
export type { ReplicaPlan, ReplicaStep, ReplicaStepKind, LiveReplica } from './admin/replicas/replica-plan.js';
export { ReplicaDeclarationError, ReplicaPlanError, ReplicaFailedError } from './admin/replicas/replica-errors.js';
export type { ReplicaDeclarationProblem, ReplicaPlanConflict } from './admin/replicas/replica-errors.js';
export { MRSC_REGION_SETS, regionSetOf } from './admin/replicas/region-sets.js';
// backfills (schema evolution): one process, or planned units run anywhere
export { backfill, runBackfillUnit } from './migrations/run-backfill.js';
export type { BackfillEntity, BackfillOptions, WholeBackfillOptions, BackfillReport, BackfillItemEvent } from './migrations/run-backfill.js';
export { planBackfill } from './migrations/backfill-plan.js';
export type { BackfillPlan, BackfillPlanOptions, BackfillUnit } from './migrations/backfill-plan.js';
export type { BackfillProgress } from './migrations/backfill-progress.js';
export type { BackfillCounts } from './migrations/backfill-checkpoint.js';
