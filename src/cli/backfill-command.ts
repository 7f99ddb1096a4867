import { planBackfill } from '../migrations/backfill-plan.js';
import type { BackfillProgress } from '../migrations/backfill-progress.js';
import { runBackfillUnit, type BackfillEntity } from '../migrations/run-backfill.js';
import { CliError, EXIT } from './cli-error.js';
import { findEntity, loadModel } from './load-model.js';
import { output, type GlobalOptions } from './output.js';

/** Options of `backfill <entity>`. */
export interface BackfillCommandOptions extends GlobalOptions {
  readonly model?: string;
  readonly id?: string;
  readonly segments?: string;
  readonly units?: string;
  readonly unit?: string;
  readonly concurrency?: string;
  readonly pageSize?: string;
  readonly rcu?: string;
  readonly wcu?: string;
  readonly dryRun?: boolean;
  readonly restart?: boolean;
  readonly progress?: boolean;
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CliError(`--${name} must be a positive number, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * `backfill <entity>`: rewrites the entity's older items at the current
 * schema version (resuming from the checkpoints of the same `--id`), with a
 * progress bar on a terminal. `--units N --unit I` runs unit I of N.
 */
export async function backfillCommand(entityName: string, options: BackfillCommandOptions): Promise<number> {
  const out = output(options);
  const model = await loadModel(options.model);
  const entity = findEntity(model, entityName);
  if (!entity.model.versions) throw new CliError(`entity ${entity.name} declares no schema versions: nothing to backfill`);
  const id = options.id ?? `${entity.name}-v${entity.model.versions.current}`;
  const units = integer('units', options.units) ?? 1;
  const index = options.unit === undefined ? 0 : Number(options.unit);
  if (!Number.isInteger(index) || index < 0 || index >= units) throw new CliError(`--unit must be an integer from 0 to ${units - 1}`);
  const plan = planBackfill(entity, { id, totalSegments: integer('segments', options.segments) ?? 8, units });
  const bar = !out.json && options.progress !== false && process.stderr.isTTY ? await progressBar() : undefined;
  const report = await runBackfillUnit(entity as unknown as BackfillEntity, plan.units[index]!, {
    concurrency: integer('concurrency', options.concurrency),
    pageSize: integer('page-size', options.pageSize),
    readUnitsPerSecond: integer('rcu', options.rcu),
    writeUnitsPerSecond: integer('wcu', options.wcu),
    dryRun: options.dryRun === true,
    restart: options.restart === true,
    onProgress: (p) => {
      if (bar) bar.update(p);
      else if (!out.json && options.progress !== false) out.info(progressLine(p));
    },
  }).finally(() => bar?.stop());
  const summary = `${report.dryRun ? 'dry run: would rewrite' : 'rewritten'} ${report.rewritten}, skipped ${report.skipped}, failed ${report.failed} (scanned ${report.scanned}) in ${(report.elapsedMs / 1000).toFixed(1)} s — backfill ${id}, unit ${index + 1}/${units}`;
  const failures = report.failures.slice(0, 10).map((f) => `  ${JSON.stringify(f.key)}: ${f.error.message}`);
  out.result({ ...report, id, unit: index, units }, [summary, ...failures].join('\n'));
  return report.failed > 0 ? EXIT.incomplete : EXIT.ok;
}

function progressLine(p: BackfillProgress): string {
  const eta = p.etaSeconds === undefined ? '?' : `${Math.round(p.etaSeconds)} s`;
  return `scanned ${p.scanned}, rewritten ${p.rewritten}, skipped ${p.skipped}, failed ${p.failed} — ${p.scannedPerSecond.toFixed(0)}/s, ETA ${eta}`;
}

/** A cli-progress bar over the estimated item count. */
async function progressBar(): Promise<{ update(p: BackfillProgress): void; stop(): void }> {
  const { default: progress } = await import('cli-progress');
  const bar = new progress.SingleBar(
    { format: '{bar} {percentage}% | scanned {value}/{total} | rewritten {rewritten} skipped {skipped} failed {failed} | {rate}/s | ETA {eta}s', hideCursor: true },
    progress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const total = Math.max(p.scanned + (p.remaining ?? 0), 1);
      const payload = { rewritten: p.rewritten, skipped: p.skipped, failed: p.failed, rate: p.scannedPerSecond.toFixed(0) };
      if (!started) {
        bar.start(total, p.scanned, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(p.scanned, payload);
      }
    },
    stop: () => started && bar.stop(),
  };
}
