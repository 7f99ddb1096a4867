import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The CI layer guard (scripts/check-layers.mjs) on src/ and on small broken trees.
const script = resolve(__dirname, '../../scripts/check-layers.mjs');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function run(root: string) {
  const result = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
  return { code: result.status, output: result.stdout + result.stderr };
}

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'layers-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('check-layers', () => {
  it('passes on src/: no file cycle, no folder cycle, no layer violation', () => {
    const { code, output } = run(resolve(__dirname, '../../src'));
    expect(output).toMatch(/0 file cycles, 0 folder cycles, 0 layer violations/);
    expect(code).toBe(0);
  });

  it('fails when an action imports an extension', () => {
    const { code, output } = run(
      tree({ 'actions/put/put.ts': "import { x } from '../../extensions/ttl/ttl.js';\nexport const y = x;\n", 'extensions/ttl/ttl.ts': 'export const x = 1;\n' }),
    );
    expect(code).toBe(1);
    expect(output).toMatch(/"actions" may not import "extensions"/);
  });

  it('counts a module loaded on first use with import() as an import', () => {
    const { code, output } = run(
      tree({ 'actions/put/put.ts': "export const load = () => import('../../extensions/ttl/ttl.js');\n", 'extensions/ttl/ttl.ts': 'export const x = 1;\n' }),
    );
    expect(code).toBe(1);
    expect(output).toMatch(/actions\/put\/put\.ts imports extensions\/ttl\/ttl\.ts: "actions" may not import "extensions"/);
  });

  it('fails when one action imports another, and on file and folder cycles', () => {
    const { code, output } = run(
      tree({
        'actions/put/put.ts': "import { u } from '../update/update.js';\nexport const p = u;\n",
        'actions/update/update.ts': 'export const u = 1;\n',
        'model/a.ts': "import { b } from './b.js';\nexport const a = b;\n",
        'model/b.ts': "import { a } from './a.js';\nexport const b = a;\n",
        'limits/l.ts': "import { m } from '../model/m.js';\nexport const l = m;\n",
        'model/m.ts': "import { l } from '../limits/l.js';\nexport const m = l;\n",
      }),
    );
    expect(code).toBe(1);
    expect(output).toMatch(/actions\/put may not import actions\/update/);
    expect(output).toMatch(/file cycle: model\/[ab]\.ts -> model\/[ab]\.ts/);
    expect(output).toMatch(/folder cycle: .*(limits <-> model|model <-> limits)/);
    expect(output).toMatch(/"model" may not import "limits"/);
  });
});
