import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * Every runnable example (and the demo behind `npm start`) runs as a user
 * would run it: `npx tsx examples/<name>.ts`, its own DynamoDB Local, exit 0.
 */
const root = resolve(__dirname, '../..');
const examples = readdirSync(resolve(root, 'examples')).filter((f) => f.endsWith('.ts'));
const run = promisify(execFile);

describe('examples', () => {
  it('includes the demo and the quickstart', () => {
    expect(examples).toEqual(expect.arrayContaining(['demo.ts', 'quickstart.ts']));
  });

  it.each(examples)('%s runs and its checks pass', async (file) => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', resolve(root, 'examples', file)], {
      cwd: root,
      timeout: 240_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout).not.toMatch(/^✗/m);
  }, 300_000);
});
