import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { connect, createServer, type AddressInfo } from 'node:net';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { DYNAMODB_LOCAL_JAVA_OPTIONS, DynamoDBLocalStartError, startDynamoDBLocal } from '../../src/testing/index.js';

/** Polls until nothing listens on the port any more (bounded), instead of sleeping a guess. */
async function waitUntilClosed(port: number, timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (!open) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

// Each test starts a JVM (2 s idle, 20–40 s on two loaded cores).
describe('startDynamoDBLocal', { timeout: 180_000 }, () => {
  it('starts an in-memory instance on a free port, with the client JIT only, and stop() ends it', async () => {
    const local = await startDynamoDBLocal({ attach: false });
    expect(local.endpoint).toBe(`http://127.0.0.1:${local.port}`);
    expect(javaArgs(local.port)).toEqual(expect.arrayContaining([...DYNAMODB_LOCAL_JAVA_OPTIONS, '-inMemory']));
    expect(DYNAMODB_LOCAL_JAVA_OPTIONS).toEqual(['-XX:TieredStopAtLevel=1']);
    const other = local.createClient({ accessKeyId: 'someoneElse' });
    expect((await other.send(new ListTablesCommand({}))).TableNames).toEqual([]);
    other.destroy();
    await local.stop();
    await local.stop(); // idempotent
    expect(await waitUntilClosed(local.port)).toBe(true);
  });

  it('a port another program holds (and never answers on) is a typed error, not a hang', async () => {
    const holder = createServer(); // accepts connections, never answers HTTP
    await new Promise<void>((resolve) => holder.listen(0, () => resolve()));
    const port = (holder.address() as AddressInfo).port;
    try {
      const error = await startDynamoDBLocal({ port, attach: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DynamoDBLocalStartError);
      expect((error as Error).message).toMatch(/exited during startup[\s\S]*(BindException|Failed to bind)/);
    } finally {
      holder.close();
    }
  });

  it('refuses javaOptions that are not an array of strings, before starting Java', async () => {
    for (const javaOptions of ['-Xmx1g', [1], [undefined]]) {
      const error = await startDynamoDBLocal({ javaOptions: javaOptions as never, attach: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DynamoDBLocalStartError);
      expect((error as Error).message).toContain('javaOptions must be an array of strings');
    }
  });

  it('explains how to install Java when it is missing', async () => {
    const error = await startDynamoDBLocal({ javaPath: '/nonexistent/bin/java', attach: false }).catch((e) => e);
    expect(error).toBeInstanceOf(DynamoDBLocalStartError);
    expect(error.message).toMatch(/needs a Java runtime/);
    expect(error.message).toMatch(/apt-get install -y openjdk-17-jre-headless/);
  });

  it('does not leave java behind when the parent process is killed with SIGKILL', async () => {
    const script = `
      import { startDynamoDBLocal } from './src/testing/index.ts';
      const local = await startDynamoDBLocal({ attach: false });
      console.log('PORT ' + local.port);
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', () => {
        const m = /PORT (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', () => reject(new Error(`child exited early: ${out}`)));
    });
    expect(await waitUntilClosed(port, 200)).toBe(false); // Local is up
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(await waitUntilClosed(port)).toBe(true);
  });

  it('does not keep the process alive when stop() is forgotten, and Java goes with the process', async () => {
    const script = `
      import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
      import { startDynamoDBLocal } from './src/testing/index.ts';
      const local = await startDynamoDBLocal({ attach: false });
      await local.client.send(new ListTablesCommand({}));
      console.log('PORT ' + local.port);
      // no stop(): the event loop empties here
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    clearTimeout(killer);
    expect({ code, signal }).toEqual({ code: 0, signal: null }); // exited by itself, not killed by the timer
    const port = Number(/PORT (\d+)/.exec(out)?.[1]);
    expect(port).toBeGreaterThan(0);
    expect(await waitUntilClosed(port)).toBe(true);
  });
});

/** The command line of the java process started with `-port <port>` (Linux: /proc). */
function javaArgs(port: number): string[] {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let args: string[];
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    const at = args.indexOf('-port');
    if (args[0]?.endsWith('java') && at !== -1 && args[at + 1] === String(port)) return args;
  }
  return [];
}
