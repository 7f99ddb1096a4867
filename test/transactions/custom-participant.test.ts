import { GetItemCommand, type CancellationReason as SdkReason } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  RequestLimitError,
  TransactionCanceledError,
  transactWrite,
  type Table,
  type TransactionParticipant,
} from '../../src/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

// A hand-built participant (a stream checkpoint write) joins a transaction
// with entity operations; the transaction code knows nothing about it.
const client = localClient();
let table: Table<'gsi1'>;
const orderSchema = z.object({ orderId: z.string(), total: z.number() });
const defineOrder = (t: Table<'gsi1'>) => t.entity('Order', { schema: orderSchema, keys: { primary: { pk: ['ORDER', 'orderId'], sk: ['ORDER'] } } });
let Order: ReturnType<typeof defineOrder>;

beforeAll(async () => {
  table = await createTestTable(client);
  Order = defineOrder(table);
});

/** Advances a shard's checkpoint, only forward: `seq` must exceed the stored one. */
function checkpoint(shard: string, seq: number): TransactionParticipant {
  const key = { pk: { S: `CP#${shard}` }, sk: { S: 'CP' } };
  return {
    kind: 'checkpoint',
    entity: 'Checkpoint',
    key: { shard },
    table: table.model,
    identity: `${table.name}\u0000CP#${shard}\u0000CP`,
    request: {
      Put: {
        TableName: table.name,
        Item: { ...key, seq: { N: String(seq) } },
        ConditionExpression: 'attribute_not_exists(#pk) OR #seq < :seq',
        ExpressionAttributeNames: { '#pk': 'pk', '#seq': 'seq' },
        ExpressionAttributeValues: { ':seq': { N: String(seq) } },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    interpretCancellation: (reason: SdkReason) => ({
      item: reason.Item ? { shard, seq: Number(reason.Item.seq?.N) } : undefined,
      versionConflict: undefined,
    }),
  };
}

const storedSeq = async (shard: string) =>
  (await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: `CP#${shard}` }, sk: { S: 'CP' } }, ConsistentRead: true }))).Item
    ?.seq?.N;

describe('custom transaction participants', () => {
  it('commits a hand-built checkpoint put atomically with entity operations', async () => {
    await transactWrite([Order.putOp({ orderId: 'o1', total: 10 }), checkpoint('s1', 5)]);
    expect(await Order.get({ orderId: 'o1' })).toEqual({ orderId: 'o1', total: 10 });
    expect(await storedSeq('s1')).toBe('5');
  });

  it('reads its own cancellation reason, next to the entity operations read by theirs', async () => {
    const error = await table.transactWrite([Order.putOp({ orderId: 'o2', total: 20 }), checkpoint('s1', 3)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCanceledError);
    const reasons = (error as TransactionCanceledError).reasons;
    expect(reasons[0]).toMatchObject({ index: 0, kind: 'put', entity: 'Order', code: 'None' });
    expect(reasons[1]).toMatchObject({
      index: 1,
      kind: 'checkpoint',
      entity: 'Checkpoint',
      key: { shard: 's1' },
      code: 'ConditionalCheckFailed',
      item: { shard: 's1', seq: 5 },
      versionConflict: undefined,
    });
    // Nothing of the cancelled transaction was written.
    expect(await Order.get({ orderId: 'o2' })).toBeUndefined();
    expect(await storedSeq('s1')).toBe('5');
  });

  it('is held to the same limits before anything is sent: one action per item', async () => {
    const error = await transactWrite([checkpoint('s2', 1), Order.putOp({ orderId: 'o3', total: 1 }), checkpoint('s2', 2)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestLimitError);
    expect(error).toMatchObject({ reason: 'duplicate-item', indexes: [0, 2] });
    expect(await storedSeq('s2')).toBeUndefined();
  });
});
