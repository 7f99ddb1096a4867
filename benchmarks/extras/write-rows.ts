import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { batchWrite, directTransport, transactWrite } from '../../src/index.js';
import { TABLE } from '../contenders/contender.js';
import { defineElectroUser } from '../contenders/electrodb.js';
import { defineTablewrightUser } from '../contenders/tablewright.js';
import { defineOneTableUser } from '../contenders/onetable.js';
import { defineToolboxUser } from '../contenders/toolbox.js';
import { ITEM, type BenchItem } from '../lib/fixture.js';
import { peer } from '../lib/peer.js';
import { clientDynamodb, libDynamodb, utilDynamodb } from '../lib/sdk.js';

/** The write operations measured, each the same request for every library. */
export const WRITE_OPS = ['put', 'create', 'update', 'delete', 'batchWrite25', 'transactWrite4'] as const;
export type WriteOp = (typeof WRITE_OPS)[number];

/** One library's implementation of the write operations (missing ones are not measured for it). */
export type WriteRow = { readonly name: string; readonly kind: 'raw' | 'floor' | 'sdk' | 'direct' | 'peer' } & Partial<Record<WriteOp, () => Promise<unknown>>>;

const KEY = { orgId: ITEM.orgId, userId: ITEM.userId };
/** 25 distinct items (built once, outside the timed calls, as an application holds its data). */
const ITEMS: BenchItem[] = Array.from({ length: 25 }, (_, i) => ({ ...ITEM, userId: `u-${String(i + 1).padStart(4, '0')}` }));
const NEW_CITY = 'Paris';

/** The raw SDK: marshall + command, the floor every row is compared with. */
export function rawWrites(client: DynamoDBClient): WriteRow {
  const { PutItemCommand, UpdateItemCommand, DeleteItemCommand, BatchWriteItemCommand, TransactWriteItemsCommand } = clientDynamodb;
  const { marshall } = utilDynamodb;
  const keyOf = (i: { orgId: string; userId: string }) => ({ pk: { S: `RAW#${i.orgId}` }, sk: { S: `USER#${i.userId}` } });
  const stored = (i: BenchItem) => ({ ...marshall(i), ...keyOf(i) });
  const update = (i: { orgId: string; userId: string }) => ({
    TableName: TABLE,
    Key: keyOf(i),
    UpdateExpression: 'SET #a.#c = :c ADD #l :one',
    ExpressionAttributeNames: { '#a': 'address', '#c': 'city', '#l': 'loginCount' },
    ExpressionAttributeValues: { ':c': { S: NEW_CITY }, ':one': { N: '1' } },
  });
  return {
    name: 'raw-client (marshall + command)',
    kind: 'raw',
    put: () => client.send(new PutItemCommand({ TableName: TABLE, Item: stored(ITEM) })),
    create: () =>
      client.send(
        new PutItemCommand({ TableName: TABLE, Item: stored(ITEM), ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': 'pk' } }),
      ),
    update: () => client.send(new UpdateItemCommand(update(KEY))),
    delete: () => client.send(new DeleteItemCommand({ TableName: TABLE, Key: keyOf(KEY) })),
    batchWrite25: () => client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: ITEMS.map((i) => ({ PutRequest: { Item: stored(i) } })) } })),
    transactWrite4: () =>
      client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: TABLE, Item: stored(ITEMS[0]!) } },
            { Put: { TableName: TABLE, Item: stored(ITEMS[1]!) } },
            { Update: update(ITEMS[2]!) },
            { Delete: { TableName: TABLE, Key: keyOf(ITEMS[3]!) } },
          ],
        }),
      ),
  };
}

/**
 * The SDK's own cost of the raw row's requests: `client.send(new XCommand(input))`
 * of inputs marshalled once, here (a new command per call, as every row makes).
 * No library on the SDK path can cost less than this; it bounds how much
 * cheaper than a peer an SDK-path library can be.
 */
export function sdkFloorWrites(client: DynamoDBClient): WriteRow {
  const { PutItemCommand, UpdateItemCommand, DeleteItemCommand, BatchWriteItemCommand, TransactWriteItemsCommand } = clientDynamodb;
  const captured = new Map<string, unknown>();
  const recorder = { send: (command: { input: unknown }) => captured.set('last', command.input) } as unknown as DynamoDBClient;
  const raw = rawWrites(recorder);
  const inputOf = (op: WriteOp): never => {
    void raw[op]!();
    return captured.get('last') as never;
  };
  const put = inputOf('put');
  const create = inputOf('create');
  const update = inputOf('update');
  const del = inputOf('delete');
  const batch = inputOf('batchWrite25');
  const transaction = inputOf('transactWrite4');
  return {
    name: 'sdk-floor (client.send of a prebuilt input, no marshall)',
    kind: 'floor',
    put: () => client.send(new PutItemCommand(put)),
    create: () => client.send(new PutItemCommand(create)),
    update: () => client.send(new UpdateItemCommand(update)),
    delete: () => client.send(new DeleteItemCommand(del)),
    batchWrite25: () => client.send(new BatchWriteItemCommand(batch)),
    transactWrite4: () => client.send(new TransactWriteItemsCommand(transaction)),
  };
}

/** `@aws-sdk/lib-dynamodb`: the same requests with native values. */
export function documentClientWrites(client: DynamoDBClient): WriteRow {
  const doc = libDynamodb.DynamoDBDocumentClient.from(client);
  const { PutCommand, UpdateCommand, DeleteCommand, BatchWriteCommand, TransactWriteCommand } = libDynamodb;
  const keyOf = (i: { orgId: string; userId: string }) => ({ pk: `RAW#${i.orgId}`, sk: `USER#${i.userId}` });
  const update = (i: { orgId: string; userId: string }) => ({
    TableName: TABLE,
    Key: keyOf(i),
    UpdateExpression: 'SET #a.#c = :c ADD #l :one',
    ExpressionAttributeNames: { '#a': 'address', '#c': 'city', '#l': 'loginCount' },
    ExpressionAttributeValues: { ':c': NEW_CITY, ':one': 1 },
  });
  return {
    name: 'document-client (lib-dynamodb)',
    kind: 'sdk',
    put: () => doc.send(new PutCommand({ TableName: TABLE, Item: { ...ITEM, ...keyOf(ITEM) } })),
    create: () =>
      doc.send(new PutCommand({ TableName: TABLE, Item: { ...ITEM, ...keyOf(ITEM) }, ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': 'pk' } })),
    update: () => doc.send(new UpdateCommand(update(KEY))),
    delete: () => doc.send(new DeleteCommand({ TableName: TABLE, Key: keyOf(KEY) })),
    batchWrite25: () => doc.send(new BatchWriteCommand({ RequestItems: { [TABLE]: ITEMS.map((i) => ({ PutRequest: { Item: { ...i, ...keyOf(i) } } })) } })),
    transactWrite4: () =>
      doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: TABLE, Item: { ...ITEMS[0]!, ...keyOf(ITEMS[0]!) } } },
            { Put: { TableName: TABLE, Item: { ...ITEMS[1]!, ...keyOf(ITEMS[1]!) } } },
            { Update: update(ITEMS[2]!) },
            { Delete: { TableName: TABLE, Key: keyOf(ITEMS[3]!) } },
          ],
        }),
      ),
  };
}

/**
 * tablewright: typed, validated, size-checked; `direct` selects the direct
 * transport. `transport` replaces either (diagnostics: one that answers at
 * once measures tablewright's own CPU without the SDK).
 */
export function tablewrightWrites(client: DynamoDBClient, direct: boolean, transport?: import('../../src/transport/transport.js').Transport): WriteRow {
  const User = defineTablewrightUser(client, transport ?? (direct ? directTransport(client) : undefined));
  const changes = { set: { 'address.city': NEW_CITY }, increment: { loginCount: 1 } } as const;
  return {
    name: direct ? 'tablewright-direct (direct transport)' : 'tablewright (SDK path)',
    kind: direct ? 'direct' : 'sdk',
    put: () => User.put(ITEM),
    create: () => User.create(ITEM),
    update: () => User.update(KEY, changes),
    delete: () => User.delete(KEY),
    batchWrite25: () => batchWrite(ITEMS.map((i) => User.putOp(i))),
    transactWrite4: () =>
      transactWrite([User.putOp(ITEMS[0]!), User.putOp(ITEMS[1]!), User.updateOp(ITEMS[2]!, changes), User.deleteOp(ITEMS[3]!)]),
  };
}

/** ElectroDB 3: `put`/`create`/`patch`/`delete`, batch `put([...])`, a Service transaction. */
export async function electroWrites(client: DynamoDBClient): Promise<WriteRow> {
  const User = await defineElectroUser(client);
  const { Service } = await peer('electrodb');
  const service = new Service({ user: User });
  const electro = (i: BenchItem) => ({ ...i, tags: [...i.tags] });
  const patch = (op: { set: (a: unknown, v: unknown) => void; add: (a: unknown, v: unknown) => void }, a: { address: { city: unknown }; loginCount: unknown }) => {
    op.set(a.address.city, NEW_CITY);
    op.add(a.loginCount, 1);
  };
  return {
    name: 'electrodb',
    kind: 'peer',
    put: () => User.put(electro(ITEM)).go(),
    create: () => User.create(electro(ITEM)).go(),
    update: () => User.update(KEY).data((a: never, op: never) => patch(op, a)).go({ response: 'none' }),
    delete: () => User.delete(KEY).go(),
    batchWrite25: () => User.put(ITEMS.map(electro)).go(),
    transactWrite4: () =>
      service.transaction
        .write(({ user }: { user: typeof User }) => [
          user.put(electro(ITEMS[0]!)).commit(),
          user.put(electro(ITEMS[1]!)).commit(),
          user.update({ orgId: ITEMS[2]!.orgId, userId: ITEMS[2]!.userId }).data((a: never, op: never) => patch(op, a)).commit(),
          user.delete({ orgId: ITEMS[3]!.orgId, userId: ITEMS[3]!.userId }).commit(),
        ])
        .go(),
  };
}

/** DynamoDB-Toolbox v2: one command class per action. */
export async function toolboxWrites(client: DynamoDBClient): Promise<WriteRow> {
  const { tb, entity } = await defineToolboxUser(client);
  const update = (i: { orgId: string; userId: string }) => ({ ...i, address: { city: NEW_CITY }, loginCount: tb.$add(1) });
  return {
    name: 'dynamodb-toolbox',
    kind: 'peer',
    put: () => entity.build(tb.PutItemCommand).item(ITEM).send(),
    create: () => entity.build(tb.PutItemCommand).item(ITEM).options({ condition: { attr: 'orgId', exists: false } }).send(),
    update: () => entity.build(tb.UpdateItemCommand).item(update(KEY)).send(),
    delete: () => entity.build(tb.DeleteItemCommand).key(KEY).send(),
    batchWrite25: () => tb.executeBatchWrite(entity.table.build(tb.BatchWriteCommand).requests(...ITEMS.map((i) => entity.build(tb.BatchPutRequest).item(i)))),
    transactWrite4: () =>
      tb.executeTransactWrite(
        entity.build(tb.PutTransaction).item(ITEMS[0]!),
        entity.build(tb.PutTransaction).item(ITEMS[1]!),
        entity.build(tb.UpdateTransaction).item(update(ITEMS[2]!)),
        entity.build(tb.DeleteTransaction).key({ orgId: ITEMS[3]!.orgId, userId: ITEMS[3]!.userId }),
      ),
  };
}

/** OneTable 2: `create` (exists: null is a plain put), `update` with add/set, `remove`, batch and transaction maps. */
export async function oneTableWrites(client: DynamoDBClient): Promise<WriteRow> {
  const { table, User } = await defineOneTableUser(client);
  const update = (i: { orgId: string; userId: string }, extra: object = {}) =>
    User.update({ orgId: i.orgId, userId: i.userId }, { add: { loginCount: 1 }, set: { 'address.city': '@{city}' }, substitutions: { city: NEW_CITY }, return: 'none', ...extra });
  return {
    name: 'onetable',
    kind: 'peer',
    put: () => User.create(ITEM, { exists: null }),
    create: () => User.create(ITEM),
    update: () => update(KEY),
    delete: () => User.remove(KEY),
    batchWrite25: async () => {
      const batch = {};
      for (const i of ITEMS) await User.create(i, { batch, exists: null });
      return table.batchWrite(batch);
    },
    transactWrite4: async () => {
      const transaction = {};
      await User.create(ITEMS[0]!, { transaction, exists: null });
      await User.create(ITEMS[1]!, { transaction, exists: null });
      await update(ITEMS[2]!, { transaction });
      await User.remove({ orgId: ITEMS[3]!.orgId, userId: ITEMS[3]!.userId }, { transaction });
      return table.transact('write', transaction);
    },
  };
}
