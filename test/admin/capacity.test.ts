import {
  BatchGetItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type ConsumedCapacity,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { predictReadCapacity, predictWriteCapacity, type CapacityPrediction } from '../../src/admin.js';
import { ConfigurationError } from '../../src/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
let table: Awaited<ReturnType<typeof makeTable>>;
const makeTable = () =>
  createTestTable(client, {
    indexes: {
      gAll: { partitionKey: 'g1pk', sortKey: 'g1sk' },
      gKeys: { partitionKey: 'g2pk', projection: 'keys-only' as const },
      gInc: { partitionKey: 'g3pk', projection: { include: ['total'] } },
      lsi: { type: 'local' as const, sortKey: 'lsk', projection: 'keys-only' as const },
    },
  });

const schema = z.object({
  id: z.string(),
  body: z.string(),
  total: z.number(),
  note: z.string().optional(),
  status: z.string().optional(),
  region: z.string().optional(),
  rank: z.string().optional(),
});
type Item = z.input<typeof schema>;
let Doc: ReturnType<typeof defineDoc>;
const defineDoc = (t: typeof table) =>
  t.entity('Doc', {
    schema,
    keys: {
      primary: { pk: ['DOC', 'id'], sk: ['V'] },
      gAll: { pk: ['S', 'status'], sk: ['ID', 'id'] },
      gKeys: { pk: ['R', 'region'] },
      gInc: { pk: ['RK', 'rank'] },
      lsi: { sk: ['ST', 'status'] },
    },
  });

beforeAll(async () => {
  table = await makeTable();
  Doc = defineDoc(table);
});

/** Local's ConsumedCapacity in the prediction's shape. */
function consumed(c: ConsumedCapacity | undefined): CapacityPrediction {
  const indexes: Record<string, number> = {};
  for (const [name, v] of Object.entries({ ...c?.GlobalSecondaryIndexes, ...c?.LocalSecondaryIndexes })) {
    if (v.CapacityUnits) indexes[name] = v.CapacityUnits;
  }
  return { total: c?.CapacityUnits ?? 0, table: c?.Table?.CapacityUnits ?? c?.CapacityUnits ?? 0, indexes };
}

const stored = (item: Item) => marshall(Doc.toStored(item), { removeUndefinedValues: true });
/** The marshalled primary key tablewright stores for this id (escaped as the entity escapes it). */
const keyOf = (id: string) => {
  const { pk, sk } = Doc.toStored({ id, body: '', total: 0 });
  return marshall({ pk, sk });
};

let counter = 0;
const itemArb = (id: string) =>
  fc.record({
    body: fc.nat({ max: 5200 }).map((n) => 'b'.repeat(n)),
    total: fc.integer(),
    note: fc.option(fc.nat({ max: 3000 }).map((n) => 'n'.repeat(n)), { nil: undefined }),
    status: fc.option(fc.constantFrom('open', 'closed'), { nil: undefined }),
    region: fc.option(fc.constantFrom('eu', 'us'), { nil: undefined }),
    rank: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
  }).map((r) => ({ id, ...r }) as Item);

describe('predicted write capacity equals what DynamoDB Local consumes', () => {
  it('puts, replacements and deletes across 1 KB boundaries and 0–4 indexes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 6 }).chain((suffix) => {
          const id = `w${++counter}-${suffix}`;
          return fc.tuple(fc.option(itemArb(id), { nil: undefined }), fc.option(itemArb(id), { nil: undefined }), fc.boolean());
        }),
        async ([before, after, transactional]) => {
          const id = (before ?? after)?.id ?? `none${++counter}`;
          if (before) await client.send(new PutItemCommand({ TableName: table.name, Item: stored(before) }));
          let actual: ConsumedCapacity | undefined;
          if (transactional) {
            const action = after ? { Put: { TableName: table.name, Item: stored(after) } } : { Delete: { TableName: table.name, Key: keyOf(id) } };
            actual = (await client.send(new TransactWriteItemsCommand({ TransactItems: [action], ReturnConsumedCapacity: 'INDEXES' }))).ConsumedCapacity?.[0];
          } else if (after) {
            actual = (await client.send(new PutItemCommand({ TableName: table.name, Item: stored(after), ReturnConsumedCapacity: 'INDEXES' }))).ConsumedCapacity;
          } else {
            actual = (await client.send(new DeleteItemCommand({ TableName: table.name, Key: keyOf(id), ReturnConsumedCapacity: 'INDEXES' }))).ConsumedCapacity;
          }
          expect(predictWriteCapacity(Doc, { before, after }, { transactional })).toEqual(consumed(actual));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('an update that grows, then shrinks an item costs the larger of before and after', async () => {
    const before: Item = { id: 'grow', body: 'x'.repeat(900), total: 1, status: 'open' };
    await client.send(new PutItemCommand({ TableName: table.name, Item: stored(before) }));
    for (const size of [2500, 10]) {
      const current = (await Doc.get({ id: 'grow' }))!;
      const after = { ...current, body: 'y'.repeat(size) };
      const output = await client.send(
        new UpdateItemCommand({
          TableName: table.name,
          Key: keyOf('grow'),
          UpdateExpression: 'SET body = :b',
          ExpressionAttributeValues: { ':b': { S: after.body } },
          ReturnConsumedCapacity: 'INDEXES',
        }),
      );
      expect(predictWriteCapacity(Doc, { before: current, after })).toEqual(consumed(output.ConsumedCapacity));
    }
  });
});

describe('predicted read capacity equals what DynamoDB Local consumes', () => {
  const sizes = [100, 4096 - 40, 4200, 9000, 13_000];
  const items = sizes.map((n, i): Item => ({ id: `r${i}`, body: 'r'.repeat(n), total: i, status: 'read' }));
  beforeAll(async () => {
    for (const item of items) await client.send(new PutItemCommand({ TableName: table.name, Item: stored(item) }));
  });
  const sizeOf = (item: Item) => Doc.size(item);

  it.each(['eventual', 'strong'] as const)('get (%s), including a missing item', async (consistency) => {
    for (const item of [...items, undefined]) {
      const output = await client.send(
        new GetItemCommand({ TableName: table.name, Key: keyOf(item?.id ?? 'missing'), ConsistentRead: consistency === 'strong', ReturnConsumedCapacity: 'TOTAL' }),
      );
      expect(predictReadCapacity('get', [item && sizeOf(item)], { consistency }).total).toBe(output.ConsumedCapacity?.CapacityUnits);
    }
  });

  it('batchGet rounds each item, transactGet doubles, a query rounds the page once', async () => {
    const batch = await client.send(
      new BatchGetItemCommand({ RequestItems: { [table.name]: { Keys: [...items.map((i) => keyOf(i.id)), keyOf('missing')] } }, ReturnConsumedCapacity: 'TOTAL' }),
    );
    expect(predictReadCapacity('batchGet', [...items.map(sizeOf), undefined]).total).toBe(batch.ConsumedCapacity?.[0]?.CapacityUnits);
    const tx = await client.send(
      new TransactGetItemsCommand({ TransactItems: [...items.map((i) => i.id), 'missing'].map((id) => ({ Get: { TableName: table.name, Key: keyOf(id) } })), ReturnConsumedCapacity: 'TOTAL' }),
    );
    const txKeys = [...items.map(sizeOf), undefined];
    expect(predictReadCapacity('transactGet', txKeys).total).toBe(tx.ConsumedCapacity?.[0]?.CapacityUnits);
    const query = await client.send(
      new QueryCommand({
        TableName: table.name,
        IndexName: 'gAll',
        KeyConditionExpression: 'g1pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'S#read' } },
        ConsistentRead: false,
        ReturnConsumedCapacity: 'INDEXES',
      }),
    );
    expect(query.Count).toBe(items.length);
    expect(predictReadCapacity('query', items.map(sizeOf), { index: 'gAll' })).toEqual(consumed(query.ConsumedCapacity));
  });

  it('refuses sizes that are not byte counts and transactional reads that are not transactGet', () => {
    expect(() => predictReadCapacity('get', [-1])).toThrow(ConfigurationError);
    expect(() => predictReadCapacity('get', [Number.NaN])).toThrow(ConfigurationError);
    expect(() => predictReadCapacity('query', [1], { consistency: 'transactional' })).toThrow(ConfigurationError);
  });
});
