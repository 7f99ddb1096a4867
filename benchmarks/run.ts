/**
 * tablewright benchmarks (issue 7). `npm run bench` — full run;
 * `npm run bench -- --quick` — short smoke run (CI). Options:
 *   --modes=stub,canned,local   which get modes to run (default all)
 *   --no-extras                 skip query/batch/import/bundle/type-check measures
 *   --extras=bundle,cold-import only these extras (query-format, batch-get, queries, writes, scaling, observe, cold-import, bundle, typecheck, dax-get, export-read)
 *   --rows=a,b                  only these rows (raw-client is always kept: ratios need it)
 *   --out=-suffix               write results/latest<suffix>.* instead of latest.*
 * Peers come from benchmarks/node_modules (`npm ci --prefix benchmarks`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { startDynamoDBLocal } from '../src/testing/index.js';
import { KEY, TABLE, type Contender, type RowEnv } from './contenders/contender.js';
import { contenders, PEER_OF } from './contenders/index.js';
import { startCanned } from './lib/canned.js';
import { checkItem } from './lib/fixture.js';
import { createBenchTable } from './lib/local-table.js';
import { interleave, median, medianRoundRatio, percentile, type Runner } from './lib/measure.js';
import { hasPeer } from './lib/peer.js';
import { environment, markdown, type ExtraResult, type RowResult } from './lib/report.js';
import { clientDynamodb, makeClient, type Target } from './lib/sdk.js';
import { runExtras } from './extras/index.js';
import { daxGet } from './dax-get.js';
import { exportRead } from './export-read.js';

/**
 * Node 20 counts CPU per process only. Re-run ourselves with V8's GC on the
 * main thread, so process CPU is main-thread CPU (GC work included) instead of
 * also billing parallel GC helper threads; and with bytecode flushing off (see
 * lib/measure.ts). Same code, same defaults otherwise.
 */
const V8_FLAGS = ['--single-threaded-gc', '--no-flush-bytecode', '--expose-gc'];
if (!V8_FLAGS.every((f) => process.execArgv.includes(f))) {
  const child = spawnSync(process.execPath, [...V8_FLAGS, '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const option = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const modes = (option('modes') ?? 'stub,canned,local').split(',');
const onlyRows = option('rows')?.split(',');
const withExtras = !argv.includes('--no-extras');
const onlyExtras = option('extras')?.split(',');

/** Rounds × ops per mode. Quick keeps every code path but few iterations. */
const PLAN = quick
  ? { stub: [2, 50], canned: [2, 50], local: [1, 10], localC32: [1, 32], localC256: [1, 256], warmup: 0, warmupOps: 150 }
  : { stub: [15, 300], canned: [15, 200], local: [7, 50], localC32: [5, 192], localC256: [3, 1024], warmup: 1, warmupOps: 1000 };

const t0 = Date.now();
const log = (message: string) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${message}\n`);

async function main() {
  const started = Date.now();
  let rows = contenders();
  const missing: string[] = [];
  for (const row of rows) {
    const peerName = PEER_OF[row.name];
    if (peerName && !(await hasPeer(peerName))) missing.push(row.name);
  }
  if (missing.length) log(`! skipping ${missing.join(', ')}: run \`npm ci --prefix benchmarks\` to install the peer libraries`);
  rows = rows.filter((r) => !missing.includes(r.name) && (!onlyRows || r.name === 'raw-client' || onlyRows.includes(r.name)));

  log('starting DynamoDB Local (seeding + local mode)…');
  const local = await startDynamoDBLocal();
  const seedClient = makeClient({ kind: 'http', endpoint: local.endpoint });
  const results: RowResult[] = [];
  let extras: ExtraResult[] = [];
  let canned: Awaited<ReturnType<typeof startCanned>> | undefined;
  try {
    await createBenchTable(seedClient);
    // Each library writes its own item (its own keys and bookkeeping); we capture the GetItem response body.
    const bodies: Record<string, string> = {};
    const items: Record<string, Record<string, AttributeValue>> = {};
    for (const row of rows) {
      if (!row.seed || bodies[row.fixture]) continue;
      const Key = await row.seed(seedClient);
      const out = await seedClient.send(new clientDynamodb.GetItemCommand({ TableName: TABLE, Key }));
      if (!out.Item) throw new Error(`${row.name}: seeded item not found`);
      items[row.fixture] = out.Item;
      bodies[row.fixture] = JSON.stringify({ Item: out.Item });
    }
    for (const row of rows) if (!bodies[row.fixture]) throw new Error(`${row.name}: no row seeds fixture ${row.fixture}`);

    canned = await startCanned(bodies);
    const envFor = (row: Contender, mode: RowEnv['mode']): RowEnv => {
      if (mode === 'stub') return { mode, target: { kind: 'stub', body: bodies[row.fixture]! }, endpoint: undefined };
      const endpoint = mode === 'canned' ? canned!.endpoint(row.fixture) : local.endpoint;
      const target: Target = { kind: 'http', endpoint };
      return { mode, target, endpoint };
    };

    const runMode = async (mode: RowEnv['mode'], label: string, concurrency: number, [rounds, ops]: number[]) => {
      const runners: Runner[] = [];
      for (const row of rows) {
        if (mode === 'stub' && !row.sdk) continue;
        const op = await row.make(envFor(row, mode));
        checkItem(`${row.name} (${label})`, await op(), row.setsAsArrays);
        runners.push({ name: row.name, mode: label, op, concurrency });
      }
      log(`${label}: ${runners.length} rows × ${rounds} rounds × ${ops} ops (interleaved)…`);
      const samples = await interleave(runners, { rounds: rounds!, opsPerRound: ops!, warmupRounds: PLAN.warmup, warmupOps: mode === 'local' ? Math.min(PLAN.warmupOps, 100) : PLAN.warmupOps });
      const raw = samples.find((s) => s.runner.name === 'raw-client');
      for (const s of samples) {
        const sorted = s.latenciesNs.sort((a, b) => a - b);
        // Median of per-round values: robust to bursts of foreign load on a shared machine.
        const cpuUsPerOp = median(s.roundCpuPerOp);
        results.push({
          name: s.runner.name,
          mode: label,
          opsPerSec: s.ops / (s.wallNs / 1e9),
          p50Us: percentile(sorted, 50) / 1000,
          p99Us: percentile(sorted, 99) / 1000,
          cpuUsPerOp,
          ratioToRaw: raw ? medianRoundRatio(s, raw) : null,
        });
      }
    };

    if (modes.includes('stub')) await runMode('stub', 'stub', 1, PLAN.stub);
    if (modes.includes('canned')) await runMode('canned', 'canned', 1, PLAN.canned);
    if (modes.includes('local')) {
      await runMode('local', 'local', 1, PLAN.local);
      await runMode('local', 'local-c32', 32, PLAN.localC32);
      // 256 in flight is a full-run row: on a loaded CI machine Local resets some of those sockets.
      if (!quick) await runMode('local', 'local-c256', 256, PLAN.localC256);
    }
    if (withExtras) extras = await runExtras({ quick, items, log, key: KEY, ...(onlyExtras ? { only: onlyExtras } : {}) });
    if (withExtras && (!onlyExtras || onlyExtras.includes('dax-get'))) extras.push(...(await daxGet({ quick, log, endpoint: local.endpoint })));
    if (withExtras && (!onlyExtras || onlyExtras.includes('export-read'))) extras.push(...(await exportRead({ quick, log })));
  } finally {
    canned?.stop();
    seedClient.destroy();
    await local.stop();
  }

  const env = environment();
  const date = new Date().toISOString();
  const outDir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(outDir, { recursive: true });
  const fileSuffix = option('out') ?? (quick ? '-quick' : '');
  writeFileSync(`${outDir}latest${fileSuffix}.json`, JSON.stringify(results, null, 2) + '\n');
  writeFileSync(`${outDir}extras${fileSuffix}.json`, JSON.stringify({ date, quick, env, extras }, null, 2) + '\n');
  const md = markdown(results, extras, env, { quick, date });
  writeFileSync(`${outDir}latest${fileSuffix}.md`, md);
  process.stdout.write(md);
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s → benchmarks/results/latest${fileSuffix}.{json,md}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
