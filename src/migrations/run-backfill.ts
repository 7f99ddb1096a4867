import { DescribeTableCommand, type AttributeValue, type ScanCommandInput } from '@aws-sdk/client-dynamodb';
import type { z } from 'zod';
import { ConditionFailedError, ConfigurationError, TablewrightError } from '../errors.js';
import type { EntityModel } from '../model/entity-model.js';
import { parseInput } from '../model/item-codec.js';
import { readStoredItem } from '../model/item-reader.js';
import type { AnyObjectSchema } from '../model/entity-types.js';
import { send } from '../request/send.js';
import { deleteCheckpoint, readCheckpoint, writeCheckpoint, type BackfillCounts, type SegmentCheckpoint } from './backfill-checkpoint.js';
import { assertUnit, planBackfill, type BackfillUnit } from './backfill-plan.js';
import { ProgressTracker, type BackfillProgress } from './backfill-progress.js';
import { capacityBudget, type CapacityBudget } from './capacity-budget.js';
import { readKey, rewriteRequest } from './rewrite-request.js';

/** An entity a backfill can rewrite (`table.entity(…)` or `defineEntity(…)`). */
export interface BackfillEntity<S extends AnyObjectSchema = AnyObjectSchema> {
  readonly name: string;
  readonly schema: S;
  /** @internal */
  readonly model: unknown;
}

/** What happened to one item (for `onItem`). */
export interface BackfillItemEvent {
  readonly key: Readonly<Record<string, unknown>>;
  readonly outcome: 'rewritten' | 'skipped' | 'failed';
  /** Why it was skipped or failed. */
  readonly reason?: 'current' | 'unchanged' | 'filtered' | 'gone' | 'superseded' | 'conflict' | 'error' | undefined;
  /** The error of a failed item. */
  readonly error?: Error | undefined;
  /** The item as it is (or would be, in a dry run) written. */
  readonly after?: Readonly<Record<string, unknown>> | undefined;
}

/** Options of {@link backfill} and {@link runBackfillUnit}. */
export interface BackfillOptions<S extends AnyObjectSchema = AnyObjectSchema> {
  /**
   * A change to apply to every item (read migrated, typed as the current
   * schema); return the new item, or `undefined` to leave it. Without it, the
   * backfill rewrites items stored at an older schema version at the current
   * one (the entity must declare `versions`). After an interruption the items
   * of the page in flight may be seen again: make it idempotent.
   */
  readonly transform?: ((item: z.output<S>) => z.input<S> | undefined) | undefined;
  /** Only items for which this returns `true` are rewritten (the others count as skipped). */
  readonly filter?: ((item: z.output<S>) => boolean) | undefined;
  /** Report what would change (`onItem`'s `after`), write nothing, store no checkpoint. */
  readonly dryRun?: boolean | undefined;
  /** Segments scanned at once by this process. Default 4. */
  readonly concurrency?: number | undefined;
  /** Rewrites in flight per segment. Default 8. */
  readonly writeConcurrency?: number | undefined;
  /** Items per scan page (Limit); a checkpoint follows every page. Default 100. */
  readonly pageSize?: number | undefined;
  /** Read capacity units per second this process may use (by ConsumedCapacity). Default unlimited. */
  readonly readUnitsPerSecond?: number | undefined;
  /** Write capacity units per second this process may use (by ConsumedCapacity). Default unlimited. */
  readonly writeUnitsPerSecond?: number | undefined;
  /** Rewrites retried when the item changed since it was read (re-read, re-derived). Default 3. */
  readonly retries?: number | undefined;
  /** Ignore stored checkpoints and start over. */
  readonly restart?: boolean | undefined;
  /** Items the table is thought to hold, for the ETA. Default the table's ItemCount (DescribeTable). */
  readonly estimatedItems?: number | undefined;
  /** Called after every page. */
  readonly onProgress?: ((progress: BackfillProgress) => void) | undefined;
  /** Called for every item the scan returns. */
  readonly onItem?: ((event: BackfillItemEvent) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** The outcome of a backfill run (counters include earlier runs resumed from checkpoints). */
export interface BackfillReport extends BackfillProgress {
  /** The first 100 failures, with their item keys. */
  readonly failures: readonly { readonly key: Readonly<Record<string, unknown>>; readonly error: Error }[];
}

/** Options of {@link backfill}: {@link BackfillOptions} plus the plan. */
export interface WholeBackfillOptions<S extends AnyObjectSchema = AnyObjectSchema> extends BackfillOptions<S> {
  /** Names the backfill and its checkpoints; running it again with the same id resumes. */
  readonly id: string;
  /** Parallel-scan segments. Default 8. */
  readonly totalSegments?: number | undefined;
}

/**
 * Rewrites every item of `entity` in one process: at the current schema
 * version, or through `transform`. Parallel scan, conditional rewrites that
 * never overwrite a concurrent application write, a capacity budget,
 * checkpoints in the table (running it again with the same `id` resumes),
 * progress events, dry run. {@link planBackfill} and {@link runBackfillUnit}
 * split the same work over processes.
 *
 * @example
 * ```ts
 * import { backfill } from 'tablewright/admin';
 * declare const User: import('tablewright/admin').BackfillEntity;
 * const report = await backfill(User, {
 *   id: 'user-v3',
 *   writeUnitsPerSecond: 200,
 *   onProgress: (p) => console.log(`${p.rewritten} rewritten, ETA ${p.etaSeconds ?? '?'} s`),
 * });
 * if (report.failed > 0) console.error(report.failures);
 * ```
 */
export async function backfill<S extends AnyObjectSchema>(entity: BackfillEntity<S>, options: WholeBackfillOptions<S>): Promise<BackfillReport> {
  const plan = planBackfill(entity, { id: options.id, totalSegments: options.totalSegments, units: 1 });
  return runBackfillUnit(entity, plan.units[0]!, options);
}

/**
 * Runs one unit of a planned backfill (its segments, `concurrency` at a
 * time), resuming each segment from its checkpoint. Separate processes may
 * run separate units of one plan at the same time.
 */
export async function runBackfillUnit<S extends AnyObjectSchema>(
  entity: BackfillEntity<S>,
  unit: BackfillUnit,
  options: BackfillOptions<S> = {},
): Promise<BackfillReport> {
  const model = modelOf(entity);
  assertUnit(unit, model.name);
  const settings = resolveOptions(model, options);
  const share = unit.segments.length / unit.totalSegments;
  const estimate = options.estimatedItems ?? (await tableItemCount(model));
  const tracker = new ProgressTracker({
    backfill: unit.backfill,
    entity: model.name,
    segments: unit.segments.length,
    dryRun: settings.dryRun,
    estimatedItems: estimate === undefined ? undefined : Math.ceil(estimate * share),
  });
  const failures: { key: Readonly<Record<string, unknown>>; error: Error }[] = [];
  const run: RunContext = {
    model,
    unit,
    options,
    settings,
    tracker,
    failures,
    reads: capacityBudget(options.readUnitsPerSecond),
    writes: capacityBudget(options.writeUnitsPerSecond),
  };
  const queue = [...unit.segments];
  const worker = async () => {
    for (let segment = queue.shift(); segment !== undefined; segment = queue.shift()) await runSegment(run, segment);
  };
  await Promise.all(Array.from({ length: Math.min(settings.concurrency, queue.length) }, worker));
  return { ...tracker.event(), failures };
}

interface Settings {
  readonly dryRun: boolean;
  readonly concurrency: number;
  readonly writeConcurrency: number;
  readonly pageSize: number;
  readonly retries: number;
  readonly filterExpression: Pick<ScanCommandInput, 'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>;
}

interface RunContext {
  readonly model: EntityModel;
  readonly unit: BackfillUnit;
  readonly options: BackfillOptions<AnyObjectSchema>;
  readonly settings: Settings;
  readonly tracker: ProgressTracker;
  readonly failures: { key: Readonly<Record<string, unknown>>; error: Error }[];
  readonly reads: CapacityBudget;
  readonly writes: CapacityBudget;
}

function modelOf(entity: BackfillEntity): EntityModel {
  const model = (entity as { model?: EntityModel } | undefined)?.model;
  if (!model?.table) throw new ConfigurationError('backfill: give an entity of a tablewright table (table.entity(…) or defineEntity(…))');
  return model;
}

function positive(name: string, value: number | undefined, fallback: number, max = 1_000_000): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) throw new ConfigurationError(`backfill: ${name} must be an integer from 1 to ${max}, got ${String(value)}`);
  return value;
}

function resolveOptions(model: EntityModel, options: BackfillOptions<AnyObjectSchema>): Settings {
  if (!options.transform && !model.versions) {
    throw new ConfigurationError(`backfill ${model.name}: the entity declares no versions; give a transform to apply`);
  }
  for (const name of ['readUnitsPerSecond', 'writeUnitsPerSecond'] as const) {
    const v = options[name];
    if (v !== undefined && !(typeof v === 'number' && v > 0)) throw new ConfigurationError(`backfill: ${name} must be a positive number, got ${String(v)}`);
  }
  const names: Record<string, string> = { '#et': model.table.entityTypeAttribute };
  const values: Record<string, AttributeValue> = { ':et': { S: model.name } };
  let filter = '#et = :et';
  if (!options.transform && model.versions) {
    // Only items below the current version: a resumed page skips what it already rewrote.
    names['#sv'] = model.versions.attribute;
    values[':sv'] = { N: String(model.versions.current) };
    filter += ' AND (attribute_not_exists(#sv) OR #sv < :sv)';
  }
  return {
    dryRun: options.dryRun === true,
    concurrency: positive('concurrency', options.concurrency, 4),
    writeConcurrency: positive('writeConcurrency', options.writeConcurrency, 8, 1000),
    pageSize: positive('pageSize', options.pageSize, 100),
    retries: options.retries === undefined ? 3 : positive('retries', options.retries + 1, 4, 101) - 1,
    filterExpression: { FilterExpression: filter, ExpressionAttributeNames: names, ExpressionAttributeValues: values },
  };
}

async function tableItemCount(model: EntityModel): Promise<number | undefined> {
  try {
    const out = await model.table.client.send(new DescribeTableCommand({ TableName: model.table.name }));
    return out.Table?.ItemCount;
  } catch {
    return undefined; // only the ETA needs it
  }
}

async function runSegment(run: RunContext, segment: number): Promise<void> {
  const { model, unit, settings, tracker, options } = run;
  const table = model.table;
  let checkpoint: SegmentCheckpoint;
  if (options.restart && !settings.dryRun) await deleteCheckpoint(table, unit.backfill, segment);
  if (options.restart || settings.dryRun) checkpoint = { segment, cursor: undefined, done: false, scanned: 0, rewritten: 0, skipped: 0, failed: 0 };
  else checkpoint = await readCheckpoint(table, unit.backfill, model.name, unit.totalSegments, segment);
  tracker.resume(checkpoint);
  const counts: BackfillCounts = { scanned: checkpoint.scanned, rewritten: checkpoint.rewritten, skipped: checkpoint.skipped, failed: checkpoint.failed };
  let cursor = checkpoint.cursor;
  let done = checkpoint.done;
  while (!done) {
    options.signal?.throwIfAborted();
    await run.reads.ready(options.signal);
    const page = await send(
      table,
      'Scan',
      {
        TableName: table.name,
        Segment: segment,
        TotalSegments: unit.totalSegments,
        Limit: settings.pageSize,
        ExclusiveStartKey: cursor,
        ReturnConsumedCapacity: 'TOTAL',
        ...settings.filterExpression,
      },
      { entity: model.name, abortSignal: options.signal },
    );
    run.reads.charge(page.ConsumedCapacity?.CapacityUnits ?? (page.ScannedCount ?? 0) / 2);
    const pageCounts: BackfillCounts = { scanned: page.ScannedCount ?? 0, rewritten: 0, skipped: 0, failed: 0 };
    const items = page.Items ?? [];
    let next = 0;
    const writer = async () => {
      for (let i = next++; i < items.length; i = next++) pageCounts[await rewriteOne(run, items[i]!)]++;
    };
    await Promise.all(Array.from({ length: Math.min(settings.writeConcurrency, items.length) }, writer));
    for (const k of ['scanned', 'rewritten', 'skipped', 'failed'] as const) counts[k] += pageCounts[k];
    tracker.add(pageCounts);
    cursor = page.LastEvaluatedKey;
    done = cursor === undefined;
    if (!settings.dryRun) await writeCheckpoint(table, unit.backfill, model.name, unit.totalSegments, { segment, cursor, done, ...counts });
    if (done) tracker.segmentsDone++;
    options.onProgress?.(tracker.event());
  }
  if (checkpoint.done) {
    tracker.segmentsDone++;
    options.onProgress?.(tracker.event());
  }
}

type Outcome = 'rewritten' | 'skipped' | 'failed';

/** Rewrites one scanned item conditionally; on a concurrent change re-reads and derives again. */
async function rewriteOne(run: RunContext, scanned: Record<string, AttributeValue>): Promise<Outcome> {
  const { model, options, settings } = run;
  let read = scanned;
  const key = readKey(model, read);
  const report = (outcome: Outcome, reason: BackfillItemEvent['reason'], extra: Partial<BackfillItemEvent> = {}): Outcome => {
    options.onItem?.({ key, outcome, reason, ...extra });
    return outcome;
  };
  const fail = (error: unknown, reason: BackfillItemEvent['reason'] = 'error'): Outcome => {
    const e = error instanceof Error ? error : new TablewrightError(String(error));
    if (run.failures.length < 100) run.failures.push({ key, error: e });
    return report('failed', reason, { error: e });
  };
  for (let attempt = 0; ; attempt++) {
    let request;
    let after: Record<string, unknown>;
    try {
      const current = readStoredItem(model, read);
      if (options.filter && !options.filter(current)) return report('skipped', 'filtered');
      if (options.transform) {
        const changed = options.transform(current);
        if (changed === undefined) return report('skipped', 'unchanged');
        after = parseInput(model, changed);
      } else {
        after = current;
      }
      request = rewriteRequest(model, read, after);
    } catch (error) {
      return fail(error);
    }
    if (request === undefined) return report('skipped', options.transform ? 'unchanged' : 'current');
    if (settings.dryRun) return report('rewritten', undefined, { after });
    try {
      await run.writes.ready(options.signal);
      const out = await send(model.table, 'UpdateItem', request, { entity: model.name, key, abortSignal: options.signal });
      run.writes.charge(out.ConsumedCapacity?.CapacityUnits ?? 1);
      return report('rewritten', undefined, { after });
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) return fail(error);
      run.writes.charge(1);
    }
    // Changed since read: read it again; a write of the application wins.
    await run.reads.ready(options.signal);
    const fresh = await send(model.table, 'GetItem', { TableName: model.table.name, Key: request.Key, ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' });
    run.reads.charge(fresh.ConsumedCapacity?.CapacityUnits ?? 1);
    if (!fresh.Item || fresh.Item[model.table.entityTypeAttribute]?.S !== model.name) return report('skipped', 'gone');
    const versions = model.versions;
    if (!options.transform && versions && fresh.Item[versions.attribute]?.N === String(versions.current)) return report('skipped', 'superseded');
    if (attempt >= settings.retries) return fail(new ConditionFailedError({ entity: model.name, key, message: `${model.name} ${JSON.stringify(key)}: still changing after ${settings.retries} retries` }), 'conflict');
    read = fresh.Item;
  }
}
