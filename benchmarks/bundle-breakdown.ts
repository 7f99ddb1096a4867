/**
 * Where the bytes of a get-only bundle go (issue 7, bundle target ≤ 8 KB gzip).
 * `npx tsx benchmarks/bundle-breakdown.ts` — builds the same get-only entry as
 * extras/bundle-size.ts with esbuild's metafile and prints minified bytes per
 * source module, grouped by the feature that pulls it in, then the same usage
 * on the read-only entry `tablewright/core` (what the benchmark's target row
 * measures) and the get path alone (resolveTable + compileEntity + getItem).
 * Nothing here changes what the benchmark measures.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BENCH_TMP, esbuild, REPO, scratch, SIZE_BUILD_OPTIONS } from './extras/esbuild.js';

const src = (file: string) => JSON.stringify(join(REPO, 'src', file));
const schema = `z.object({ id: z.string(), name: z.string() })`;
const keys = `{ primary: { pk: ['USER', 'id'], sk: ['PROFILE'] } }`;

const ENTRIES = {
  'get-only usage (Table + Entity.get)': `import { z } from 'zod';
import { Table } from ${src('index.ts')};
export function makeGet(client) {
  const table = new Table({ name: 'app', client, partitionKey: 'pk', sortKey: 'sk' });
  const User = table.entity('User', { schema: ${schema}, keys: ${keys} });
  return (id) => User.get({ id });
}`,
  'get-only usage of tablewright/core (TableCore + EntityCore.get)': `import { z } from 'zod';
import { TableCore } from ${src('core.ts')};
export function makeGet(client) {
  const table = new TableCore({ name: 'app', client, partitionKey: 'pk', sortKey: 'sk' });
  const User = table.entity('User', { schema: ${schema}, keys: ${keys} });
  return (id) => User.get({ id });
}`,
  'get path alone (resolveTable + compileEntity + getItem)': `import { z } from 'zod';
import { resolveTable } from ${src('table/resolve-table.ts')};
import { compileEntity } from ${src('entity/entity-model.ts')};
import { getItem } from ${src('operations/get.ts')};
export function makeGet(client) {
  const model = compileEntity(resolveTable({ name: 'app', client, partitionKey: 'pk', sortKey: 'sk' }), 'User', ${schema}, ${keys}, {});
  return (id) => getItem(model, { id });
}`,
};

/** Which capability pulls a module into a get-only bundle (first match wins). */
const FEATURES: Array<[string, RegExp]> = [
  ['update (Entity.update, update builder/plan)', /operations\/update|expressions\/(update|compile-update)|schema-at-path/],
  ['query / scan / collection / cursors', /key-condition|operations\/(scan|query|read-request)|collection\/|pagination\//],
  ['table lifecycle (create/ensure/describe/delete)', /table\/(table-lifecycle|table-drift|create-table-input)/],
  ['limits (item/request size checks)', /limits\//],
  ['batch + transactions + write operations', /batch\/|transactions\/|write-operation|retry-policy|transient-error|item-identity/],
  ['locking + TTL writes + timestamps', /locking\/|ttl\/expiry-update|ttl-condition|timestamps/],
  ['conditions (builder, compiler, paths)', /expressions\/(condition|compile-condition|attribute-path|path)/],
  ['compression (node:zlib codecs)', /compression/],
  ['errors', /errors\.ts/],
];

async function main() {
  const { build } = await esbuild();
  const dir = scratch(join(BENCH_TMP, 'bundle-breakdown'));
  const run = async (file: string) => {
    const result = (await build({
      ...SIZE_BUILD_OPTIONS,
      entryPoints: [file],
      metafile: true,
    })) as { outputFiles: Array<{ contents: Uint8Array }>; metafile: { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> } };
    const bytes = result.outputFiles[0]!.contents;
    const inputs = Object.entries(Object.values(result.metafile.outputs)[0]!.inputs).map(([f, v]) => [f.replace(/^.*?src\//, 'src/'), v.bytesInOutput] as const);
    return { min: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength, inputs };
  };
  let first = true;
  for (const [label, code] of Object.entries(ENTRIES)) {
    const file = join(dir, `${label.split(' ')[0]}-${label.includes('core') ? 'core' : 'src'}.mjs`);
    writeFileSync(file, code);
    const full = await run(file);
    console.log(`\n${label}: ${full.min} B minified, ${full.gzip} B gzip`);
    if (!first) continue;
    first = false;
    const groups = new Map<string, { bytes: number; modules: string[] }>();
    for (const [file, bytes] of full.inputs) {
      if (!bytes || !file.startsWith('src/')) continue;
      const feature = FEATURES.find(([, re]) => re.test(file))?.[0] ?? 'core (model, keys, codec, reader, get/put/delete, transport, Table/Entity classes)';
      const g = groups.get(feature) ?? { bytes: 0, modules: [] };
      g.bytes += bytes;
      g.modules.push(`${file.replace('src/', '')} ${bytes}`);
      groups.set(feature, g);
    }
    for (const [feature, g] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes)) {
      console.log(`${String(g.bytes).padStart(7)} B  ${feature}\n           ${g.modules.join(', ')}`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
