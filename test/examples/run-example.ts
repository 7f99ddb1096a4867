import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, inject } from 'vitest';

/**
 * Every runnable example (and the demo behind `npm start`) runs as a user
 * would run it: `npx tsx examples/<name>.ts`, exit 0. Here their
 * `startDynamoDBLocal()` attaches to the suite's shared instance
 * (`TABLEWRIGHT_DYNAMODB_LOCAL`, each in a namespace of its own) instead of
 * starting a JVM apiece, which cost about 160 s; run alone, each still starts
 * its own. Examples that need a process of their own say `attach: false`.
 */
const root = resolve(__dirname, '../..');
export const examples = readdirSync(resolve(root, 'examples')).filter((f) => f.endsWith('.ts'));
const ownsLocal = (file: string) => readFileSync(resolve(root, 'examples', file), 'utf8').includes('attach: false');
/** Examples that run on the shared instance only. */
export const sharedExamples = examples.filter((f) => !ownsLocal(f));
/** Examples that start (and stop, and restart) a DynamoDB Local of their own. */
export const ownLocalExamples = examples.filter(ownsLocal);

const run = promisify(execFile);

/** Runs one example in a process of its own and expects none of its checks to fail. */
export async function runExample(file: string): Promise<void> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', resolve(root, 'examples', file)], {
    cwd: root,
    env: { ...process.env, TABLEWRIGHT_DYNAMODB_LOCAL: inject('dynamoEndpoint') },
    timeout: 240_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  // The failed checks themselves, so a failure says which.
  expect(stdout.split('\n').filter((line) => line.startsWith('✗'))).toEqual([]);
}
