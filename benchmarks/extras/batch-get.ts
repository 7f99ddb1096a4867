import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { batchGet as twBatchGet } from '../../src/index.js';
import { TABLE } from '../contenders/contender.js';
import { defineElectroUser } from '../contenders/electrodb.js';
import { defineTablewrightUser } from '../contenders/tablewright.js';
import { checkItem } from '../lib/fixture.js';
import { interleave, type Runner } from '../lib/measure.js';
import { hasPeer } from '../lib/peer.js';
import type { ExtraResult } from '../lib/report.js';
import { clientDynamodb, makeClient, utilDynamodb } from '../lib/sdk.js';
import type { ExtrasContext } from './index.js';
import { thousand } from './query-format.js';

const MEASURE = 'Batch get of 100 items, stub mode (CPU µs per call of 100 keys)';
const userIds = Array.from({ length: 100 }, (_, i) => `u-${String(i + 1).padStart(4, '0')}`);
const body = (item: Record<string, AttributeValue>) => JSON.stringify({ Responses: { [TABLE]: thousand(item, 100) }, UnprocessedKeys: {} });

/** tablewright's `batchGet` of 100 `getOp`s (keys built inside the timed call, as the raw row does). */
async function tablewrightBatch(item: Record<string, AttributeValue>) {
  const User = defineTablewrightUser(makeClient({ kind: 'stub', body: body(item) }));
  return {
    name: 'tablewright (batchGet(Entity.getOp × 100))',
    op: async () => twBatchGet(userIds.map((userId) => User.getOp({ orgId: 'acme', userId }))) as Promise<unknown[]>,
  };
}

export async function batchGet(ctx: ExtrasContext): Promise<ExtraResult[]> {
  const rows: Array<{ name: string; op: () => Promise<unknown[]>; setsAsArrays?: boolean }> = [];
  {
    const client = makeClient({ kind: 'stub', body: body(ctx.items.raw!) });
    const { BatchGetItemCommand } = clientDynamodb;
    rows.push({
      name: 'raw-client (BatchGetItemCommand + unmarshall)',
      op: async () => {
        const Keys = userIds.map((userId) => ({ pk: { S: 'RAW#acme' }, sk: { S: `USER#${userId}` } }));
        const out = await client.send(new BatchGetItemCommand({ RequestItems: { [TABLE]: { Keys } } }));
        return (out.Responses?.[TABLE] ?? []).map((i) => utilDynamodb.unmarshall(i));
      },
    });
  }
  rows.push(await tablewrightBatch(ctx.items.tablewright!));
  if (ctx.items.electrodb && (await hasPeer('electrodb'))) {
    const User = await defineElectroUser(makeClient({ kind: 'stub', body: body(ctx.items.electrodb) }));
    rows.push({
      name: 'electrodb (entity.get([...]).go())',
      setsAsArrays: true,
      op: async () => (await User.get(userIds.map((userId) => ({ orgId: 'acme', userId }))).go()).data,
    });
  }
  for (const row of rows) {
    const out = await row.op();
    if (out.length !== 100) throw new Error(`${row.name}: read ${out.length} items`);
    checkItem(row.name, out[0], row.setsAsArrays);
  }
  const runners: Runner[] = rows.map((r) => ({ name: r.name, mode: 'stub', op: r.op, concurrency: 1 }));
  const samples = await interleave(runners, { rounds: ctx.quick ? 3 : 10, opsPerRound: ctx.quick ? 5 : 30, warmupRounds: 1 });
  ctx.log(`batch get: ${rows.length} rows`);
  const raw = samples[0]!.cpuUs / samples[0]!.ops;
  return samples.map((s) => {
    const value = s.cpuUs / s.ops;
    return { measure: MEASURE, name: s.runner.name, value, unit: 'µs', ratio: value / raw, note: 'ratio to raw-client' };
  });
}
