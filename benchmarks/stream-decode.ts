/**
 * Decoding and validating a 1,000-record Lambda DynamoDB Streams batch of the
 * bench item (INSERT records, NEW_AND_OLD_IMAGES, tablewright's stored form)
 * into typed items: tablewright's `streamDecoder` against `unmarshall` + zod
 * by hand, and against Powertools' parser (`DynamoDBStreamSchema`, its own
 * zod schema with unmarshalling, + the item schema) when
 * `@aws-lambda-powertools/parser` is in benchmarks/node_modules. CPU time per
 * batch (median of rounds, rows interleaved), ratios to the hand-written row.
 * Goal: no slower than the hand-written unmarshall + zod.
 *   npx tsx benchmarks/stream-decode.ts [--quick]
 * `npm run bench` runs it as an extra (`--extras=stream-decode`).
 */
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { streamDecoder } from '../src/streams.js';
import { defineTablewrightUser } from './contenders/tablewright.js';
import { checkItem, ITEM, itemSchema } from './lib/fixture.js';
import { median } from './lib/measure.js';
import { hasPeer, peer } from './lib/peer.js';
import type { ExtraResult } from './lib/report.js';

const MEASURE = 'Stream batch of 1,000 records: decode + validate into typed items (µs per batch)';
const POWERTOOLS = '@aws-lambda-powertools/parser/schemas/dynamodb';

/** 1,000 Lambda stream records of the bench item as tablewright stores it (distinct user ids). */
export function lambdaBatch(count = 1000) {
  const User = defineTablewrightUser(new DynamoDBClient({ region: 'us-east-1' }));
  const image = JSON.stringify(marshall(User.toStored(ITEM), { removeUndefinedValues: true }));
  const Records = Array.from({ length: count }, (_, i) => {
    const id = `u-${String(i + 1).padStart(4, '0')}`;
    const NewImage = JSON.parse(image.replaceAll('u-0001', id));
    return {
      eventID: `e${i}`,
      eventName: 'INSERT' as const,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/bench/stream/2026-12-01T00:00:00.000',
      dynamodb: {
        ApproximateCreationDateTime: 1764547200,
        Keys: { pk: NewImage.pk, sk: NewImage.sk },
        NewImage,
        SequenceNumber: String(100000000000000000000n + BigInt(i)),
        SizeBytes: 900,
        StreamViewType: 'NEW_AND_OLD_IMAGES' as const,
      },
    };
  });
  return { User, event: { Records } };
}

interface Row {
  readonly name: string;
  readonly decode: () => unknown[];
}

export async function streamDecode(ctx: { quick: boolean; log: (message: string) => void }): Promise<ExtraResult[]> {
  const { User, event } = lambdaBatch();
  const decoder = streamDecoder([User], { view: 'NEW_AND_OLD_IMAGES' });
  const rows: Row[] = [
    {
      name: 'unmarshall + zod by hand (baseline)',
      decode: () => event.Records.map((r) => itemSchema.parse(unmarshall(r.dynamodb.NewImage))),
    },
    {
      name: 'tablewright (streamDecoder.decode)',
      decode: () =>
        event.Records.map((r) => {
          const change = decoder.decode(r);
          if (change.kind !== 'insert') throw new Error(`decoded as ${change.kind}`);
          return change.newItem;
        }),
    },
  ];
  let note = '';
  if (await hasPeer(POWERTOOLS)) {
    const { DynamoDBStreamSchema } = await peer(POWERTOOLS);
    rows.push({
      name: 'Powertools parser (DynamoDBStreamSchema + zod)',
      decode: () => DynamoDBStreamSchema.parse(event).Records.map((r: { dynamodb: { NewImage: unknown } }) => itemSchema.parse(r.dynamodb.NewImage)),
    });
  } else {
    note = `${POWERTOOLS} not installed (npm ci --prefix benchmarks)`;
    ctx.log(`! stream decode: ${note}`);
  }
  for (const row of rows) {
    const out = row.decode();
    if (out.length !== 1000) throw new Error(`${row.name}: decoded ${out.length} records`);
    checkItem(row.name, out[0]);
  }
  const rounds = ctx.quick ? 5 : 30;
  const times = new Map(rows.map((r) => [r, [] as number[]]));
  for (let round = 0; round < rounds + 3; round++) {
    for (const row of round % 2 ? rows : [...rows].reverse()) {
      (globalThis as { gc?: () => void }).gc?.();
      const c0 = process.cpuUsage();
      row.decode();
      const c = process.cpuUsage(c0);
      if (round >= 3) times.get(row)!.push(c.user + c.system);
    }
  }
  const base = median(times.get(rows[0]!)!);
  ctx.log(`stream decode: ${rows.length} rows × ${rounds} rounds`);
  return rows.map((row) => {
    const value = median(times.get(row)!);
    return {
      measure: MEASURE,
      name: row.name,
      value,
      unit: 'µs',
      ratio: value / base,
      note: row === rows[0] ? `baseline${note ? `; ${note}` : ''}` : `${(value / base).toFixed(2)}× the hand-written time`,
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await streamDecode({ quick: process.argv.includes('--quick'), log: (m) => process.stderr.write(`${m}\n`) });
  for (const r of results) console.log(`${r.name.padEnd(50)} ${Math.round(r.value).toString().padStart(8)} µs  ${r.ratio!.toFixed(2)}×`);
}
