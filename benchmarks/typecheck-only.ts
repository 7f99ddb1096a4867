/**
 * Runs only the type-check measure (the realistic fixture for tablewright and
 * ElectroDB) and prints its rows: `npx tsx benchmarks/typecheck-only.ts [--quick]`.
 *
 * `--scaling [--counts=20,60,150] [--runs=1] [--libcheck=on|off]`: every count with skipLibCheck
 * on and off (`--libcheck=off`: skipLibCheck on only; `on`: lib checking only), then the marginal cost of one more entity (slope between the
 * smallest and largest count) for both, as a markdown table.
 * `--trace=DIR`: also writes `tsc --generateTrace` of the 60-entity tablewright project to DIR
 * and prints where its check time went, by statement of the fixture (the
 * repeated templates folded together).
 * `--calls [--counts=20]`: instantiations and types per entity of each call
 * kind alone (definitions, then definitions + one kind), tablewright only;
 * exact counts, independent of the machine's load.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './lib/measure.js';
import { emitDeclarations, measureProjects, PROJECTS, typecheck, writeProjects, type ProjectName, type TscRun } from './extras/typecheck.js';
import { CALLS, tablewrightProject, type CallKind } from './extras/typecheck-fixture.js';

/** Check time of the fixture's outermost statements in a `--generateTrace` directory, by statement text with numbers folded. */
function traceSummary(traceDir: string, file: string): string[] {
  const events = (JSON.parse(readFileSync(join(traceDir, 'trace.json'), 'utf8')) as { ph: string; cat?: string; name: string; ts: number; dur: number; args?: { path?: string; pos: number } }[])
    .filter((e) => e.ph === 'X' && e.cat === 'check' && e.args?.path === file)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const src = readFileSync(file, 'utf8');
  const byKind = new Map<string, number>();
  let end = -1;
  let total = 0;
  for (const e of events) {
    if (e.ts < end) continue; // nested in the previous outermost event
    end = e.ts + e.dur;
    let pos = e.args!.pos;
    while (/\s/.test(src[pos] ?? '')) pos++;
    const line = src.slice(pos, src.indexOf('\n', pos)).replace(/\d+/g, 'N').slice(0, 70);
    byKind.set(line, (byKind.get(line) ?? 0) + e.dur / 1000);
    total += e.dur / 1000;
  }
  return [`check time of the fixture's statements (traced, so slower than untraced): ${total.toFixed(0)} ms`, ...[...byKind].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${v.toFixed(0).padStart(7)} ms ${(v / total * 100).toFixed(0).padStart(3)} %  ${k}`)];
}

/** `tsc --extendedDiagnostics` counts of one project directory. */
function counts(dir: string): { instantiations: number; types: number } {
  const result = spawnSync(process.execPath, [join(import.meta.dirname, '../node_modules/typescript/bin/tsc'), '-p', dir, '--extendedDiagnostics'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tsc failed for ${dir}:\n${result.stdout}${result.stderr}`);
  const count = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(result.stdout)?.[1] ?? NaN);
  return { instantiations: count('Instantiations'), types: count('Types') };
}

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = process.argv.includes('--quick');

if (process.argv.includes('--calls')) {
  const count = Number(arg('counts') ?? 20);
  emitDeclarations();
  const { tablewright } = writeProjects(count, true);
  const variant = (name: string, calls: readonly CallKind[]) => {
    const dir = `${tablewright}-calls-${name}`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.ts'), tablewrightProject(count, calls));
    writeFileSync(join(dir, 'tsconfig.json'), readFileSync(join(tablewright, 'tsconfig.json')));
    return counts(dir);
  };
  const base = variant('definitions', []);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`| ${count} entities | instantiations per entity | types per entity |\n| --- | ---: | ---: |`);
  console.log(`| definitions alone | ${fmt(base.instantiations / count)} | ${fmt(base.types / count)} |`);
  for (const kind of CALLS) {
    const c = variant(kind, [kind]);
    console.log(`| + ${kind} | ${fmt((c.instantiations - base.instantiations) / count)} | ${fmt((c.types - base.types) / count)} |`);
  }
  const all = variant('all', CALLS);
  console.log(`| all of them (shared types counted once) | ${fmt((all.instantiations - base.instantiations) / count)} | ${fmt((all.types - base.types) / count)} |`);
} else if (process.argv.includes('--scaling')) {
  const counts = (arg('counts') ?? '20,60,150').split(',').map(Number);
  const runs = Number(arg('runs') ?? 1);
  // `--libcheck=on|off`: only skipLibCheck off (`on`: lib .d.ts checked) or only on; both by default.
  const libcheck = arg('libcheck');
  const modes = libcheck === 'on' ? [false] : libcheck === 'off' ? [true] : [true, false];
  emitDeclarations();
  const rows: { count: number; skipLibCheck: boolean; name: ProjectName; run: { checkMs: number; totalMs: number; instantiations: number } }[] = [];
  for (const skipLibCheck of modes) {
    for (const count of counts) {
      const results = measureProjects(writeProjects(count, skipLibCheck), runs);
      for (const name of PROJECTS) {
        const all: TscRun[] = results[name];
        const run = { checkMs: median(all.map((r) => r.checkMs)), totalMs: median(all.map((r) => r.totalMs)), instantiations: all[0]!.instantiations };
        rows.push({ count, skipLibCheck, name, run });
        console.error(`${count} entities, skipLibCheck ${skipLibCheck}, ${name}: check ${run.checkMs.toFixed(0)} ms, total ${run.totalMs.toFixed(0)} ms, ${run.instantiations} instantiations`);
      }
    }
  }
  const find = (count: number, skipLibCheck: boolean, name: ProjectName) => rows.find((r) => r.count === count && r.skipLibCheck === skipLibCheck && r.name === name)!.run;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`| entities | skipLibCheck | tablewright check ms | electrodb check ms | ratio | tablewright total ms | electrodb total ms | tablewright instantiations | electrodb instantiations | ratio |`);
  console.log(`| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
  for (const skipLibCheck of modes) {
    for (const count of counts) {
      const t = find(count, skipLibCheck, 'tablewright');
      const e = find(count, skipLibCheck, 'electrodb');
      console.log(`| ${count} | ${skipLibCheck ? 'on' : 'off'} | ${fmt(t.checkMs)} | ${fmt(e.checkMs)} | ${(t.checkMs / e.checkMs).toFixed(2)}× | ${fmt(t.totalMs)} | ${fmt(e.totalMs)} | ${fmt(t.instantiations)} | ${fmt(e.instantiations)} | ${(t.instantiations / e.instantiations).toFixed(2)}× |`);
    }
  }
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  console.log(`\nMarginal cost of one more entity (slope from ${lo} to ${hi} entities):\n`);
  console.log(`| skipLibCheck | tablewright check ms/entity | electrodb check ms/entity | ratio | tablewright instantiations/entity | electrodb instantiations/entity | ratio |`);
  console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: |`);
  for (const skipLibCheck of modes) {
    const slope = (name: ProjectName, key: 'checkMs' | 'instantiations') => (find(hi, skipLibCheck, name)[key] - find(lo, skipLibCheck, name)[key]) / (hi - lo);
    const tm = slope('tablewright', 'checkMs');
    const em = slope('electrodb', 'checkMs');
    const ti = slope('tablewright', 'instantiations');
    const ei = slope('electrodb', 'instantiations');
    console.log(`| ${skipLibCheck ? 'on' : 'off'} | ${tm.toFixed(1)} | ${em.toFixed(1)} | ${(tm / em).toFixed(2)}× | ${fmt(ti)} | ${fmt(ei)} | ${(ti / ei).toFixed(2)}× |`);
  }
} else {
  const trace = arg('trace');
  if (trace) {
    emitDeclarations();
    const dirs = writeProjects(60, true);
    measureProjects({ ...dirs, electrodb: dirs.tablewright }, 1, ['--generateTrace', trace]);
    console.error(`trace written to ${trace}`);
    for (const line of traceSummary(trace, join(dirs.tablewright, 'index.ts'))) console.log(line);
  }
  const rows = await typecheck({ quick, items: {}, key: { orgId: 'o', userId: 'u' }, log: (m) => console.error(m) });
  for (const row of rows) console.log(`${row.name}: ${row.value.toFixed(0)} ${row.unit} (${row.ratio?.toFixed(2)}× electrodb) — ${row.note}`);
}
