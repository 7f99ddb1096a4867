/**
 * Reading a DynamoDB JSON export (gzip, several data files) into typed items:
 * tablewright's `readExportItems` against a hand-written baseline (zlib +
 * readline + JSON.parse + unmarshall + zod) in the same run. Reports items/s
 * and peak RSS; each contender runs in its own child process so RSS is its own.
 *   npx tsx benchmarks/export-read.ts [--items=100000] [--files=8] [--rounds=3]
 * Goal: no slower than the baseline, memory bounded independently of the export's size.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip, gzipSync } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import { exportFolder, openExport, readExportItems } from '../src/admin.js';
import { Table } from '../src/index.js';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const schema = z.object({ orgId: z.string(), orderId: z.string(), total: z.number(), status: z.enum(['open', 'shipped']), lines: z.array(z.object({ sku: z.string(), qty: z.number() })), tags: z.set(z.string()) });
const table = new Table({ name: 'bench', client: new DynamoDBClient({ region: 'us-east-1' }), partitionKey: 'pk', sortKey: 'sk' });
const Order = table.entity('Order', { schema, keys: { primary: { pk: ['ORG', 'orgId'], sk: ['ORDER', 'orderId'] } } });

async function writeFixture(dir: string, items: number, files: number): Promise<string> {
  const base = 'AWSDynamoDB/01700000000000-bench';
  const lines: string[][] = Array.from({ length: files }, () => []);
  for (let i = 0; i < items; i++) {
    const order = { orgId: `org${i % 97}`, orderId: `o${i}`, total: i / 4, status: i % 2 ? 'open' : 'shipped', lines: [{ sku: `s${i % 13}`, qty: 1 + (i % 5) }], tags: new Set(['a', `t${i % 7}`]) };
    lines[i % files]!.push(JSON.stringify({ Item: marshall(Order.toStored(order as z.input<typeof schema>)) }));
  }
  const manifest: string[] = [];
  await mkdir(join(dir, base, 'data'), { recursive: true });
  for (let f = 0; f < files; f++) {
    const key = `${base}/data/part-${f}.json.gz`;
    const body = gzipSync(lines[f]!.map((l) => `${l}\n`).join(''));
    await writeFile(join(dir, key), body);
    manifest.push(JSON.stringify({ itemCount: lines[f]!.length, md5Checksum: createHash('md5').update(body).digest('base64'), etag: '', dataFileS3Key: key }));
  }
  await writeFile(join(dir, base, 'manifest-files.json'), manifest.join('\n'));
  const summaryKey = `${base}/manifest-summary.json`;
  await writeFile(join(dir, summaryKey), JSON.stringify({ version: '2020-06-30', exportArn: 'arn:aws:dynamodb:us-east-1:1:table/bench/export/01700000000000-bench', manifestFilesS3Key: `${base}/manifest-files.json`, outputFormat: 'DYNAMODB_JSON', itemCount: items }));
  return summaryKey;
}

async function runContender(which: string, dir: string, summaryKey: string): Promise<{ items: number; ms: number; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
  const started = performance.now();
  let items = 0;
  const manifest = await openExport(exportFolder(dir), summaryKey);
  if (which === 'tablewright') {
    for await (const r of readExportItems(manifest, { entities: [Order] })) if (r.item.total >= 0) items++;
  } else {
    // Baseline: the same files, one after another, by hand.
    for (const file of manifest.files) {
      const rl = createInterface({ input: createReadStream(join(dir, file.dataFileS3Key)).pipe(createGunzip()), crlfDelay: Infinity });
      for await (const line of rl) {
        const { pk: _pk, sk: _sk, _et, ...rest } = unmarshall((JSON.parse(line) as { Item: never }).Item);
        if (schema.parse(rest).total >= 0) items++;
      }
    }
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  return { items, ms, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
}

const child = process.argv.find((a) => a.startsWith('--child='))?.split('=')[1];
if (child) {
  const [which, dir, summaryKey] = child.split(',') as [string, string, string];
  console.log(JSON.stringify(await runContender(which, dir, summaryKey)));
} else {
  const items = arg('items', 100_000);
  const dir = await mkdtemp(join(tmpdir(), 'export-bench-'));
  try {
    const summaryKey = await writeFixture(dir, items, arg('files', 8));
    const results: Record<string, Array<{ items: number; ms: number; peakRss: number }>> = { baseline: [], tablewright: [] };
    for (let round = 0; round < arg('rounds', 3); round++) {
      for (const which of round % 2 ? ['tablewright', 'baseline'] : ['baseline', 'tablewright']) {
        const out = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), `--child=${which},${dir},${summaryKey}`], { encoding: 'utf8' });
        const r = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as { items: number; ms: number; peakRss: number };
        if (r.items !== items) throw new Error(`${which} read ${r.items} of ${items} items`);
        results[which]!.push(r);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(`| contender | items/s (median) | peak RSS MB (median) |\n| --- | --- | --- |`);
    for (const [which, rs] of Object.entries(results)) {
      console.log(`| ${which} | ${Math.round(median(rs.map((r) => (r.items / r.ms) * 1000)))} | ${(median(rs.map((r) => r.peakRss)) / 1e6).toFixed(0)} |`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
