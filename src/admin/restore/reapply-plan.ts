import type { StreamViewType } from '@aws-sdk/client-dynamodb';
import { ConfigurationError } from '../../errors.js';
import type { TableModel } from '../../model/table-definition.js';
import { updateContinuousBackupsInput } from '../point-in-time-recovery/pitr-request.js';

/** Settings a restore does not carry over, to set again on the new table. */
export interface ReapplyOptions {
  /**
   * Point-in-time recovery on the new table: `true` (DynamoDB's default
   * period) or a period in days. Default: off, as a restore leaves it.
   */
  readonly pointInTimeRecovery?: boolean | { readonly recoveryPeriodInDays: number };
  /** Tags for the new table (a restore copies none). At most 50. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** One setting re-applied after a restore, in the order they are applied. */
export type ReapplyStep =
  | { readonly kind: 'ttl'; readonly attribute: string }
  | { readonly kind: 'stream'; readonly viewType: StreamViewType }
  | { readonly kind: 'deletion-protection' }
  | { readonly kind: 'point-in-time-recovery'; readonly recoveryPeriodInDays: number | undefined }
  | { readonly kind: 'tags'; readonly tags: Readonly<Record<string, string>> };

/**
 * What to set on a restored table: TTL, streams and deletion protection from
 * the declaration; PITR and tags from the options. Pure; bad options are a
 * {@link ConfigurationError} before the restore request.
 * @internal
 */
export function reapplyPlan(model: TableModel, targetTableName: string, options: ReapplyOptions): ReapplyStep[] {
  const steps: ReapplyStep[] = [];
  if (model.ttlAttribute) steps.push({ kind: 'ttl', attribute: model.ttlAttribute });
  if (model.stream) steps.push({ kind: 'stream', viewType: model.stream });
  if (model.deletionProtection) steps.push({ kind: 'deletion-protection' });
  const pitr = options.pointInTimeRecovery;
  if (pitr !== undefined && pitr !== false) {
    const period = pitr === true ? undefined : pitr.recoveryPeriodInDays;
    updateContinuousBackupsInput(targetTableName, true, period); // validates the period now
    steps.push({ kind: 'point-in-time-recovery', recoveryPeriodInDays: period });
  }
  if (options.tags !== undefined) steps.push({ kind: 'tags', tags: checkTags(options.tags) });
  return steps;
}

/** A short description of a step, for progress events and reports. */
export function describeStep(step: ReapplyStep): string {
  switch (step.kind) {
    case 'ttl':
      return `enable ttl on ${step.attribute}`;
    case 'stream':
      return `enable stream ${step.viewType}`;
    case 'deletion-protection':
      return 'enable deletion protection';
    case 'point-in-time-recovery':
      return `enable point-in-time recovery${step.recoveryPeriodInDays ? ` (${step.recoveryPeriodInDays} days)` : ''}`;
    case 'tags':
      return `tag ${Object.keys(step.tags).join(', ')}`;
  }
}

function checkTags(tags: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  if (typeof tags !== 'object' || tags === null) throw new ConfigurationError('tags must be an object of string values');
  const entries = Object.entries(tags);
  if (entries.length === 0 || entries.length > 50) throw new ConfigurationError(`tags: 1–50 tags, got ${entries.length}`);
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > 128 || key.toLowerCase().startsWith('aws:')) {
      throw new ConfigurationError(`tag key ${JSON.stringify(key)} must be 1–128 characters and not start with "aws:"`);
    }
    if (typeof value !== 'string' || value.length > 256) throw new ConfigurationError(`tag ${key}: the value must be a string of at most 256 characters`);
  }
  return Object.freeze({ ...tags });
}
