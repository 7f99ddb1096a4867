/**
 * Where the bytes of a tablewright bundle go.
 * `npx tsx benchmarks/bundle-breakdown.ts` — builds the tablewright entries of
 * extras/bundle-size.ts (core get; classes get, get+put; free functions get,
 * get+put) with esbuild's metafile, prints each size, and for the entries
 * named in BREAKDOWN the minified bytes per source module, grouped by the
 * capability that pulls it in. Nothing here changes what the benchmark measures.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { TABLEWRIGHT_ENTRIES } from './extras/bundle-size.js';
import { BENCH_TMP, esbuild, scratch, SIZE_BUILD_OPTIONS } from './extras/esbuild.js';

/** Entries whose bytes are broken down by capability. */
const BREAKDOWN = new Set(['tablewright classes get', 'tablewright functions get+put']);

/** Which capability pulls a module in (first match wins); folders as in docs/architecture.md. */
const FEATURES: Array<[string, RegExp]> = [
  ['update (action, builder, plan, compiler)', /actions\/update|expressions\/(update|compile-update)|schema-at-path/],
  ['query / scan / collection / cursors / paging', /key-condition|actions\/(scan|query)|request\/(read-request|cursor)|facades\/collection/],
  ['table lifecycle (create/ensure/describe/delete)', /^src\/table\//],
  ['limits (item/request size checks)', /limits\//],
  ['batch + transactions + write operations', /actions\/(batch|transact|condition-check)|-op\.ts|write-operation|get-operation|retry-policy|transient-error|item-identity|transaction|send-chunks|cancellation/],
  ['write extensions (ttl, timestamps, versioning, write token)', /extensions\/|apply-extensions|write-extension/],
  ['put / delete actions', /actions\/(put|delete)\//],
  ['conditions (builder, compiler, paths, item conditions)', /expressions\/(condition|compile-condition|attribute-path|path|item-conditions|expression-context|node-factories)/],
  ['compression (node:zlib codecs)', /compression/],
  ['errors', /errors(\.ts|\/)/],
  ['facades (Table, Entity classes) and free functions', /facades\/|functions\//],
];
const CORE = 'get path (model, keys, codec, item reader, get action, send seam, transport)';

async function main() {
  const { build } = await esbuild();
  const dir = scratch(join(BENCH_TMP, 'bundle-breakdown'));
  for (const [label, code] of Object.entries(TABLEWRIGHT_ENTRIES)) {
    const file = join(dir, `${label.replace(/[^a-z0-9-]+/gi, '_')}.mjs`);
    writeFileSync(file, code);
    const result = (await build({ ...SIZE_BUILD_OPTIONS, entryPoints: [file], metafile: true })) as {
      outputFiles: Array<{ contents: Uint8Array }>;
      metafile: { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
    };
    const bytes = result.outputFiles[0]!.contents;
    console.log(`\n${label}: ${bytes.byteLength} B minified, ${gzipSync(bytes, { level: 9 }).byteLength} B gzip`);
    if (!BREAKDOWN.has(label)) continue;
    const inputs = Object.entries(Object.values(result.metafile.outputs)[0]!.inputs).map(([f, v]) => [f.replace(/^.*?src\//, 'src/'), v.bytesInOutput] as const);
    const groups = new Map<string, { bytes: number; modules: string[] }>();
    for (const [path, size] of inputs) {
      if (!size || !path.startsWith('src/')) continue;
      const feature = FEATURES.find(([, re]) => re.test(path))?.[0] ?? CORE;
      const g = groups.get(feature) ?? { bytes: 0, modules: [] };
      g.bytes += size;
      g.modules.push(`${path.replace('src/', '')} ${size}`);
      groups.set(feature, g);
    }
    for (const [feature, g] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes)) {
      console.log(`${String(g.bytes).padStart(7)} B  ${feature}\n           ${g.modules.sort((a, b) => Number(b.split(' ')[1]) - Number(a.split(' ')[1])).join(', ')}`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
