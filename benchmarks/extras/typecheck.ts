import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from '../lib/measure.js';
import { hasPeer } from '../lib/peer.js';
import type { ExtraResult } from '../lib/report.js';
import { BENCH_TMP, REPO, scratch } from './esbuild.js';
import type { ExtrasContext } from './index.js';

const MEASURE = 'Type-check of 60 generated entities (tsc --noEmit, total time)';
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

function tablewrightProject(): string {
  const lines = [`import { z } from 'zod';`, `import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';`, `import { Table } from '../tw-dts/index.js';`, `declare const client: DynamoDBClient;`];
  lines.push(`const table = new Table({ name: 'app', client, partitionKey: 'pk', sortKey: 'sk', indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } } });`);
  for (let i = 0; i < COUNT; i++) {
    lines.push(`export const E${i} = table.entity('E${i}', {
  schema: z.object({ orgId: z.string(), id: z.string(), name: z.string(), count: z.number(), active: z.boolean(), status: z.enum(['a', 'b']), tags: z.array(z.string()), address: z.object({ city: z.string(), zip: z.string() }), note: z.string().optional() }),
  keys: { primary: { pk: ['ORG', 'orgId'], sk: ['E${i}', 'id'] }, gsi1: { pk: ['E${i}', 'status'], sk: ['NAME', 'name'] } },
});
export async function use${i}() {
  await E${i}.put({ orgId: 'o', id: 'x', name: 'n', count: 1, active: true, status: 'a', tags: [], address: { city: 'c', zip: 'z' } });
  const r = await E${i}.get({ orgId: 'o', id: 'x' });
  return r?.address.city;
}`);
  }
  return lines.join('\n') + '\n';
}

function electroProject(): string {
  // Both projects import the SDK client's types, as any real service does (it constructs the client).
  const lines = [`import { Entity } from 'electrodb';`, `import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';`, `declare const client: DynamoDBClient;`];
  for (let i = 0; i < COUNT; i++) {
    lines.push(`export const E${i} = new Entity({
  model: { entity: 'e${i}', version: '1', service: 'app' },
  attributes: { orgId: { type: 'string', required: true }, id: { type: 'string', required: true }, name: { type: 'string', required: true }, count: { type: 'number', required: true }, active: { type: 'boolean', required: true }, status: { type: ['a', 'b'] as const, required: true }, tags: { type: 'list', items: { type: 'string' }, required: true }, address: { type: 'map', properties: { city: { type: 'string', required: true }, zip: { type: 'string', required: true } }, required: true }, note: { type: 'string' } },
  indexes: { primary: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: ['id'] } }, byStatus: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['status'] }, sk: { field: 'gsi1sk', composite: ['name'] } } },
}, { client, table: 'app' });
export async function use${i}() {
  await E${i}.put({ orgId: 'o', id: 'x', name: 'n', count: 1, active: true, status: 'a', tags: [], address: { city: 'c', zip: 'z' } }).go();
  const r = await E${i}.get({ orgId: 'o', id: 'x' }).go();
  return r.data?.address.city;
}`);
  }
  return lines.join('\n') + '\n';
}

function tsc(project: string): { totalMs: number; checkMs: number } {
  const result = spawnSync(process.execPath, [TSC, '-p', project, '--extendedDiagnostics'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tsc failed for ${project}:\n${result.stdout}${result.stderr}`);
  const seconds = (label: string) => Number(new RegExp(`${label}:\\s+([\\d.]+)s`).exec(result.stdout)?.[1] ?? NaN) * 1000;
  return { totalMs: seconds('Total time'), checkMs: seconds('Check time') };
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
  const results: Record<string, Array<{ totalMs: number; checkMs: number }>> = { tablewright: [], electrodb: [] };
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
    note: `check time ${check(name).toFixed(0)} ms (${(check(name) / check('electrodb')).toFixed(2)}× electrodb); median of ${runs}`,
  }));
}
