import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';

/**
 * Every runnable example (and the demo behind `npm start`) runs as a user
 * would run it: `npx tsx examples/<name>.ts`, exit 0. Here their
 * `startDynamoDBLocal()` attaches to the suite's shared instance
 * (`TABLEWRIGHT_DYNAMODB_LOCAL`, each in a namespace of its own) instead of
 * starting a JVM apiece, which cost about 160 s; run alone, each still starts
 * its own. Examples that need a process of their own say `attach: false`.
 */
const root = resolve(__dirname, '../..');
const examples = readdirSync(resolve(root, 'examples')).filter((f) => f.endsWith('.ts'));
// Examples that start Locals of their own (to stop and restart them) are timing-sensitive: they run
// alone, after the others, which share the suite's instance and run concurrently.
const ownsLocal = (file: string) => readFileSync(resolve(root, 'examples', file), 'utf8').includes('attach: false');
const shared = examples.filter((f) => !ownsLocal(f));
const own = examples.filter(ownsLocal);
const run = promisify(execFile);

describe('examples', () => {
  it('includes the demo and the quickstart', () => {
    expect(examples).toEqual(expect.arrayContaining(['demo.ts', 'quickstart.ts']));
  });
});

const runs = async (file: string) => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', resolve(root, 'examples', file)], {
    cwd: root,
    env: { ...process.env, TABLEWRIGHT_DYNAMODB_LOCAL: inject('dynamoEndpoint') },
    timeout: 240_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  // The failed checks themselves, so a failure says which.
  expect(stdout.split('\n').filter((line) => line.startsWith('✗'))).toEqual([]);
};

describe('examples on the shared DynamoDB Local', () => {
  it.concurrent.each(shared)('%s runs and its checks pass', runs, 300_000);
});

describe('examples with DynamoDB Locals of their own', () => {
  it.each(own)('%s runs and its checks pass', runs, 300_000);
});
