/**
 * tablewright's own CPU and allocation per write, without the SDK (a transport
 * answering every request at once), in a process of its own:
 *   node --single-threaded-gc --no-flush-bytecode --import tsx benchmarks/own-write.ts [ops=all] [calls=4000] [profile.heapprofile]
 * CPU: the min of 5 rounds of `calls` (no forced GC between them). Bytes: the
 * sampling heap profiler over `calls` more, collected objects included, so
 * short-lived garbage counts; the allocation profile is written when a file
 * is given (summarise it by function with any .heapprofile viewer).
 * Allocation does not depend on the machine's load; CPU does.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { makeClient } from './lib/sdk.js';
import { tablewrightWrites, WRITE_OPS, type WriteOp } from './extras/write-rows.js';
import type { Transport } from '../src/transport/transport.js';

const [opsText = 'all', callsText = '4000', profileFile] = process.argv.slice(2);
const ops = (opsText === 'all' ? [...WRITE_OPS] : opsText.split(',')) as WriteOp[];
const calls = Number(callsText);
const answering: Transport = { send: () => Promise.resolve({}) as never };
const row = tablewrightWrites(makeClient({ kind: 'stub', body: '{}' }), false, answering);

const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
for (const op of ops) {
  const run = row[op]!;
  for (let i = 0; i < 3000; i++) await run();
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < calls; i++) await run();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / calls);
  }
  // The options are V8's (Node 20's inspector types do not list them yet).
  await session.post('HeapProfiler.startSampling', { samplingInterval: 64, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
  for (let i = 0; i < calls; i++) await run();
  const { profile } = await session.post('HeapProfiler.stopSampling');
  let bytes = 0;
  const walk = (node: { selfSize: number; children: unknown[] }): void => {
    bytes += node.selfSize;
    for (const child of node.children) walk(child as typeof node);
  };
  walk(profile.head as never);
  if (profileFile) writeFileSync(ops.length > 1 ? profileFile.replace(/(\.heapprofile)?$/, `-${op}.heapprofile`) : profileFile, JSON.stringify(profile));
  console.log(`${op.padEnd(15)} own CPU ${best.toFixed(1).padStart(7)} µs   allocated ${(bytes / calls / 1024).toFixed(1).padStart(6)} KB per call`);
}
session.disconnect();
