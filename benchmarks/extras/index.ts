import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ExtraResult } from '../lib/report.js';
import { batchGet } from './batch-get.js';
import { observeOverhead } from './observe-overhead.js';
import { bundleSize } from './bundle-size.js';
import { coldImport } from './cold-import.js';
import { queryFormat } from './query-format.js';
import { typecheck } from './typecheck.js';
import { writes } from './writes.js';
import { queries } from './queries.js';
import { scaling } from './scaling.js';
import { hasPeer } from '../lib/peer.js';

export interface ExtrasContext {
  readonly quick: boolean;
  /** Captured stored items per fixture (marshalled). */
  readonly items: Readonly<Record<string, Record<string, AttributeValue>>>;
  readonly log: (message: string) => void;
  readonly key: { readonly orgId: string; readonly userId: string };
  /** Run only these extras (`--extras=bundle,cold-import`); all when absent. */
  readonly only?: readonly string[];
}

/** The secondary measures of issue 7. Type-check is skipped in --quick (it alone takes ~20 s). */
export async function runExtras(ctx: ExtrasContext): Promise<ExtraResult[]> {
  const out: ExtraResult[] = [];
  const want = (name: string) => !ctx.only || ctx.only.includes(name);
  if (want('query-format')) out.push(...(await queryFormat(ctx)));
  if (want('batch-get')) out.push(...(await batchGet(ctx)));
  if (want('observe')) out.push(...(await observeOverhead(ctx)));
  if (want('queries')) out.push(...(await queries(ctx)));
  if (want('scaling')) out.push(...(await scaling(ctx)));
  if (want('writes')) out.push(...(await writes(ctx)));
  if (await hasPeer('esbuild')) {
    if (want('cold-import')) out.push(...(await coldImport(ctx)));
    if (want('bundle')) out.push(...(await bundleSize(ctx)));
  } else {
    ctx.log('! skipping cold import and bundle size: esbuild missing (npm ci --prefix benchmarks)');
  }
  if (!ctx.quick && want('typecheck')) out.push(...(await typecheck(ctx)));
  return out;
}
