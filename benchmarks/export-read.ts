/**
 * Reading a DynamoDB JSON export (gzip, several data files) into typed items:
 * tablewright's `readExportItems` against a hand-written baseline (zlib +
 * readline + JSON.parse + unmarshall + zod) in the same run. Reports items/s
 * and peak RSS (the child's `maxRSS`); each contender reads in its own child
 * process, so RSS is its own. Two export sizes (20,000 and 100,000 items)
 * show whether memory grows with the export; `--quick` reads one of 2,000.
 * Registered in benchmarks/run.ts (`--extras=export-read`); standalone:
 *   npx tsx benchmarks/export-read.ts [--quick] [--items=20000,100000] [--files=8] [--rounds=3]
 * Goal: no slower than the baseline, memory bounded independently of the export's size.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGunzip, gzipSync } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import { exportFolder, openExport, readExportItems } from '../src/admin.js';
import { Table } from '../src/index.js';
import type { ExtraResult } from './lib/report.js';

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
  // getrusage's high-water mark: the true peak, not a sample.
  return { items, ms, peakRss: process.resourceUsage().maxRSS * 1024 };
}

type Run = { items: number; ms: number; peakRss: number };
const CONTENDERS = ['baseline', 'tablewright'] as const;
const MEASURE = 'Export read: DynamoDB JSON export (gzip, 8 data files) into typed, zod-validated items';
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Reads an export of each size with both contenders (alternating order, `rounds` times); items/s and peak RSS per size. */
export async function exportRead(ctx: {
  quick: boolean;
  log: (message: string) => void;
  sizes?: readonly number[];
  files?: number;
  rounds?: number;
}): Promise<ExtraResult[]> {
  const sizes = ctx.sizes ?? (ctx.quick ? [2_000] : [20_000, 100_000]);
  const rounds = ctx.rounds ?? (ctx.quick ? 1 : 3);
  const out: ExtraResult[] = [];
  for (const items of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'export-bench-'));
    try {
      const summaryKey = await writeFixture(dir, items, ctx.files ?? 8);
      ctx.log(`export read: ${items} items × ${rounds} rounds × ${CONTENDERS.length} contenders…`);
      const results: Record<string, Run[]> = { baseline: [], tablewright: [] };
      for (let round = 0; round < rounds; round++) {
        for (const which of round % 2 ? [...CONTENDERS].reverse() : CONTENDERS) {
          const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), `--child=${which},${dir},${summaryKey}`], { encoding: 'utf8' });
          if (child.status !== 0) throw new Error(`export read: ${which} failed: ${child.stderr}`);
          const r = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Run;
          if (r.items !== items) throw new Error(`export read: ${which} read ${r.items} of ${items} items`);
          results[which]!.push(r);
        }
      }
      const rate = (which: string) => median(results[which]!.map((r) => (r.items / r.ms) * 1000));
      const rss = (which: string) => median(results[which]!.map((r) => r.peakRss)) / 1e6;
      for (const which of CONTENDERS) {
        const label = which === 'baseline' ? 'baseline (zlib + readline + JSON.parse + unmarshall + zod)' : 'tablewright (readExportItems)';
        out.push({ measure: MEASURE, name: `${label}, ${items.toLocaleString('en-US')} items`, value: rate(which), unit: 'items/s', ratio: rate(which) / rate('baseline'), note: 'ratio to baseline (higher is faster)' });
        out.push({ measure: `${MEASURE}: peak RSS`, name: `${label}, ${items.toLocaleString('en-US')} items`, value: rss(which), unit: 'MB', ratio: rss(which) / rss('baseline'), note: 'maxRSS of the reading process; ratio to baseline' });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return out;
}

const child = process.argv.find((a) => a.startsWith('--child='))?.split('=')[1];
if (child) {
  const [which, dir, summaryKey] = child.split(',') as [string, string, string];
  console.log(JSON.stringify(await runContender(which, dir, summaryKey)));
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const results = await exportRead({
    quick: process.argv.includes('--quick'),
    log: (m) => process.stderr.write(`${m}\n`),
    ...(option('items') && { sizes: option('items')!.split(',').map(Number) }),
    ...(option('files') && { files: Number(option('files')) }),
    ...(option('rounds') && { rounds: Number(option('rounds')) }),
  });
  console.log('| measure | contender | value | ratio to baseline |\n| --- | --- | ---: | ---: |');
  for (const r of results) console.log(`| ${r.unit} | ${r.name} | ${r.value.toFixed(r.unit === 'MB' ? 0 : 0)} ${r.unit} | ${r.ratio!.toFixed(2)}× |`);
}
