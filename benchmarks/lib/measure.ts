import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
// Full GCs between batches would otherwise age out and flush the bytecode of
// rows that are idle while others run, so each batch would start by
// recompiling; a real service's hot path never sits idle that long.
setFlagsFromString('--no-flush-bytecode');
/** A full GC (setup, warm-up). */
const gc = runInNewContext('gc') as (options?: { type: 'major' | 'minor' }) => void;
/**
 * Before each measured batch: `minor` (the default) collects the young
 * generation, so one row's fresh garbage is not collected on another row's
 * time. Not a full GC: V8 discards optimized code that embeds a hidden class
 * whose last object died ("weak objects" deopts), and a forced full GC
 * between every batch of 40–300 ops made every row recompile its hot path
 * each batch (tens of ms of TurboFan CPU landing in the batch): a cost a
 * service pays once per natural full GC, thousands of requests apart.
 * `BENCH_FULL_GC=1` restores the full GC (to compare with earlier runs).
 */
export const QUIESCE_GC: 'major' | 'minor' = process.env.BENCH_FULL_GC === '1' ? 'major' : 'minor';

/**
 * GC, then a short pause so V8's concurrent sweeper threads finish
 * before a measured window opens: their CPU would otherwise land in the next
 * row's `process.cpuUsage()` (Node 20 has no per-thread counter).
 */
export async function quiesce(): Promise<void> {
  gc({ type: QUIESCE_GC });
  await new Promise((resolve) => setTimeout(resolve, 5));
}

/** One contender in one mode, ready to run. */
export interface Runner {
  readonly name: string;
  readonly mode: string;
  readonly op: () => Promise<unknown>;
  /** Operations in flight at once (1 = sequential). */
  readonly concurrency: number;
}

export interface Sample {
  readonly runner: Runner;
  ops: number;
  cpuUs: number;
  wallNs: number;
  latenciesNs: number[];
  /** CPU µs per op of each measured round (for round-by-round ratios). */
  roundCpuPerOp: number[];
}

/** Main-thread CPU where Node offers it (≥ 23.9), else the process's (main thread dominates; GC helpers add a little). */
const threadCpu = (process as unknown as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage;
export const CPU_SOURCE =
  (threadCpu
    ? 'process.threadCpuUsage (main thread)'
    : process.execArgv.includes('--single-threaded-gc')
      ? 'process.cpuUsage with --single-threaded-gc (main thread incl. GC)'
      : 'process.cpuUsage (whole process)') + `, a ${QUIESCE_GC} GC before each measured batch`;
function cpuNow(): number {
  const u = threadCpu ? threadCpu.call(process) : process.cpuUsage();
  return u.user + u.system;
}

/** Deterministic shuffle (round-robin order changes per round; seeded so runs are comparable). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed * 2654435761 + 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function batch(runner: Runner, n: number, sample: Sample | undefined): Promise<void> {
  const latencies = sample?.latenciesNs;
  const { op, concurrency } = runner;
  // Warm-up batches collect the young generation only, like measured ones: a full GC there
  // would discard the code they just optimized (see QUIESCE_GC).
  if (sample) await quiesce();
  else gc({ type: 'minor' });
  if (process.env.MARK_BATCHES) console.log(`@@batch ${runner.name} ${sample ? 'measured' : 'warm'}`);
  const cpu0 = cpuNow();
  const wall0 = process.hrtime.bigint();
  if (concurrency <= 1) {
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      await op();
      latencies?.push(Number(process.hrtime.bigint() - t0));
    }
  } else {
    let next = 0;
    const worker = async () => {
      while (next < n) {
        next++;
        const t0 = process.hrtime.bigint();
        await op();
        latencies?.push(Number(process.hrtime.bigint() - t0));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
  const wall = Number(process.hrtime.bigint() - wall0);
  const cpu = cpuNow() - cpu0;
  if (sample) {
    sample.ops += n;
    sample.cpuUs += cpu;
    sample.wallNs += wall;
    sample.roundCpuPerOp.push(cpu / n);
  }
}

/**
 * Runs every runner in interleaved rounds: round r runs a batch of each
 * runner in a shuffled order, so drift and noise hit all contenders alike.
 * The first `warmupRounds` are discarded (JIT, connection setup).
 */
export async function interleave(
  runners: readonly Runner[],
  options: { rounds: number; opsPerRound: number; warmupRounds: number; warmupOps?: number; onRound?: (round: number) => void },
): Promise<Sample[]> {
  gc(); // setup's garbage, once, before anything is optimized
  // JIT warm-up per runner before any measured round (the SDK's code paths are long).
  if (options.warmupOps) for (const runner of runners) await batch(runner, options.warmupOps, undefined);
  const samples = runners.map((runner): Sample => ({ runner, ops: 0, cpuUs: 0, wallNs: 0, latenciesNs: [], roundCpuPerOp: [] }));
  const byRunner = new Map(samples.map((s) => [s.runner, s]));
  const total = options.warmupRounds + options.rounds;
  for (let round = 0; round < total; round++) {
    for (const runner of shuffled(runners, round + 1)) {
      await batch(runner, options.opsPerRound, round < options.warmupRounds ? undefined : byRunner.get(runner));
    }
    options.onRound?.(round);
  }
  return samples;
}

/**
 * Median over rounds of `a`'s CPU per op ÷ `b`'s in the same round. On a
 * shared machine a burst of foreign load inflates one round for whoever runs
 * then; the per-round ratio's median discards such rounds.
 */
export function medianRoundRatio(a: Sample, b: Sample): number {
  const ratios = a.roundCpuPerOp.map((cpu, i) => cpu / b.roundCpuPerOp[i]!);
  return median(ratios);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Median of a few repetitions of a synchronous or async measurement. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export { gc };
