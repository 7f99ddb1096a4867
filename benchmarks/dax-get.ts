/**
 * A DAX-routed `get`: what tablewright's DAX router (routing decision,
 * read-your-writes lookups, route event) and DAX transport (method dispatch,
 * error normalisation) add over calling the same DAX client directly. Every
 * row is `Entity.get` of the same item through the REAL `Dax` class in front
 * of the DAX test double (test/doubles/dax.double.ts; the item is served from
 * its item cache, so no I/O is timed); only the transport differs:
 *   - `direct`: a 3-line transport calling `dax.getItem(input)` (the baseline)
 *   - `daxTransport`: dispatch + error normalisation
 *   - `daxRouter`: the full router (routing table, read-your-writes, fallback)
 * Ratio = median over rounds of the row's CPU ÷ `direct`'s CPU in the same round.
 * Goal: daxRouter ≤ 1.05×. Standalone: `npx tsx benchmarks/dax-get.ts [--quick]`.
 */
import { pathToFileURL } from 'node:url';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { daxRouter, daxTransport } from '../src/dax.js';
import { startDynamoDBLocal } from '../src/testing/index.js';
import type { OperationMap, OperationName, Transport } from '../src/transport/transport.js';
import { DaxClusterDouble } from '../test/doubles/dax.double.js';
import { KEY } from './contenders/contender.js';
import { defineTablewrightUser } from './contenders/tablewright.js';
import { checkItem, ITEM } from './lib/fixture.js';
import { createBenchTable } from './lib/local-table.js';
import { interleave, median, medianRoundRatio } from './lib/measure.js';
import type { ExtraResult } from './lib/report.js';
import { makeClient } from './lib/sdk.js';

const MEASURE = 'DAX-routed get against the DAX double (CPU µs/op; overhead of routing + normalisation over calling the same Dax client directly)';

/** Runs the measure on DynamoDB Local at `endpoint`, whose bench table exists. */
export async function daxGet(ctx: { quick: boolean; log: (message: string) => void; endpoint: string }): Promise<ExtraResult[]> {
  const client: DynamoDBClient = makeClient({ kind: 'http', endpoint: ctx.endpoint });
  const double = new DaxClusterDouble(client, { recordTtlMs: 0 });
  const dax = double.client();
  try {
    await defineTablewrightUser(client).put(ITEM);
    const direct: Transport = {
      send: <O extends OperationName>(_operation: O, input: OperationMap[O][0]) => dax.getItem(input as OperationMap['GetItem'][0]) as Promise<OperationMap[O][1]>,
    };
    const rows = [
      { name: 'direct (Entity.get on a transport calling dax.getItem)', transport: direct },
      { name: 'daxTransport (dispatch + error normalisation)', transport: daxTransport(dax) },
      { name: 'daxRouter (routing table, read-your-writes, fallback)', transport: daxRouter({ dax, client }) },
    ];
    const runners = [];
    for (const row of rows) {
      const User = defineTablewrightUser(client, row.transport);
      const op = () => User.get(KEY);
      checkItem(row.name, await op());
      runners.push({ name: row.name, mode: 'dax-double', op, concurrency: 1 });
    }
    const hitsBefore = double.stats.itemHits;
    // Quick runs still take 7 rounds: with 3 × 100 ops the ratio swung 1.01–1.28× on a shared machine.
    const [rounds, ops] = ctx.quick ? [7, 300] : [21, 1000];
    ctx.log(`dax get: ${runners.length} rows × ${rounds} rounds × ${ops} ops…`);
    const samples = await interleave(runners, { rounds, opsPerRound: ops, warmupRounds: 1, warmupOps: ctx.quick ? 600 : 2000 });
    // Every timed get must have been a cache hit: otherwise DynamoDB Local's latency would be in the numbers.
    if (double.stats.itemMisses > rows.length) throw new Error(`dax get: ${double.stats.itemMisses} item cache misses`);
    if (double.stats.itemHits - hitsBefore < rounds * ops * rows.length) throw new Error('dax get: fewer cache hits than gets');
    const base = samples[0]!;
    return samples.map((s) => ({
      measure: MEASURE,
      name: s.runner.name,
      value: median(s.roundCpuPerOp),
      unit: 'µs',
      ratio: s === base ? 1 : medianRoundRatio(s, base),
      note: s === base ? 'baseline' : 'ratio to direct; goal ≤ 1.05×',
    }));
  } finally {
    (dax as unknown as { shutdown(): void }).shutdown();
    client.destroy();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const local = await startDynamoDBLocal();
  try {
    const seed = makeClient({ kind: 'http', endpoint: local.endpoint });
    await createBenchTable(seed);
    seed.destroy();
    const results = await daxGet({ quick: process.argv.includes('--quick'), log: (m) => process.stderr.write(`${m}\n`), endpoint: local.endpoint });
    console.log('| row | CPU µs/op | ratio |\n| --- | ---: | ---: |');
    for (const r of results) console.log(`| ${r.name} | ${r.value.toFixed(2)} | ${r.ratio!.toFixed(3)}× |`);
  } finally {
    await local.stop();
  }
}
