/**
 * Interleaved A/B of write rows in one process, stub mode, no peers:
 *   node --single-threaded-gc --import tsx benchmarks/ab-write.ts [ops=put,batchWrite25] [rounds=9] [opsPerRound=300]
 * Rows: raw (marshall + command), sdk-floor (the raw row's inputs prebuilt), tablewright (SDK path), tablewright-direct.
 * WARMUP_OPS=n sets the warm-up calls per row (default max(600, 3 rounds)).
 * Prints each row's median CPU µs/op and the median of per-round ratios to raw:
 * steadier than the quick bench when the machine is shared.
 */
import { interleave, medianRoundRatio, median, type Runner } from './lib/measure.js';
import { makeClient } from './lib/sdk.js';
import { rawWrites, sdkFloorWrites, tablewrightWrites, WRITE_OPS, type WriteOp } from './extras/write-rows.js';

const [opsText = 'put,batchWrite25', roundsText = '9', perRoundText = '300'] = process.argv.slice(2);
const ops = (opsText === 'all' ? [...WRITE_OPS] : opsText.split(',')) as WriteOp[];
for (const op of ops) if (!(WRITE_OPS as readonly string[]).includes(op)) throw new Error(`unknown op ${op}`);
const body = JSON.stringify({ UnprocessedItems: {} });
const rows = [rawWrites(makeClient({ kind: 'stub', body })), sdkFloorWrites(makeClient({ kind: 'stub', body })), tablewrightWrites(makeClient({ kind: 'stub', body }), false), tablewrightWrites(makeClient({ kind: 'stub', body }), true)];

for (const op of ops) {
  const heavy = op === 'batchWrite25' || op === 'transactWrite4';
  const runners: Runner[] = rows.map((row) => ({ name: row.name, mode: 'stub', op: row[op]!, concurrency: 1 }));
  const perRound = Math.max(10, Math.round(Number(perRoundText) / (heavy ? 5 : 1)));
  const samples = await interleave(runners, { rounds: Number(roundsText), opsPerRound: perRound, warmupRounds: 1, warmupOps: Number(process.env.WARMUP_OPS ?? Math.max(600, perRound * 3)) });
  const raw = samples[0]!;
  for (const s of samples) {
    console.log(`${op.padEnd(15)} ${s.runner.name.padEnd(58)} ${median(s.roundCpuPerOp).toFixed(1).padStart(8)} µs  ${medianRoundRatio(s, raw).toFixed(2)}×`);
  }
}
