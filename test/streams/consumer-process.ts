import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, inject } from 'vitest';
import type { Applied } from './consumer-fixture.js';

/** Starts test/streams/consumer-child.ts on the same Local namespace (access key) as `client`; killed after the file. */
export async function spawnConsumer(client: DynamoDBClient, config: Record<string, unknown>): Promise<ChildProcess> {
  const { accessKeyId } = await client.config.credentials();
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'consumer-child.ts')], {
    env: { ...process.env, CONSUMER_CONFIG: JSON.stringify({ endpoint: inject('dynamoEndpoint'), accessKeyId, ...config }) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  afterAll(() => void child.kill('SIGKILL'));
  return child;
}

/** Kills the child with SIGKILL and waits until it is gone. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
}

/** The records a child logged (one JSON line each). */
export function readLog(path: string): Applied[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Applied);
}
