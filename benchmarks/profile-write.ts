/**
 * Profiles one library's write in stub mode, without peers or Local:
 *   node --cpu-prof --cpu-prof-dir=benchmarks/results --import tsx benchmarks/profile-write.ts [row] [op] [ops]
 * rows: raw | tablewright | tablewright-direct; ops: put, create, update, delete, batchWrite25, transactWrite4.
 * Prints CPU µs/op; summarise the profile with lib/summarise-profile.mjs.
 */
import { makeClient } from './lib/sdk.js';
import { rawWrites, tablewrightWrites, WRITE_OPS, type WriteOp } from './extras/write-rows.js';

const [rowName = 'tablewright', opName = 'put', opsText = '5000'] = process.argv.slice(2);
if (!(WRITE_OPS as readonly string[]).includes(opName)) throw new Error(`unknown op ${opName}`);
const client = makeClient({ kind: 'stub', body: JSON.stringify({ UnprocessedItems: {} }) });
const row = rowName === 'raw' ? rawWrites(client) : tablewrightWrites(client, rowName === 'tablewright-direct');
const op = row[opName as WriteOp]!;
const ops = Number(opsText);
for (let i = 0; i < 1000; i++) await op();
const c0 = process.cpuUsage();
for (let i = 0; i < ops; i++) await op();
const c = process.cpuUsage(c0);
console.log(`${rowName} ${opName}: ${((c.user + c.system) / ops).toFixed(1)} µs CPU/op`);
