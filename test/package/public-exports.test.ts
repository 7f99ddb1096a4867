import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as core from '../../src/core.js';
import * as root from '../../src/index.js';

/**
 * Every export of the public entries is intentional: the runtime values and
 * the type-only names must match the committed allowlist
 * (test/package/public-exports.json). Adding or removing an export means
 * editing the list in the same change.
 */
const allowlist = JSON.parse(readFileSync(resolve(__dirname, 'public-exports.json'), 'utf8')) as Record<
  'root' | 'core',
  { values: string[]; types: string[] }
>;

/** Names re-exported with `export type { … }` from an entry's source. */
function typeExports(entry: string): string[] {
  const text = readFileSync(resolve(__dirname, '../../src', entry), 'utf8');
  const names: string[] = [];
  for (const [, list] of text.matchAll(/export type \{([^}]*)\}/g)) {
    for (const part of list!.split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()!;
      if (name) names.push(name);
    }
  }
  return names.sort();
}

describe('public exports', () => {
  it('the root entry exports exactly the allowlisted values and types', () => {
    expect(Object.keys(root).sort()).toEqual([...allowlist.root.values].sort());
    expect(typeExports('index.ts')).toEqual([...allowlist.root.types].sort());
  });

  it('the core entry exports exactly the allowlisted values and types', () => {
    expect(Object.keys(core).sort()).toEqual([...allowlist.core.values].sort());
    expect(typeExports('core.ts')).toEqual([...allowlist.core.types].sort());
  });

  it('the allowlist has no duplicates', () => {
    for (const { values, types } of Object.values(allowlist)) {
      expect(new Set([...values, ...types]).size).toBe(values.length + types.length);
    }
  });
});
