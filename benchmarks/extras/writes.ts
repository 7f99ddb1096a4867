import { interleave, medianRoundRatio, type Runner } from '../lib/measure.js';
import { hasPeer } from '../lib/peer.js';
import type { ExtraResult } from '../lib/report.js';
import { makeClient } from '../lib/sdk.js';
import type { ExtrasContext } from './index.js';
import {
  documentClientWrites,
  electroWrites,
  oneTableWrites,
  rawWrites,
  tablewrightWrites,
  toolboxWrites,
  WRITE_OPS,
  type WriteOp,
  type WriteRow,
} from './write-rows.js';

/**
 * Writes, stub mode: every library sends the same request through the same
 * SDK (in-process handler answering `{}`-like success), so the CPU per call is
 * the library's own work plus the SDK's. Goals: tablewright's SDK path ≤ 1.10×
 * the raw SDK, the direct transport ≤ 0.5×, and every peer ≥ 1.5× tablewright.
 */
const BODY = JSON.stringify({ UnprocessedItems: {} });
const GOAL = { sdk: 1.1, direct: 0.5, peerOverTablewright: 1.5 } as const;

export async function writes(ctx: ExtrasContext): Promise<ExtraResult[]> {
  const client = () => makeClient({ kind: 'stub', body: BODY });
  const rows: WriteRow[] = [rawWrites(client()), documentClientWrites(client()), tablewrightWrites(client(), false), tablewrightWrites(client(), true)];
  const peers: Array<[string, (c: ReturnType<typeof client>) => Promise<WriteRow>]> = [
    ['electrodb', electroWrites],
    ['dynamodb-toolbox', toolboxWrites],
    ['dynamodb-onetable', oneTableWrites],
  ];
  for (const [pkg, make] of peers) if (await hasPeer(pkg)) rows.push(await make(client()));

  const out: ExtraResult[] = [];
  for (const op of WRITE_OPS) out.push(...(await measure(ctx, op, rows)));
  return out;
}

async function measure(ctx: ExtrasContext, op: WriteOp, rows: readonly WriteRow[]): Promise<ExtraResult[]> {
  const measured: Array<{ row: WriteRow; run: () => Promise<unknown> }> = [];
  for (const row of rows) {
    const run = row[op];
    if (!run) continue;
    try {
      await run(); // every row must succeed once before it is timed
      measured.push({ row, run });
    } catch (error) {
      ctx.log(`! write ${op}: ${row.name} failed and is not measured: ${(error as Error).message}`);
    }
  }
  const runners: Runner[] = measured.map(({ row, run }) => ({ name: row.name, mode: 'stub', op: run, concurrency: 1 }));
  const heavy = op === 'batchWrite25' || op === 'transactWrite4';
  const samples = await interleave(runners, {
    rounds: ctx.quick ? 5 : 12, // 2 quick rounds swung the SDK-path ratios by ±0.3 on a shared machine
    opsPerRound: (ctx.quick ? 20 : 150) / (heavy ? 5 : 1),
    warmupRounds: ctx.quick ? 0 : 1,
    warmupOps: ctx.quick ? 20 : 300,
  });
  ctx.log(`writes ${op}: ${samples.length} rows`);
  const raw = samples.find((s) => measured.find((m) => m.row.name === s.runner.name)?.row.kind === 'raw');
  const tw = samples.find((s) => measured.find((m) => m.row.name === s.runner.name)?.row.kind === 'sdk' && s.runner.name.startsWith('tablewright'));
  return samples.map((s) => {
    const row = measured.find((m) => m.row.name === s.runner.name)!.row;
    const ratio = raw ? medianRoundRatio(s, raw) : null;
    return {
      measure: `Write: ${op}, stub mode (CPU µs per call)`,
      name: s.runner.name,
      value: s.cpuUs / s.ops,
      unit: 'µs',
      ratio,
      note: goalNote(row, ratio, tw && row.kind === 'peer' ? medianRoundRatio(s, tw) : null),
    };
  });
}

/** "goal ≤ 1.10× · met" style notes, so the report says met or missed per row. */
function goalNote(row: WriteRow, ratio: number | null, overTablewright: number | null): string {
  const verdict = (ok: boolean) => (ok ? 'met' : 'missed');
  if (ratio === null) return 'ratio to raw-client';
  if (row.kind === 'sdk' && row.name.startsWith('tablewright')) return `ratio to raw-client · goal ≤ ${GOAL.sdk.toFixed(2)}× · ${verdict(ratio <= GOAL.sdk)}`;
  if (row.kind === 'direct') return `ratio to raw-client · goal ≤ ${GOAL.direct.toFixed(2)}× · ${verdict(ratio <= GOAL.direct)}`;
  if (row.kind === 'peer' && overTablewright !== null)
    return `ratio to raw-client · ${overTablewright.toFixed(2)}× tablewright (goal ≥ ${GOAL.peerOverTablewright}× · ${verdict(overTablewright >= GOAL.peerOverTablewright)})`;
  return 'ratio to raw-client';
}
