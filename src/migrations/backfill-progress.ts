import type { BackfillCounts } from './backfill-checkpoint.js';

/** A progress event of a running backfill (after every page of every segment). */
export interface BackfillProgress extends Readonly<BackfillCounts> {
  readonly backfill: string;
  readonly entity: string;
  /** Segments of this run finished, and how many it has. */
  readonly segmentsDone: number;
  readonly segments: number;
  /** Milliseconds since this run started. */
  readonly elapsedMs: number;
  /** Items scanned per second in this run. */
  readonly scannedPerSecond: number;
  /** Items rewritten per second in this run. */
  readonly rewrittenPerSecond: number;
  /** Items still to scan, estimated from the table's item count; `undefined` when unknown. */
  readonly remaining: number | undefined;
  /** Seconds left at the current rate; `undefined` when unknown. */
  readonly etaSeconds: number | undefined;
  /** Whether nothing is written (`dryRun`). */
  readonly dryRun: boolean;
}

/** Sums the counters of a run's segments and turns them into events. @internal */
export class ProgressTracker {
  readonly totals: BackfillCounts = { scanned: 0, rewritten: 0, skipped: 0, failed: 0 };
  private readonly started = performance.now();
  private scannedAtStart = 0;
  private rewrittenAtStart = 0;
  segmentsDone = 0;

  constructor(
    private readonly info: { backfill: string; entity: string; segments: number; dryRun: boolean; estimatedItems: number | undefined },
  ) {}

  /** Counts carried over from checkpoints (earlier runs): they count in the totals, not in the rates. */
  resume(counts: BackfillCounts): void {
    this.add(counts);
    this.scannedAtStart += counts.scanned;
    this.rewrittenAtStart += counts.rewritten;
  }

  add(counts: Partial<BackfillCounts>): void {
    this.totals.scanned += counts.scanned ?? 0;
    this.totals.rewritten += counts.rewritten ?? 0;
    this.totals.skipped += counts.skipped ?? 0;
    this.totals.failed += counts.failed ?? 0;
  }

  event(): BackfillProgress {
    const elapsedMs = performance.now() - this.started;
    const seconds = Math.max(elapsedMs / 1000, 1e-3);
    const scannedPerSecond = (this.totals.scanned - this.scannedAtStart) / seconds;
    const estimate = this.info.estimatedItems;
    const remaining =
      this.segmentsDone === this.info.segments ? 0 : estimate === undefined ? undefined : Math.max(0, estimate - this.totals.scanned);
    return {
      backfill: this.info.backfill,
      entity: this.info.entity,
      ...this.totals,
      segmentsDone: this.segmentsDone,
      segments: this.info.segments,
      elapsedMs,
      scannedPerSecond,
      rewrittenPerSecond: (this.totals.rewritten - this.rewrittenAtStart) / seconds,
      remaining,
      etaSeconds: remaining === undefined ? undefined : remaining === 0 ? 0 : scannedPerSecond > 0 ? remaining / scannedPerSecond : undefined,
      dryRun: this.info.dryRun,
    };
  }
}
