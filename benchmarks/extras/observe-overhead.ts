/**
 * Cost of the request-event stream on the get path (CPU µs per get, through
 * an in-memory transport so the SDK's own cost does not hide the difference):
 * no listener, one no-op listener, one listener with `capacity: 'TOTAL'`.
 * With OBSERVE_BASELINE=<a src folder of tablewright from before the events>
 * (e.g. the main checkout's src), that version's get is measured beside them.
 *   npx tsx benchmarks/extras/observe-overhead.ts [--quick]
 */
import { pathToFileURL } from 'node:url';
import type { GetItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { observeRequests, Table, type Transport } from '../../src/index.js';
import { TABLE } from '../contenders/contender.js';
import { ITEM, checkItem, itemSchema } from '../lib/fixture.js';
import { interleave, type Runner } from '../lib/measure.js';
import type { ExtraResult } from '../lib/report.js';
import { makeClient, utilDynamodb } from '../lib/sdk.js';

const MEASURE = 'Get with request events, in-memory transport (CPU µs per get)';
const KEYS = { primary: { pk: ['TW', 'orgId'], sk: ['USER', 'userId'] } } as const;
const KEY = { orgId: 'acme', userId: 'u-0001' };

type TableClass = typeof Table;

function define(TableCtor: TableClass, item: Record<string, unknown>) {
  const json = JSON.stringify(item);
  // A fresh parsed Item per call, as the SDK hands each response over.
  const transport: Transport = { send: async () => ({ Item: JSON.parse(json), $metadata: { attempts: 1 } }) as GetItemCommandOutput as never };
  const table = new TableCtor({ name: TABLE, client: makeClient({ kind: 'stub', body: '{}' }), partitionKey: 'pk', sortKey: 'sk', transport });
  return { table, User: table.entity('BenchUser', { schema: itemSchema, keys: KEYS }) };
}

export async function observeOverhead(ctx: { readonly quick: boolean; readonly log: (m: string) => void }): Promise<ExtraResult[]> {
  const probe = define(Table, {});
  const item = utilDynamodb.marshall(probe.User.toStored(ITEM));
  const rows: Array<{ name: string; op: () => Promise<unknown> }> = [];
  const baseline = process.env.OBSERVE_BASELINE;
  if (baseline) {
    const { Table: Before } = (await import(pathToFileURL(`${baseline}/index.ts`).href)) as { Table: TableClass };
    const { User } = define(Before, item);
    rows.push({ name: 'get, before request events (OBSERVE_BASELINE)', op: () => User.get(KEY) });
  }
  {
    const { User } = define(Table, item);
    rows.push({ name: 'get, no listener', op: () => User.get(KEY) });
  }
  {
    const { table, User } = define(Table, item);
    let events = 0;
    observeRequests(table, () => void events++);
    rows.push({ name: 'get, one no-op listener', op: () => User.get(KEY) });
  }
  {
    const { table, User } = define(Table, item);
    observeRequests(table, () => undefined, { capacity: 'TOTAL' });
    rows.push({ name: "get, one listener with capacity: 'TOTAL'", op: () => User.get(KEY) });
  }
  for (const row of rows) checkItem(row.name, await row.op());
  const runners: Runner[] = rows.map((r) => ({ name: r.name, mode: 'memory', op: r.op, concurrency: 1 }));
  const samples = await interleave(runners, { rounds: ctx.quick ? 3 : 15, opsPerRound: ctx.quick ? 500 : 5000, warmupRounds: 1, warmupOps: ctx.quick ? 500 : 5000 });
  ctx.log(`observe overhead: ${rows.length} rows`);
  const reference = samples.find((s) => s.runner.name === 'get, no listener')!;
  const per = (s: (typeof samples)[number]) => s.cpuUs / s.ops;
  return samples.map((s) => ({ measure: MEASURE, name: s.runner.name, value: per(s), unit: 'µs', ratio: per(s) / per(reference) }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await observeOverhead({ quick: process.argv.includes('--quick'), log: (m) => process.stderr.write(`${m}\n`) });
  for (const r of results) console.log(`${r.value.toFixed(2).padStart(7)} µs  ×${r.ratio!.toFixed(3)}  ${r.name}`);
}
