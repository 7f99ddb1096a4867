import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { directTransport } from '../../src/index.js';
import { TABLE } from '../contenders/contender.js';
import { defineElectroUser } from '../contenders/electrodb.js';
import { defineOneTableUser } from '../contenders/onetable.js';
import { defineTablewrightUser } from '../contenders/tablewright.js';
import { defineToolboxUser } from '../contenders/toolbox.js';
import { checkItem, itemSchema } from '../lib/fixture.js';
import { interleave, medianRoundRatio, type Runner } from '../lib/measure.js';
import { hasPeer } from '../lib/peer.js';
import type { ExtraResult } from '../lib/report.js';
import { clientDynamodb, clientConfig, utilDynamodb } from '../lib/sdk.js';
import type { ExtrasContext } from './index.js';
import { thousand } from './query-format.js';

/**
 * Queries end to end in stub mode: request, SDK, transport, decode and
 * validate. A 100-item page, and 1,000 items read as 10 pages of 100 (the
 * stub answers pages 1–9 with a LastEvaluatedKey). Goal: tablewright's SDK
 * path ≤ 1.05× the raw SDK + unmarshall + zod.
 */
const GOAL = 1.05;
const PAGE = 100;

/** A request handler answering Query with `pages` bodies in turn (the last one without LastEvaluatedKey). */
function pagedHandler(item: Record<string, AttributeValue>, pages: number) {
  const items = thousand(item, PAGE);
  const last = items[PAGE - 1]!;
  const lek = { pk: last.pk!, sk: last.sk! };
  const bodies = Array.from({ length: pages }, (_, i) =>
    new Uint8Array(Buffer.from(JSON.stringify({ Items: items, Count: PAGE, ScannedCount: PAGE, ...(i < pages - 1 ? { LastEvaluatedKey: lek } : {}) }))),
  );
  let n = 0;
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    handle() {
      const body = bodies[n++ % pages]!;
      return Promise.resolve({
        response: { statusCode: 200, reason: 'OK', headers: { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(body.byteLength), 'x-amzn-requestid': 'bench' }, body },
      });
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}

const clientFor = (item: Record<string, AttributeValue>, pages: number) =>
  new clientDynamodb.DynamoDBClient({ ...clientConfig({ kind: 'stub', body: '{}' }), requestHandler: pagedHandler(item, pages) });

type Row = { name: string; kind: 'raw' | 'tablewright' | 'other'; setsAsArrays?: boolean; read: () => Promise<unknown[]> };

async function rows(ctx: ExtrasContext, pages: number): Promise<Row[]> {
  const out: Row[] = [];
  {
    const client = clientFor(ctx.items.raw!, pages);
    const { unmarshall } = utilDynamodb;
    out.push({
      name: 'raw-client-zod (QueryCommand + unmarshall + zod)',
      kind: 'raw',
      read: async () => {
        const items: unknown[] = [];
        let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
        do {
          const page = await client.send(
            new clientDynamodb.QueryCommand({ TableName: TABLE, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': 'pk' }, ExpressionAttributeValues: { ':pk': { S: 'RAW#acme' } }, ExclusiveStartKey }),
          );
          for (const i of page.Items ?? []) {
            const { pk: _pk, sk: _sk, ...rest } = unmarshall(i);
            items.push(itemSchema.parse(rest));
          }
          ExclusiveStartKey = page.LastEvaluatedKey;
        } while (ExclusiveStartKey);
        return items;
      },
    });
  }
  for (const direct of [false, true]) {
    const client = clientFor(ctx.items.tablewright!, pages);
    const User = defineTablewrightUser(client, direct ? directTransport(client) : undefined);
    out.push({
      name: direct ? 'tablewright-direct (queryPages, direct transport)' : 'tablewright (queryPages, SDK path)',
      kind: direct ? 'other' : 'tablewright',
      read: async () => {
        const items: unknown[] = [];
        for await (const page of User.queryPages('primary', { orgId: 'acme' })) items.push(...page.items);
        return items;
      },
    });
  }
  if (ctx.items.electrodb && (await hasPeer('electrodb'))) {
    const User = await defineElectroUser(clientFor(ctx.items.electrodb, pages));
    out.push({ name: 'electrodb (query.primary().go({ pages: "all" }))', kind: 'other', setsAsArrays: true, read: async () => (await User.query.primary({ orgId: 'acme' }).go({ pages: 'all' })).data });
  }
  if (ctx.items.toolbox && (await hasPeer('dynamodb-toolbox'))) {
    const { tb, entity } = await defineToolboxUser(clientFor(ctx.items.toolbox, pages));
    out.push({
      name: 'dynamodb-toolbox (QueryCommand, maxPages: Infinity)',
      kind: 'other',
      read: async () =>
        (await entity.table.build(tb.QueryCommand).entities(entity).query({ partition: 'TB#acme' }).options({ maxPages: Infinity }).send()).Items ?? [],
    });
  }
  if (ctx.items.onetable && (await hasPeer('dynamodb-onetable'))) {
    const { User } = await defineOneTableUser(clientFor(ctx.items.onetable, pages));
    out.push({
      name: 'onetable (find, following next)',
      kind: 'other',
      setsAsArrays: true,
      read: async () => {
        const items: unknown[] = [];
        let next: unknown;
        do {
          const page = await User.find({ orgId: 'acme' }, next ? { next } : {});
          items.push(...page);
          next = page.next;
        } while (next);
        return items;
      },
    });
  }
  return out;
}

export async function queries(ctx: ExtrasContext): Promise<ExtraResult[]> {
  const results: ExtraResult[] = [];
  for (const pages of [1, 10]) {
    const measured: Row[] = [];
    for (const row of await rows(ctx, pages)) {
      try {
        const items = await row.read();
        if (items.length !== pages * PAGE) throw new Error(`read ${items.length} items`);
        checkItem(row.name, items[0], row.setsAsArrays);
        measured.push(row);
      } catch (error) {
        ctx.log(`! query ${pages * PAGE}: ${row.name} is not measured: ${(error as Error).message}`);
      }
    }
    const runners: Runner[] = measured.map((r) => ({ name: r.name, mode: 'stub', op: r.read, concurrency: 1 }));
    // Quick: 5 rounds (2 rounds of 2 reads put the 10-page ratio anywhere between 0.9× and 1.4×).
    const samples = await interleave(runners, { rounds: ctx.quick ? 5 : 10, opsPerRound: (ctx.quick ? 4 : 20) / (pages === 10 ? 2 : 1), warmupRounds: ctx.quick ? 0 : 1, warmupOps: ctx.quick ? 6 : 20 });
    ctx.log(`query ${pages * PAGE} items: ${samples.length} rows`);
    const raw = samples[0]!;
    for (const s of samples) {
      const row = measured.find((r) => r.name === s.runner.name)!;
      const ratio = medianRoundRatio(s, raw);
      const note = row.kind === 'tablewright' ? `ratio to raw-client-zod · goal ≤ ${GOAL.toFixed(2)}× · ${ratio <= GOAL ? 'met' : 'missed'}` : 'ratio to raw-client-zod';
      results.push({ measure: `Query end to end: ${pages * PAGE} items (${pages} page${pages > 1 ? 's' : ''}), stub mode (CPU µs per read)`, name: s.runner.name, value: s.cpuUs / s.ops, unit: 'µs', ratio, note });
    }
  }
  return results;
}
