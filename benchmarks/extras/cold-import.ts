import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { median } from '../lib/measure.js';
import type { ExtraResult } from '../lib/report.js';
import { ROOT_TMP, scratch } from './esbuild.js';
import type { ExtrasContext } from './index.js';

const MEASURE = 'Cold start of tablewright (ms; AWS SDK and zod already imported)';
const GOALS: Record<string, number> = { index: 10, core: 5 };

/** The first `get` after import, answered in-process (the Lambda cold-start path minus the network). */
const FIRST_GET = (entry: string) => `
const { ${entry === 'core' ? 'TableCore: Table' : 'Table'} } = mod;
const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
const { z } = await import('zod');
const body = new TextEncoder().encode(JSON.stringify({ Item: { pk: { S: 'U#1' }, sk: { S: 'U' }, _et: { S: 'User' }, id: { S: '1' }, name: { S: 'Ada' } } }));
const requestHandler = { metadata: { handlerProtocol: 'http/1.1' }, handle: async () => ({ response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(body.byteLength) }, body } }), updateHttpClientConfig() {}, httpHandlerConfigs: () => ({}), destroy() {} };
const client = new DynamoDBClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, requestHandler });
const t1 = performance.now();
const table = new Table({ name: 'cold', client, partitionKey: 'pk', sortKey: 'sk' });
const config = { schema: z.object({ id: z.string(), name: z.string() }), keys: { primary: { pk: ['U', 'id'], sk: ['U'] } } };
const User = table.entity('User', config);
const item = await User.get({ id: '1' });
if (item?.name !== 'Ada') throw new Error('first get read ' + JSON.stringify(item));
firstGet = performance.now() - t1;
`;

/** The published ESM build: tsup with the repo's own config (code splitting, chunks loaded on demand), ESM only, no types. */
async function buildPublishedEsm(outDir: string): Promise<void> {
  const { build } = await import('tsup');
  const config = (await import('../../tsup.config.js')).default as Record<string, unknown>;
  await build({ ...config, format: ['esm'], dts: false, sourcemap: false, clean: true, silent: true, outDir });
}

/** Bytes of `file` and of every chunk it imports statically, transitively (what `import()` of it reads and compiles). */
function eagerBytes(file: string, seen = new Set<string>()): number {
  if (seen.has(file)) return 0;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  let bytes = Buffer.byteLength(code);
  for (const [, spec] of code.matchAll(/^(?:import|export)\s[^;]*?from\s*['"](\.\/[^'"]+)['"]/gms)) bytes += eagerBytes(join(dirname(file), spec!), seen);
  return bytes;
}

/**
 * Builds the entries as published (tsup with the repo's config: code
 * splitting, chunks that are imported lazily load on first use), then in
 * fresh Node processes imports the SDK and zod first and times only
 * `import('tablewright')`, then the first `get` after it (table + entity
 * defined, one request answered in-process). The scratch dir sits at the
 * repo root so the externals resolve to the root copies.
 * Goals: full entry ≤ 10 ms, core ≤ 5 ms to import.
 */
export async function coldImport(ctx: ExtrasContext): Promise<ExtraResult[]> {
  const dir = scratch(ROOT_TMP);
  const dist = join(dir, 'cold-dist');
  await buildPublishedEsm(dist);
  const out: ExtraResult[] = [];
  for (const entry of ['index', 'core']) {
    const bundle = join(dist, `${entry}.js`);
    const probe = join(dir, `cold-import-${entry}.mjs`);
    writeFileSync(
      probe,
      `import '@aws-sdk/client-dynamodb';
import '@aws-sdk/util-dynamodb';
import 'zod';
const t0 = performance.now();
const mod = await import(${JSON.stringify(bundle)});
const imported = performance.now() - t0;
let firstGet = NaN;
${FIRST_GET(entry)}
process.stdout.write(JSON.stringify({ imported, firstGet }));
`,
    );
    const runs = ctx.quick ? 3 : 11;
    const imports: number[] = [];
    const gets: number[] = [];
    for (let i = 0; i < runs; i++) {
      const result = spawnSync(process.execPath, ['--no-warnings', probe], { cwd: dir, encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
      if (result.status !== 0) throw new Error(`cold import probe failed: ${result.stderr}`);
      const { imported, firstGet } = JSON.parse(result.stdout) as { imported: number; firstGet: number };
      imports.push(imported);
      gets.push(firstGet);
    }
    const name = entry === 'index' ? 'tablewright (full entry)' : 'tablewright/core';
    const goal = GOALS[entry]!;
    const value = median(imports);
    out.push({ measure: MEASURE, name: `${name}: import`, value, unit: 'ms', note: `${(eagerBytes(bundle) / 1024).toFixed(0)} KB loaded at import · median of ${runs} fresh processes, min ${Math.min(...imports).toFixed(2)} ms · goal ≤ ${goal} ms · ${value <= goal ? 'met' : 'missed'}` });
    out.push({ measure: MEASURE, name: `${name}: first get after import`, value: median(gets), unit: 'ms', note: 'define table + entity, one get answered in-process (SDK first-request setup included)' });
  }
  ctx.log('cold start: done');
  return out;
}
