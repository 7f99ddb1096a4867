import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Transport } from '../../src/transport/transport.js';
import { defineElectroUser } from '../contenders/electrodb.js';
import { defineTablewrightUser } from '../contenders/tablewright.js';
import { defineToolboxUser } from '../contenders/toolbox.js';
import { checkItem } from '../lib/fixture.js';
import { median, quiesce } from '../lib/measure.js';
import { hasPeer } from '../lib/peer.js';
import type { ExtraResult } from '../lib/report.js';
import { makeClient, utilDynamodb } from '../lib/sdk.js';
import type { ExtrasContext } from './index.js';

const MEASURE = 'Query of 1,000 items: formatting + validation (µs per 1,000 items, from the response’s marshalled Items)';

/** 1,000 copies of a captured item with distinct sort keys and user ids. */
export function thousand(item: Record<string, AttributeValue>, count = 1000): Record<string, AttributeValue>[] {
  const json = JSON.stringify(item);
  return Array.from({ length: count }, (_, i) => JSON.parse(json.replaceAll('u-0001', `u-${String(i + 1).padStart(4, '0')}`)));
}

/**
 * A transport answering every Query with the same parsed response (the
 * captured item × 1,000): what `Entity.query` does on the client — build
 * the request, then read, strip and validate 1,000 items — with no SDK and
 * no I/O, like the ElectroDB and Toolbox rows, which format parsed Items.
 */
function cannedQueryTransport(items: Record<string, AttributeValue>[]): Transport {
  const output = { Items: items, Count: items.length, ScannedCount: items.length, $metadata: {} };
  return { send: async () => output as never };
}

function tablewrightFormatter(items: Record<string, AttributeValue>[]) {
  const User = defineTablewrightUser(makeClient({ kind: 'stub', body: '{}' }), cannedQueryTransport(items));
  const label = 'tablewright (Entity.query, canned transport)';
  return { label, format: async () => (await User.query('primary', { orgId: 'acme' })).items };
}

export async function queryFormat(ctx: ExtrasContext): Promise<ExtraResult[]> {
  const client = makeClient({ kind: 'stub', body: '{}' });
  const { unmarshall } = utilDynamodb;
  const rows: Array<{ name: string; format: () => unknown[] | Promise<unknown[]>; setsAsArrays?: boolean; note?: string }> = [];
  const tw = tablewrightFormatter(thousand(ctx.items.tablewright!));
  rows.push({ name: tw.label, format: tw.format });
  if (ctx.items.electrodb && (await hasPeer('electrodb'))) {
    const User = await defineElectroUser(client);
    const items = thousand(ctx.items.electrodb);
    // ElectroDB formats what the DocumentClient returns: unmarshall (as lib-dynamodb does) + parse.
    rows.push({ name: 'electrodb (unmarshall + entity.parse)', setsAsArrays: true, format: () => User.parse({ Items: items.map((i) => unmarshall(i)) }).data });
  }
  if (ctx.items.toolbox && (await hasPeer('dynamodb-toolbox'))) {
    const { tb, entity } = await defineToolboxUser(client);
    const formatter = entity.build(tb.EntityFormatter);
    const items = thousand(ctx.items.toolbox);
    rows.push({ name: 'dynamodb-toolbox (unmarshall + EntityFormatter.format)', format: () => items.map((i) => formatter.format(unmarshall(i))) });
  }
  for (const row of rows) {
    const out = await row.format();
    if (out.length !== 1000) throw new Error(`${row.name}: formatted ${out.length} items`);
    checkItem(row.name, out[0], row.setsAsArrays);
  }
  const rounds = ctx.quick ? 5 : 30;
  const times = new Map(rows.map((r) => [r, [] as number[]]));
  for (let round = 0; round < rounds + 3; round++) {
    for (const row of round % 2 ? rows : [...rows].reverse()) {
      await quiesce();
      const c0 = process.cpuUsage();
      await row.format();
      const c = process.cpuUsage(c0);
      if (round >= 3) times.get(row)!.push(c.user + c.system);
    }
  }
  const base = median(times.get(rows[0]!)!);
  ctx.log(`query formatting: ${rows.length} rows × ${rounds} rounds`);
  return rows.map((row) => {
    const value = median(times.get(row)!);
    return { measure: MEASURE, name: row.name, value, unit: 'µs', ratio: value / base, note: row === rows[0] ? 'baseline' : `${(value / base).toFixed(2)}× tablewright's time` };
  });
}
