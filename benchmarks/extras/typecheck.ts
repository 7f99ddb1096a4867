import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from '../lib/measure.js';
import { hasPeer } from '../lib/peer.js';
import type { ExtraResult } from '../lib/report.js';
import { BENCH_TMP, REPO, scratch } from './esbuild.js';
import type { ExtrasContext } from './index.js';

const MEASURE = 'Type-check of 60 generated entities, each with get, put, update, query, transaction and collection (tsc --noEmit, total time)';
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');
const COUNT = 60;

const TSCONFIG = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2022'],
      types: [],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      ...extra,
    },
    include: ['*.ts'],
  });

/**
 * Per entity, what a real service does: a get, a put, an update with a
 * condition, a query with a sort condition and a filter, a transaction and
 * a collection query. Both projects do the same things, each in its own idiom.
 */
function tablewrightProject(): string {
  const lines = [`import { z } from 'zod';`, `import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';`, `import { Table } from '../tw-dts/index.js';`, `declare const client: DynamoDBClient;`];
  lines.push(`const table = new Table({ name: 'app', client, partitionKey: 'pk', sortKey: 'sk', indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } } });`);
  for (let i = 0; i < COUNT; i++) {
    lines.push(`export const E${i} = table.entity('E${i}', {
  schema: z.object({ orgId: z.string(), id: z.string(), name: z.string(), count: z.number(), active: z.boolean(), status: z.enum(['a', 'b']), tags: z.array(z.string()), address: z.object({ city: z.string(), zip: z.string() }), note: z.string().optional() }),
  keys: { primary: { pk: ['ORG', 'orgId'], sk: ['E${i}', 'id'] }, gsi1: { pk: ['E${i}', 'status'], sk: ['NAME', 'name'] } },
});`);
  }
  lines.push(`const org = table.collection({ ${Array.from({ length: COUNT }, (_, i) => `e${i}: E${i}`).join(', ')} });`);
  for (let i = 0; i < COUNT; i++) {
    lines.push(`export async function use${i}() {
  await E${i}.put({ orgId: 'o', id: 'x', name: 'n', count: 1, active: true, status: 'a', tags: [], address: { city: 'c', zip: 'z' } });
  const r = await E${i}.get({ orgId: 'o', id: 'x' });
  await E${i}.update({ orgId: 'o', id: 'x' }, { set: { name: 'm', 'address.city': 'c2' }, add: { count: 1 } }, { condition: (c) => c.eq('status', 'a') });
  const page = await E${i}.query('gsi1', { status: 'a' }, { sort: (k) => k.beginsWith({ name: 'n' }), filter: (c) => c.and(c.gt('count', 1), c.eq('address.city', 'c')) });
  await table.transactWrite([
    E${i}.putOp({ orgId: 'o', id: 'y', name: 'n', count: 1, active: true, status: 'b', tags: [], address: { city: 'c', zip: 'z' } }),
    E${i}.updateOp({ orgId: 'o', id: 'x' }, { add: { count: -1 } }, { condition: (c) => c.gt('count', 0) }),
  ]);
  const col = await org.query({ orgId: 'o' });
  return [r?.address.city, page.items[0]?.name, col.items.e${i}[0]?.id];
}`);
  }
  return lines.join('\n') + '\n';
}

function electroProject(): string {
  // Both projects import the SDK client's types, as any real service does (it constructs the client).
  const lines = [`import { Entity, Service } from 'electrodb';`, `import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';`, `declare const client: DynamoDBClient;`];
  for (let i = 0; i < COUNT; i++) {
    lines.push(`export const E${i} = new Entity({
  model: { entity: 'e${i}', version: '1', service: 'app' },
  attributes: { orgId: { type: 'string', required: true }, id: { type: 'string', required: true }, name: { type: 'string', required: true }, count: { type: 'number', required: true }, active: { type: 'boolean', required: true }, status: { type: ['a', 'b'] as const, required: true }, tags: { type: 'list', items: { type: 'string' }, required: true }, address: { type: 'map', properties: { city: { type: 'string', required: true }, zip: { type: 'string', required: true } }, required: true }, note: { type: 'string' } },
  indexes: { primary: { collection: 'org', pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: ['id'] } }, byStatus: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['status'] }, sk: { field: 'gsi1sk', composite: ['name'] } } },
}, { client, table: 'app' });`);
  }
  lines.push(`const app = new Service({ ${Array.from({ length: COUNT }, (_, i) => `e${i}: E${i}`).join(', ')} }, { client, table: 'app' });`);
  for (let i = 0; i < COUNT; i++) {
    lines.push(`export async function use${i}() {
  await E${i}.put({ orgId: 'o', id: 'x', name: 'n', count: 1, active: true, status: 'a', tags: [], address: { city: 'c', zip: 'z' } }).go();
  const r = await E${i}.get({ orgId: 'o', id: 'x' }).go();
  await E${i}.update({ orgId: 'o', id: 'x' }).set({ name: 'm' }).add({ count: 1 }).where((a, op) => op.eq(a.status, 'a')).go();
  const page = await E${i}.query.byStatus({ status: 'a' }).begins({ name: 'n' }).where((a, op) => \`\${op.gt(a.count, 1)} AND \${op.eq(a.address.city, 'c')}\`).go();
  await app.transaction.write(({ e${i} }) => [
    e${i}.put({ orgId: 'o', id: 'y', name: 'n', count: 1, active: true, status: 'b', tags: [], address: { city: 'c', zip: 'z' } }).commit(),
    e${i}.update({ orgId: 'o', id: 'x' }).add({ count: -1 }).where((a, op) => op.gt(a.count, 0)).commit(),
  ]).go();
  const col = await app.collections.org({ orgId: 'o' }).go();
  return [r.data?.address.city, page.data[0]?.name, col.data.e${i}[0]?.id];
}`);
  }
  return lines.join('\n') + '\n';
}

/** One `tsc --extendedDiagnostics` run: times in ms, and the checker's counts. */
export interface TscRun {
  readonly totalMs: number;
  readonly checkMs: number;
  readonly instantiations: number;
  readonly types: number;
}

function tsc(project: string): TscRun {
  const result = spawnSync(process.execPath, [TSC, '-p', project, '--extendedDiagnostics'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tsc failed for ${project}:\n${result.stdout}${result.stderr}`);
  const seconds = (label: string) => Number(new RegExp(`${label}:\\s+([\\d.]+)s`).exec(result.stdout)?.[1] ?? NaN) * 1000;
  const count = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(result.stdout)?.[1] ?? NaN);
  return { totalMs: seconds('Total time'), checkMs: seconds('Check time'), instantiations: count('Instantiations'), types: count('Types') };
}

export async function typecheck(ctx: ExtrasContext): Promise<ExtraResult[]> {
  if (!(await hasPeer('electrodb'))) return [];
  const root = scratch(join(BENCH_TMP, 'typecheck'));
  // tablewright as users get it: declarations, not sources.
  const dts = join(root, 'tw-dts');
  rmSync(dts, { recursive: true, force: true });
  const emitConfig = join(root, 'tsconfig.dts.json');
  writeFileSync(
    emitConfig,
    JSON.stringify({
      extends: join(REPO, 'tsconfig.json'),
      compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, rootDir: join(REPO, 'src'), outDir: dts },
      include: [join(REPO, 'src')],
    }),
  );
  const emit = spawnSync(process.execPath, [TSC, '-p', emitConfig], { encoding: 'utf8' });
  if (emit.status !== 0) throw new Error(`declaration emit failed:\n${emit.stdout}${emit.stderr}`);
  const projects: Record<string, string> = { tablewright: tablewrightProject(), electrodb: electroProject() };
  for (const [name, code] of Object.entries(projects)) {
    mkdirSync(join(root, name), { recursive: true });
    writeFileSync(join(root, name, 'index.ts'), code);
    writeFileSync(join(root, name, 'tsconfig.json'), TSCONFIG());
  }
  const runs = ctx.quick ? 1 : 3;
  const results: Record<string, TscRun[]> = { tablewright: [], electrodb: [] };
  for (let i = 0; i < runs; i++) for (const name of Object.keys(projects)) results[name]!.push(tsc(join(root, name)));
  ctx.log('type-check: done');
  const total = (name: string) => median(results[name]!.map((r) => r.totalMs));
  const check = (name: string) => median(results[name]!.map((r) => r.checkMs));
  return Object.keys(projects).map((name) => ({
    measure: MEASURE,
    name,
    value: total(name),
    unit: 'ms',
    ratio: total(name) / total('electrodb'),
    note:
      `check time ${check(name).toFixed(0)} ms (${(check(name) / check('electrodb')).toFixed(2)}× electrodb); ` +
      `${results[name]![0]!.instantiations.toLocaleString('en-US')} instantiations, ${results[name]![0]!.types.toLocaleString('en-US')} types; median of ${runs}`,
  }));
}
