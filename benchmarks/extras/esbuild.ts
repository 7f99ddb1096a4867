import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { peer } from '../lib/peer.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** Scratch space inside benchmarks/ (gitignored); peers resolve from benchmarks/node_modules here. */
export const BENCH_TMP = fileURLToPath(new URL('../.tmp/', import.meta.url));
/** Scratch space at the repo root (gitignored); bare imports resolve to the root node_modules here. */
export const ROOT_TMP = fileURLToPath(new URL('../../.bench-tmp/', import.meta.url));

export function scratch(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** esbuild from benchmarks/node_modules (never a tablewright dependency). */
export async function esbuild(): Promise<{ build: (options: Record<string, unknown>) => Promise<{ outputFiles?: Array<{ contents: Uint8Array }> }> }> {
  const mod = await peer('esbuild');
  return mod.default ?? mod;
}

/**
 * How every bundle-size measure builds: one minified ESM file for Node, the
 * AWS SDK and zod external (what a Lambda deploy ships besides them).
 */
export const SIZE_BUILD_OPTIONS = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  write: false,
  external: ['@aws-sdk/*', '@smithy/*', 'zod', 'zod/*'],
  logLevel: 'silent',
} as const;
