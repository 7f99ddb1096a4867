/**
 * Runs only the type-check measure (the realistic fixture for tablewright and
 * ElectroDB) and prints its rows: `npx tsx benchmarks/typecheck-only.ts [--quick]`.
 *
 * `--scaling [--counts=20,60,150] [--runs=1]`: every count with skipLibCheck
 * on and off, then the marginal cost of one more entity (slope between the
 * smallest and largest count) for both, as a markdown table.
 * `--trace=DIR`: also writes `tsc --generateTrace` of the 60-entity tablewright project to DIR.
 */
import { median } from './lib/measure.js';
import { emitDeclarations, measureProjects, PROJECTS, typecheck, writeProjects, type ProjectName, type TscRun } from './extras/typecheck.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = process.argv.includes('--quick');

if (process.argv.includes('--scaling')) {
  const counts = (arg('counts') ?? '20,60,150').split(',').map(Number);
  const runs = Number(arg('runs') ?? 1);
  emitDeclarations();
  const rows: { count: number; skipLibCheck: boolean; name: ProjectName; run: { checkMs: number; totalMs: number; instantiations: number } }[] = [];
  for (const skipLibCheck of [true, false]) {
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
  for (const skipLibCheck of [true, false]) {
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
  for (const skipLibCheck of [true, false]) {
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
  }
  const rows = await typecheck({ quick, items: {}, key: { orgId: 'o', userId: 'u' }, log: (m) => console.error(m) });
  for (const row of rows) console.log(`${row.name}: ${row.value.toFixed(0)} ${row.unit} (${row.ratio?.toFixed(2)}× electrodb) — ${row.note}`);
}
