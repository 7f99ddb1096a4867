#!/usr/bin/env node
// Layer check for src/: fails (exit 1) on any file cycle, any folder cycle,
// and any import a folder's rule does not allow. Plain Node, no dependency.
// Type-only imports count too: a layer that needs another's types depends on it.
// Usage: node scripts/check-layers.mjs [src]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

// Which top-level folder (or entry file) may import which. Read it bottom-up;
// docs/architecture.md draws the same picture.
// runtime: what loads on first use, Node builtins and chunks (a leaf, like the errors).
const LEAVES = ['errors', 'errors.ts', 'runtime'];
const RULES = {
  'errors.ts': ['errors'],
  errors: [],
  runtime: ['errors', 'errors.ts'],
  transport: [...LEAVES],
  marshalling: [...LEAVES],
  // Key templates read the zod kinds of their attributes.
  keys: [...LEAVES, 'schema'],
  schema: [...LEAVES, 'marshalling'],
  testing: [...LEAVES],
  // Request events, their listeners and adapters (OpenTelemetry): below the model, which holds a table's listeners.
  observability: [...LEAVES, 'transport'],
  // Condition operands are checked with the same value rules as written values.
  expressions: [...LEAVES, 'marshalling', 'schema', 'keys', 'limits'],
  // Table model, entity model, item codec and reader, the write-extension protocol.
  model: [...LEAVES, 'observability', 'marshalling', 'schema', 'keys', 'expressions', 'transport'],
  // Stream decoding and handlers: images are read by the model's item reader.
  streams: [...LEAVES, 'marshalling', 'schema', 'keys', 'model'],
  // The polling consumer (a sub-layer of streams): keeps its leases in a tablewright table, so it sits on the facades and free functions.
  'streams/consumer': [...LEAVES, 'marshalling', 'schema', 'keys', 'expressions', 'transport', 'model', 'limits', 'request', 'actions', 'functions', 'facades', 'streams'],
  // Size limits: pure value rules; they read the model only through structural types.
  limits: [...LEAVES, 'marshalling', 'keys'],
  // Shared plumbing: send, error mapping, retries, identity, paging, participants.
  request: [...LEAVES, 'observability', 'marshalling', 'schema', 'keys', 'expressions', 'transport', 'model', 'limits'],
  // One folder per write extension; they never see the actions.
  extensions: [...LEAVES, 'observability', 'marshalling', 'schema', 'keys', 'expressions', 'transport', 'model', 'limits', 'request'],
  // One folder per action; they never see the extensions.
  actions: [...LEAVES, 'observability', 'marshalling', 'schema', 'keys', 'expressions', 'transport', 'model', 'limits', 'request'],
  // Control plane (create / ensure / describe).
  table: [...LEAVES, 'observability', 'marshalling', 'schema', 'transport', 'model'],
  // Capacity prediction and the cost model: pure functions of the model and sizes.
  capacity: [...LEAVES, 'observability', 'marshalling', 'schema', 'keys', 'model', 'limits'],
  // Control-plane free functions (the tablewright/admin entry): below the facades, beside the actions.
  admin: [...LEAVES, 'observability', 'marshalling', 'schema', 'keys', 'expressions', 'transport', 'model', 'limits', 'request', 'table', 'capacity'],
  // Data-plane free functions over an entity declaration; the facades' methods delegate to them.
  functions: [...LEAVES, 'observability', 'marshalling', 'schema', 'keys', 'expressions', 'transport', 'model', 'limits', 'request', 'actions'],
  // Backfills: data-plane rewrites through the send seam and the item reader, never the actions.
  migrations: [...LEAVES, 'observability', 'marshalling', 'schema', 'keys', 'expressions', 'transport', 'model', 'limits', 'request'],
  // The tablewright command-line tool sits on top of every entry.
  cli: ['*'],
  facades: ['*'],
  'index.ts': ['*'],
  'admin.ts': ['*'],
  'dax.ts': ['*'],
  'streams.ts': ['*'],
  'observability.ts': ['*'],
  'core.ts': ['*'],
};
// Inside these folders, each subfolder is its own unit: actions/put may not import actions/update.
const ISOLATED = new Set(['actions', 'extensions']);

const root = process.argv[2] ?? 'src';
const files = (function walk(d) {
  return readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|mts|cts)$/.test(f) && !f.endsWith('.d.ts') ? [p] : [];
  });
})(root);
const resolve = (from, spec) => {
  const base = normalize(join(dirname(from), spec.replace(/\.(m|c)?js$/, '')));
  for (const c of [base + '.ts', base + '.mts', join(base, 'index.ts')]) if (existsSync(c)) return c;
  return undefined;
};
const parts = (f) => relative(root, f).split(sep);
// A sub-layer (a folder with its own rule, like streams/consumer) is a layer of its own.
const layerOf = (f) => {
  const p = parts(f);
  return p.length > 2 && RULES[`${p[0]}/${p[1]}`] ? `${p[0]}/${p[1]}` : p[0];
};
const unitOf = (f) => {
  const p = parts(f);
  return (ISOLATED.has(p[0]) || RULES[`${p[0]}/${p[1]}`]) && p.length > 2 ? `${p[0]}/${p[1]}` : p[0];
};

const graph = new Map(files.map((f) => [f, []]));
const problems = [];
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  // Static imports and `import('./…')` (a module loaded on first use is still a dependency).
  for (const [, spec] of text.matchAll(/(?:^\s*(?:import|export)\b[^;]*?\bfrom\s+|\bimport\(\s*)['"](\.[^'"]+)['"]/gms)) {
    const target = resolve(f, spec);
    if (!target || !graph.has(target)) continue;
    graph.get(f).push(target);
    const from = layerOf(f);
    const to = layerOf(target);
    if (from !== to) {
      const allowed = RULES[from];
      if (!allowed) problems.push(`${relative(root, f)}: folder "${from}" has no layer rule (add it to scripts/check-layers.mjs)`);
      else if (!allowed.includes('*') && !allowed.includes(to)) problems.push(`${relative(root, f)} imports ${relative(root, target)}: "${from}" may not import "${to}"`);
    } else if (ISOLATED.has(from) && unitOf(f) !== unitOf(target) && parts(target).length > 2 && parts(f).length > 2) {
      problems.push(`${relative(root, f)} imports ${relative(root, target)}: ${unitOf(f)} may not import ${unitOf(target)} (share it through a lower layer)`);
    }
  }
}

// Strongly connected components (Tarjan): every component of more than one node is a cycle.
function cycles(g) {
  let i = 0;
  const index = new Map(), low = new Map(), stack = [], on = new Set(), out = [];
  const visit = (v) => {
    index.set(v, i);
    low.set(v, i++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const c = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || (g.get(v) ?? []).includes(v)) out.push(c);
    }
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return out;
}
const folders = new Map();
for (const [f, targets] of graph) {
  const a = unitOf(f);
  if (!folders.has(a)) folders.set(a, new Set());
  for (const t of targets) if (unitOf(t) !== a) folders.get(a).add(unitOf(t));
}
const fileCycles = cycles(graph);
const folderCycles = cycles(new Map([...folders].map(([k, v]) => [k, [...v]])));
for (const c of fileCycles) problems.push(`file cycle: ${c.map((f) => relative(root, f)).join(' -> ')}`);
for (const c of folderCycles) problems.push(`folder cycle: ${c.join(' <-> ')}`);

const edges = [...graph.values()].reduce((n, v) => n + v.length, 0);
for (const p of problems) console.error(p);
console.log(
  `check-layers: ${files.length} files, ${edges} imports, ${folders.size} units: ${fileCycles.length} file cycles, ${folderCycles.length} folder cycles, ${problems.length - fileCycles.length - folderCycles.length} layer violations`,
);
process.exit(problems.length === 0 ? 0 : 1);
