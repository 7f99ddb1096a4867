import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from '../lib/measure.js';
import type { ExtraResult } from '../lib/report.js';
import { esbuild, REPO, ROOT_TMP, scratch } from './esbuild.js';
import type { ExtrasContext } from './index.js';

const MEASURE = 'Cold import of tablewright (ms; AWS SDK and zod already imported)';

/**
 * Bundles src/index.ts as the published ESM would be (esbuild, not minified,
 * SDK and zod external), then in fresh Node processes imports the SDK and zod
 * first and times only `import('tablewright')`. The scratch dir sits at the
 * repo root so the externals resolve to the same root copies preloaded.
 */
export async function coldImport(ctx: ExtrasContext): Promise<ExtraResult[]> {
  const { build } = await esbuild();
  const dir = scratch(ROOT_TMP);
  const bundle = join(dir, 'tablewright.mjs');
  await build({
    entryPoints: [join(REPO, 'src/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile: bundle,
    external: ['@aws-sdk/*', '@smithy/*', 'zod', 'zod/*'],
    logLevel: 'silent',
  });
  const probe = join(dir, 'cold-import.mjs');
  writeFileSync(
    probe,
    `import '@aws-sdk/client-dynamodb';
import '@aws-sdk/util-dynamodb';
import 'zod';
const t0 = performance.now();
await import(${JSON.stringify(bundle)});
process.stdout.write(String(performance.now() - t0));
`,
  );
  const runs = ctx.quick ? 3 : 11;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, ['--no-warnings', probe], { cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`cold import probe failed: ${result.stderr}`);
    times.push(Number(result.stdout));
  }
  ctx.log('cold import: done');
  return [
    {
      measure: MEASURE,
      name: 'tablewright (esbuild ESM bundle of src)',
      value: median(times),
      unit: 'ms',
      note: `median of ${runs} fresh processes; min ${Math.min(...times).toFixed(2)} ms`,
    },
  ];
}
