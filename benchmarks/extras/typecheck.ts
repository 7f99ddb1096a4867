import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from '../lib/measure.js';
import { hasPeer } from '../lib/peer.js';
import type { ExtraResult } from '../lib/report.js';
import { BENCH_TMP, REPO, scratch } from './esbuild.js';
import { electroProject, tablewrightProject } from './typecheck-fixture.js';
import type { ExtrasContext } from './index.js';

const MEASURE = 'Type-check of 60 generated entities, each with get, put, update, query, transaction and collection (tsc --noEmit, total time)';
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');
const COUNT = 60;
const ROOT = join(BENCH_TMP, 'typecheck');

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

/** One `tsc --extendedDiagnostics` run: times in ms, and the checker's counts. */
export interface TscRun {
  readonly totalMs: number;
  readonly checkMs: number;
  readonly instantiations: number;
  readonly types: number;
}

/** The projects measured. */
export const PROJECTS = ['tablewright', 'electrodb'] as const;
export type ProjectName = (typeof PROJECTS)[number];

function tsc(project: string, extraArgs: readonly string[] = []): TscRun {
  const result = spawnSync(process.execPath, [TSC, '-p', project, '--extendedDiagnostics', ...extraArgs], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tsc failed for ${project}:\n${result.stdout}${result.stderr}`);
  const seconds = (label: string) => Number(new RegExp(`${label}:\\s+([\\d.]+)s`).exec(result.stdout)?.[1] ?? NaN) * 1000;
  const count = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(result.stdout)?.[1] ?? NaN);
  return { totalMs: seconds('Total time'), checkMs: seconds('Check time'), instantiations: count('Instantiations'), types: count('Types') };
}

/** tablewright as users get it: declarations emitted from src, not the sources. */
export function emitDeclarations(): void {
  const root = scratch(ROOT);
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
}

/** Writes both projects for `count` entities; returns their directories. */
export function writeProjects(count: number, skipLibCheck: boolean): Record<ProjectName, string> {
  const code: Record<ProjectName, string> = { tablewright: tablewrightProject(count), electrodb: electroProject(count) };
  const dirs = {} as Record<ProjectName, string>;
  for (const name of PROJECTS) {
    // Siblings of tw-dts, so `../tw-dts` resolves from every project.
    const dir = join(ROOT, count === COUNT && skipLibCheck ? name : `${name}-${count}${skipLibCheck ? '' : '-libcheck'}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.ts'), code[name]);
    // Checking the libraries' own declarations needs Node's globals (URL, AbortSignal, node:stream) that the SDK and zod name.
    writeFileSync(join(dir, 'tsconfig.json'), TSCONFIG(skipLibCheck ? { skipLibCheck } : { skipLibCheck, types: ['node'] }));
    dirs[name] = dir;
  }
  return dirs;
}

/** Type-checks each project `runs` times (interleaved); `extraArgs` go to tsc (e.g. `--generateTrace dir`). */
export function measureProjects(dirs: Record<ProjectName, string>, runs: number, extraArgs: readonly string[] = []): Record<ProjectName, TscRun[]> {
  const results: Record<ProjectName, TscRun[]> = { tablewright: [], electrodb: [] };
  for (let i = 0; i < runs; i++) for (const name of PROJECTS) results[name].push(tsc(dirs[name], extraArgs));
  return results;
}

export async function typecheck(ctx: ExtrasContext): Promise<ExtraResult[]> {
  if (!(await hasPeer('electrodb'))) return [];
  emitDeclarations();
  const runs = ctx.quick ? 1 : 3;
  const results = measureProjects(writeProjects(COUNT, true), runs);
  ctx.log('type-check: done');
  const total = (name: ProjectName) => median(results[name].map((r) => r.totalMs));
  const check = (name: ProjectName) => median(results[name].map((r) => r.checkMs));
  return PROJECTS.map((name) => ({
    measure: MEASURE,
    name,
    value: total(name),
    unit: 'ms',
    ratio: total(name) / total('electrodb'),
    note:
      `check time ${check(name).toFixed(0)} ms (${(check(name) / check('electrodb')).toFixed(2)}× electrodb); ` +
      `${results[name][0]!.instantiations.toLocaleString('en-US')} instantiations, ${results[name][0]!.types.toLocaleString('en-US')} types; median of ${runs}`,
  }));
}
