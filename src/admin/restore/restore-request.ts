import type {
  GlobalSecondaryIndex,
  LocalSecondaryIndex,
  RestoreTableFromBackupCommandInput,
  RestoreTableToPointInTimeCommandInput,
} from '@aws-sdk/client-dynamodb';
import { ConfigurationError } from '../../errors.js';
import { globalIndexInput, projectionInput } from '../../table/create-table-input.js';
import type { BillingMode, ResolvedIndex, TableModel } from '../../model/table-definition.js';
import { checkArn, checkResourceName } from '../backup/backup-request.js';

/** What a restored table looks like, where it differs from the source. */
export interface RestoreOverrides {
  /** The new table's name (a restore always creates a new table). */
  readonly targetTableName: string;
  /**
   * Secondary indexes of the new table: `'source'` (default) keeps the
   * source's as they were at the restore time; `'declared'` uses the
   * declaration's; a list keeps only those declared indexes (the rest are
   * excluded, which makes the restore faster).
   */
  readonly indexes?: 'source' | 'declared' | readonly string[];
  /** Capacity mode of the new table (default: the source's at the restore time). */
  readonly billing?: BillingMode;
}

/** When to restore to: a time in the restorable window, or the latest restorable time. */
export type RestorePoint = { readonly at: Date } | { readonly latest: true };

/** The `RestoreTableToPointInTime` request. Pure; bad input is a {@link ConfigurationError}. @internal */
export function pointInTimeRestoreInput(
  model: TableModel,
  point: RestorePoint,
  overrides: RestoreOverrides,
): RestoreTableToPointInTimeCommandInput {
  const time = checkPoint(point);
  return {
    SourceTableName: model.name,
    ...(time ? { RestoreDateTime: time } : { UseLatestRestorableTime: true }),
    ...overrideInput(model, overrides),
  };
}

/** The `RestoreTableFromBackup` request. Pure. @internal */
export function backupRestoreInput(model: TableModel, backupArn: string, overrides: RestoreOverrides): RestoreTableFromBackupCommandInput {
  return { BackupArn: checkArn('backupArn', backupArn), ...overrideInput(model, overrides) };
}

/** The time asked for, or undefined for "latest". @internal */
export function checkPoint(point: RestorePoint): Date | undefined {
  if (point && 'latest' in point && point.latest === true) return undefined;
  const at = (point as { at?: unknown } | undefined)?.at;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new ConfigurationError('restore point must be { at: <valid Date> } or { latest: true }');
  }
  return at;
}

function overrideInput(model: TableModel, o: RestoreOverrides) {
  const target = checkResourceName('table', o?.targetTableName);
  if (target === model.name) throw new ConfigurationError(`a restore creates a new table: targetTableName must differ from ${model.name}`);
  const billing = o.billing === undefined ? undefined : checkBilling(o.billing);
  const effective: TableModel = billing ? { ...model, billing } : model;
  const indexes = selectIndexes(model, o.indexes ?? 'source');
  return {
    TargetTableName: target,
    ...(billing && { BillingModeOverride: billing.mode === 'provisioned' ? ('PROVISIONED' as const) : ('PAY_PER_REQUEST' as const) }),
    ...(billing?.mode === 'provisioned' && {
      ProvisionedThroughputOverride: { ReadCapacityUnits: billing.read, WriteCapacityUnits: billing.write },
    }),
    ...(indexes && {
      GlobalSecondaryIndexOverride: indexes.filter((i) => i.type === 'global').map((i): GlobalSecondaryIndex => globalIndexInput(effective, i)),
      LocalSecondaryIndexOverride: indexes.filter((i) => i.type === 'local').map((i) => localIndexInput(model, i)),
    }),
  };
}

function selectIndexes(model: TableModel, choice: RestoreOverrides['indexes']): ResolvedIndex[] | undefined {
  if (choice === 'source') return undefined;
  const declared = Object.values(model.indexes);
  if (choice === 'declared') return declared;
  if (!Array.isArray(choice)) throw new ConfigurationError(`indexes must be 'source', 'declared' or a list of declared index names`);
  return choice.map((name) => {
    const index = model.indexes[name as string];
    if (!index) throw new ConfigurationError(`indexes: ${JSON.stringify(name)} is not declared on ${model.name} (declared: ${Object.keys(model.indexes).join(', ') || 'none'})`);
    return index;
  });
}

function checkBilling(billing: BillingMode): BillingMode {
  if (billing?.mode === 'on-demand') return billing;
  if (billing?.mode === 'provisioned' && [billing.read, billing.write].every((n) => Number.isInteger(n) && n >= 1)) return billing;
  throw new ConfigurationError(`billing must be { mode: 'on-demand' } or { mode: 'provisioned', read: n >= 1, write: n >= 1 }`);
}

function localIndexInput(model: TableModel, index: ResolvedIndex): LocalSecondaryIndex {
  return {
    IndexName: index.name,
    KeySchema: [
      { AttributeName: model.partitionKey, KeyType: 'HASH' },
      ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' as const }] : []),
    ],
    Projection: projectionInput(index.projection),
  };
}
