// Summarises a .cpuprofile: self time by function and by package/file group.
// Usage: node benchmarks/lib/summarise-profile.mjs file.cpuprofile [topN]
import { readFileSync } from 'node:fs';

const [file, topText = '30'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const group = (url) => {
  if (!url) return '(native/vm)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (url.includes('/src/')) return 'tablewright ' + url.slice(url.indexOf('/src/') + 1);
  if (url.startsWith('node:')) return url;
  return url.split('/').slice(-2).join('/');
};
const fnTotals = new Map();
const groupTotals = new Map();
for (const [id, t] of self) {
  const n = byId.get(id);
  const cf = n.callFrame;
  const fn = `${cf.functionName || '(anon)'} ${group(cf.url)}:${cf.lineNumber + 1}`;
  fnTotals.set(fn, (fnTotals.get(fn) ?? 0) + t);
  const g = group(cf.url);
  groupTotals.set(g, (groupTotals.get(g) ?? 0) + t);
}
const pct = (t) => ((100 * t) / total).toFixed(1).padStart(5) + ' %';
console.log('== self time by group');
for (const [g, t] of [...groupTotals].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(pct(t), g);
console.log('== self time by function');
for (const [f, t] of [...fnTotals].sort((a, b) => b[1] - a[1]).slice(0, Number(topText))) console.log(pct(t), f);
