import { itemSize, Table } from '../../src/index.js';
import { z } from 'zod';
import { median } from '../lib/measure.js';
import type { ExtraResult } from '../lib/report.js';
import { makeClient } from '../lib/sdk.js';
import type { ExtrasContext } from './index.js';

/**
 * Linear time on large inputs: the size calculator and the key builder are
 * timed at n and 4n (list elements, string length, map width); the ratio of
 * time per unit at 4n to time per unit at n is ~1 for linear code and ~4 for
 * quadratic code (string building in a loop, re-scanning). Goal ≤ 1.5.
 */
const GOAL = 1.5;

function timePerUnit(run: () => void, units: number, repeats: number): number {
  for (let i = 0; i < 30; i++) run(); // JIT warm-up: a cold first size would look slower per unit than the second
  // CPU time of batches of 5 calls: wall time on a shared machine is mostly other processes.
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < 5; i++) run();
    const c = process.cpuUsage(c0);
    times.push(((c.user + c.system) * 1000) / 5 / units);
  }
  return median(times);
}

export async function scaling(ctx: ExtrasContext): Promise<ExtraResult[]> {
  const repeats = ctx.quick ? 5 : 21;
  const User = new Table({ name: 'scale', client: makeClient({ kind: 'stub', body: '{}' }), partitionKey: 'pk', sortKey: 'sk' }).entity('Doc', {
    schema: z.object({ id: z.string(), part: z.string(), body: z.string() }),
    keys: { primary: { pk: ['DOC', 'id'], sk: ['PART', 'part'] } },
  });
  // Each case builds its input at a size n and times one call on it.
  const wide = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, `v${i}`]));
  let sink = 0;
  const cases: Array<{ name: string; n: number; make: (n: number) => () => void; baseline?: (n: number) => () => void }> = [
    { name: 'itemSize: list of n numbers', n: 2_500, make: (n) => { const item = { pk: 'a', list: Array.from({ length: n }, (_, i) => i * 1.5) }; return () => void itemSize(item); } },
    // Property lookups in a wide (dictionary-mode) object get slower per key as it grows (hash table
    // size, cache misses) in any code: the ratio is taken relative to a bare for…in over the same map.
    {
      name: 'itemSize: map of n attributes (relative to a bare for…in)',
      n: 2_500,
      make: (n) => { const item = { pk: 'a', map: wide(n) }; return () => void itemSize(item); },
      baseline: (n) => { const map = wide(n); return () => { for (const k in map) sink += map[k]!.length; }; },
    },
    { name: 'itemSize: string of n × 40 chars (non-ASCII)', n: 2_500, make: (n) => { const item = { pk: 'a', text: 'größere items cost more ✓ — zoë 🙂 abcdef'.repeat(n) }; return () => void itemSize(item); } },
    { name: 'itemSize: n nested lists of 30 levels', n: 250, make: (n) => { let v: unknown = 1; for (let d = 0; d < 30; d++) v = [v]; const item = { pk: 'a', many: Array.from({ length: n }, () => v) }; return () => void itemSize(item); } },
    { name: 'key builder: key values of n/10 chars with delimiters and escapes', n: 1_000, make: (n) => { const id = '#\\a'.repeat(Math.ceil(n / 30)); const part = 'x#'.repeat(Math.ceil(n / 20)); return () => void User.toStored({ id, part, body: 'b' }); } },
  ];
  const out: ExtraResult[] = [];
  for (const c of cases) {
    const small = timePerUnit(c.make(c.n), c.n, repeats);
    const large = timePerUnit(c.make(4 * c.n), 4 * c.n, repeats);
    const base = c.baseline ? timePerUnit(c.baseline(4 * c.n), 4 * c.n, repeats) / timePerUnit(c.baseline(c.n), c.n, repeats) : 1;
    const ratio = large / small / base;
    out.push({ measure: 'Scaling on large inputs (ns per unit at 4n ÷ at n; ~1 linear, ~4 quadratic)', name: c.name, value: large, unit: 'ns/unit', ratio, note: `n = ${c.n} → ${4 * c.n} · goal ≤ ${GOAL} · ${ratio <= GOAL ? 'met' : 'missed'}` });
  }
  ctx.log(`scaling: done${sink < 0 ? '' : ''}`);
  return out;
}
