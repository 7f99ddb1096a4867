import { ConditionalCheckFailedException, DynamoDBServiceException, ResourceNotFoundException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConditionFailedError, DynamoDBError, Table, TableNotFoundError, directTransport, sdkTransport, type Transport } from '../../src/index.js';
import { mapAwsError } from '../../src/request/map-error.js';
import type { OperationMap, OperationName } from '../../src/transport/transport.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
const sdk = sdkTransport(client);
const direct = directTransport(client);
let table: Table<'gsi1'>;

beforeAll(async () => {
  table = await createTestTable(client);
});

/** The output without what legitimately differs per request. */
function comparable(output: unknown): unknown {
  const { $metadata, ...rest } = output as { $metadata: Record<string, unknown> };
  return { ...rest, $metadata: { ...$metadata, requestId: '(varies)' } };
}

async function both<O extends OperationName>(operation: O, input: OperationMap[O][0]) {
  const viaSdk = await sdk.send(operation, input);
  const viaDirect = await direct.send(operation, input);
  return [viaSdk, viaDirect] as const;
}

async function failure(transport: Transport, operation: OperationName, input: unknown): Promise<Error & Record<string, any>> {
  try {
    await transport.send(operation, input as never);
  } catch (error) {
    return error as Error & Record<string, any>;
  }
  throw new Error('expected the request to fail');
}

/** What a caller can observe on an SDK error. */
function errorShape(e: Error & Record<string, any>) {
  const own = Object.fromEntries(Object.entries(e).filter(([k]) => k !== '$metadata'));
  return {
    class: e.constructor.name,
    name: e.name,
    message: e.message,
    own,
    httpStatusCode: e.$metadata?.httpStatusCode,
    attempts: e.$metadata?.attempts,
  };
}

const key = (pk: string, sk: string) => ({ pk: { S: pk }, sk: { S: sk } });
const rich = (pk: string, sk: string) => ({
  ...key(pk, sk),
  s: { S: 'text with "quotes" and ünïcödé' },
  n: { N: '12345678901234567890.123' },
  b: { B: new Uint8Array([0, 1, 2, 253, 254, 255]) },
  bs: { BS: [new Uint8Array([1]), new Uint8Array([2, 3])] },
  ss: { SS: ['x', 'y'] },
  ns: { NS: ['1', '2.5'] },
  bool: { BOOL: false },
  nul: { NULL: true },
  l: { L: [{ S: 'a' }, { N: '1' }, { M: { B: { B: new Uint8Array([9]) } } }] },
  m: { M: { B: { S: 'attribute named B' }, BS: { L: [] }, inner: { M: { deep: { B: new Uint8Array([7, 7]) } } } } },
});

describe('direct transport ≡ SDK transport against DynamoDB Local', () => {
  it('writes through direct what the SDK reads back, binaries and all types included', async () => {
    const [putSdk, putDirect] = [await sdk.send('PutItem', { TableName: table.name, Item: rich('R', 'sdk') }), await direct.send('PutItem', { TableName: table.name, Item: rich('R', 'direct') })];
    expect(comparable(putDirect)).toEqual(comparable(putSdk));
    for (const sk of ['sdk', 'direct']) {
      const [a, b] = await both('GetItem', { TableName: table.name, Key: key('R', sk), ConsistentRead: true });
      expect(comparable(b)).toEqual(comparable(a));
      expect(b.Item).toEqual(rich('R', sk));
      expect(b.Item?.b?.B).toBeInstanceOf(Uint8Array);
    }
    const [missingA, missingB] = await both('GetItem', { TableName: table.name, Key: key('R', 'nope') });
    expect(missingB.Item).toBeUndefined();
    expect(comparable(missingB)).toEqual(comparable(missingA));
  });

  it('returns identical Query pages (Limit + ExclusiveStartKey), in both directions of cursor hand-over', async () => {
    for (let i = 0; i < 10; i++) await direct.send('PutItem', { TableName: table.name, Item: { ...key('Q', `item#${String(i).padStart(2, '0')}`), n: { N: String(i) } } });
    const base = {
      TableName: table.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'pk' },
      ExpressionAttributeValues: { ':pk': { S: 'Q' } },
      Limit: 3,
      ReturnConsumedCapacity: 'TOTAL' as const,
    };
    let start: Record<string, any> | undefined;
    let pages = 0;
    const seen: string[] = [];
    do {
      const input = start ? { ...base, ExclusiveStartKey: start } : base;
      const [a, b] = await both('Query', input);
      expect(comparable(b)).toEqual(comparable(a));
      seen.push(...(b.Items ?? []).map((item) => item.sk!.S!));
      // Alternate whose cursor drives the next page.
      start = pages % 2 === 0 ? a.LastEvaluatedKey : b.LastEvaluatedKey;
      pages++;
    } while (start);
    expect(pages).toBe(4);
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => `item#${String(i).padStart(2, '0')}`));
  });

  it('serves 32 concurrent requests, each with its own item', async () => {
    const gets = Array.from({ length: 32 }, (_, i) => direct.send('GetItem', { TableName: table.name, Key: key('Q', `item#${String(i % 10).padStart(2, '0')}`) }));
    const items = await Promise.all(gets);
    expect(items.map((o) => o.Item?.n?.N)).toEqual(Array.from({ length: 32 }, (_, i) => String(i % 10)));
  });

  it('returns identical Scan pages', async () => {
    let start: Record<string, any> | undefined;
    let items = 0;
    do {
      const input = { TableName: table.name, Limit: 4, ...(start ? { ExclusiveStartKey: start } : {}) };
      const [a, b] = await both('Scan', input);
      expect(comparable(b)).toEqual(comparable(a));
      items += b.Count ?? 0;
      start = b.LastEvaluatedKey;
    } while (start);
    expect(items).toBeGreaterThanOrEqual(12);
  });

  it('returns the same BatchGetItem result (order aside) and BatchWriteItem result', async () => {
    const [wa, wb] = await both('BatchWriteItem', {
      RequestItems: { [table.name]: [1, 2, 3].map((i) => ({ PutRequest: { Item: { ...key('BW', `i${i}`), b: { B: new Uint8Array([i]) } } } })) },
    });
    expect(comparable(wb)).toEqual(comparable(wa));
    const input = { RequestItems: { [table.name]: { Keys: [key('BW', 'i1'), key('BW', 'i2'), key('BW', 'i3'), key('BW', 'none')] } } };
    const [a, b] = await both('BatchGetItem', input);
    const sorted = (o: typeof a) => [...(o.Responses?.[table.name] ?? [])].sort((x, y) => x.sk!.S!.localeCompare(y.sk!.S!));
    expect(sorted(b)).toEqual(sorted(a));
    expect(sorted(b).map((i) => i.b?.B)).toEqual([new Uint8Array([1]), new Uint8Array([2]), new Uint8Array([3])]);
    expect(b.UnprocessedKeys).toEqual(a.UnprocessedKeys);
  });

  it('returns the same UpdateItem, DeleteItem and transaction outputs', async () => {
    for (const sk of ['u-sdk', 'u-direct']) await sdk.send('PutItem', { TableName: table.name, Item: { ...key('U', sk), v: { N: '1' } } });
    const update = (sk: string) => ({
      TableName: table.name,
      Key: key('U', sk),
      UpdateExpression: 'SET #v = :v, #w = :w',
      ExpressionAttributeNames: { '#v': 'v', '#w': 'w' },
      ExpressionAttributeValues: { ':v': { N: '2' }, ':w': { L: [{ S: 'x' }] } },
      ReturnValues: 'ALL_NEW' as const,
    });
    const ua = await sdk.send('UpdateItem', update('u-sdk'));
    const ub = await direct.send('UpdateItem', update('u-direct'));
    expect({ ...ub.Attributes, sk: null }).toEqual({ ...ua.Attributes, sk: null });
    const da = await sdk.send('DeleteItem', { TableName: table.name, Key: key('U', 'u-sdk'), ReturnValues: 'ALL_OLD' });
    const db = await direct.send('DeleteItem', { TableName: table.name, Key: key('U', 'u-direct'), ReturnValues: 'ALL_OLD' });
    expect({ ...db.Attributes, sk: null }).toEqual({ ...da.Attributes, sk: null });
    expect(comparable({ ...db, Attributes: null })).toEqual(comparable({ ...da, Attributes: null }));

    const tw = (sk: string) => ({ TransactItems: [{ Put: { TableName: table.name, Item: { ...key('T', sk), v: { S: 'tx' } } } }] });
    const [twa, twb] = [await sdk.send('TransactWriteItems', tw('t-sdk')), await direct.send('TransactWriteItems', tw('t-direct'))];
    expect(comparable(twb)).toEqual(comparable(twa));
    const [tga, tgb] = await both('TransactGetItems', { TransactItems: [{ Get: { TableName: table.name, Key: key('T', 't-sdk') } }, { Get: { TableName: table.name, Key: key('T', 't-direct') } }] });
    expect(comparable(tgb)).toEqual(comparable(tga));
    expect(tgb.Responses?.map((r) => r.Item?.sk?.S)).toEqual(['t-sdk', 't-direct']);
  });
});

describe('direct transport errors ≡ SDK errors', () => {
  it('conditional check failure: same class, members (old Item with binaries) and mapped ConditionFailedError', async () => {
    // A safe number: mapAwsError unmarshalls Item with default options (a 23-digit number would throw there).
    const old = { ...rich('C', 'exists'), n: { N: '42' } };
    await sdk.send('PutItem', { TableName: table.name, Item: old });
    const input = {
      TableName: table.name,
      Item: key('C', 'exists'),
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    };
    const a = await failure(sdk, 'PutItem', input);
    const b = await failure(direct, 'PutItem', input);
    expect(b).toBeInstanceOf(ConditionalCheckFailedException);
    expect(errorShape(b)).toEqual(errorShape(a));
    expect(b.$fault).toBe('client');
    expect(b.Item).toEqual(old);
    const [ma, mb] = [mapAwsError(a, { entity: 'E' }), mapAwsError(b, { entity: 'E' })];
    expect(mb).toBeInstanceOf(ConditionFailedError);
    expect((mb as ConditionFailedError).item).toEqual((ma as ConditionFailedError).item);
    expect((mb as ConditionFailedError).item?.b).toEqual(new Uint8Array([0, 1, 2, 253, 254, 255]));
  });

  it('validation error: same unmodeled DynamoDBServiceException name, message and mapping', async () => {
    const input = { TableName: table.name, Key: { pk: { S: 'only-pk' } } };
    const a = await failure(sdk, 'GetItem', input);
    const b = await failure(direct, 'GetItem', input);
    expect(b.name).toBe('ValidationException');
    expect(b).toBeInstanceOf(DynamoDBServiceException);
    expect(errorShape(b)).toEqual(errorShape(a));
    const mapped = mapAwsError(b);
    expect(mapped).toBeInstanceOf(DynamoDBError);
    expect(mapped).toMatchObject({ code: 'ValidationException', retryable: false, message: (mapAwsError(a) as DynamoDBError).message });
  });

  it('missing table: ResourceNotFoundException on single, batch and transact operations', async () => {
    const missing = 'no_such_table_here';
    const cases: Array<[OperationName, unknown]> = [
      ['GetItem', { TableName: missing, Key: key('a', 'b') }],
      ['Query', { TableName: missing, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'x' } } }],
      ['BatchGetItem', { RequestItems: { [missing]: { Keys: [key('a', 'b')] } } }],
    ];
    for (const [operation, input] of cases) {
      const a = await failure(sdk, operation, input);
      const b = await failure(direct, operation, input);
      expect(b).toBeInstanceOf(ResourceNotFoundException);
      expect(errorShape(b)).toEqual(errorShape(a));
      expect(mapAwsError(b, { table: missing })).toBeInstanceOf(TableNotFoundError);
    }
  });

  it('transaction cancellation: same CancellationReasons with decoded old items', async () => {
    await sdk.send('PutItem', { TableName: table.name, Item: rich('X', 'held') });
    const input = {
      TransactItems: [
        { Put: { TableName: table.name, Item: key('X', 'free') } },
        {
          ConditionCheck: {
            TableName: table.name,
            Key: key('X', 'held'),
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
          },
        },
      ],
    };
    const a = await failure(sdk, 'TransactWriteItems', input);
    const b = await failure(direct, 'TransactWriteItems', input);
    expect(b).toBeInstanceOf(TransactionCanceledException);
    expect(errorShape(b)).toEqual(errorShape(a));
    expect(b.CancellationReasons[1].Item).toEqual(rich('X', 'held'));
  });
});

describe('entities on a direct-transport table', () => {
  const schema = z.object({ orgId: z.string(), userId: z.string(), email: z.string(), joinedAt: z.date(), tags: z.set(z.string()) });
  const keys = { primary: { pk: ['ORG', 'orgId'], sk: ['USER', 'userId'] } } as const;

  it('get / put / create / delete behave exactly as on the SDK path', async () => {
    const viaDirect = new Table({ name: table.name, client, partitionKey: 'pk', sortKey: 'sk', transport: directTransport(client) });
    const UserSdk = table.entity('User', { schema, keys });
    const UserDirect = viaDirect.entity('User', { schema, keys });
    const user = { orgId: 'acme', userId: 'u1', email: 'a@acme.io', joinedAt: new Date('2024-05-01T12:00:00.000Z'), tags: new Set(['x']) };
    expect(await UserDirect.put(user)).toEqual(user);
    expect(await UserDirect.get({ orgId: 'acme', userId: 'u1' })).toEqual(await UserSdk.get({ orgId: 'acme', userId: 'u1' }));
    expect(await UserDirect.get({ orgId: 'acme', userId: 'u1' }, { attributes: ['email'] })).toEqual({ email: 'a@acme.io' });

    const errors = await Promise.all([UserSdk.create(user).catch((e) => e), UserDirect.create(user).catch((e) => e)]);
    expect(errors[1]).toBeInstanceOf(ConditionFailedError);
    expect(errors[1]).toMatchObject({ entity: errors[0].entity, key: errors[0].key, message: errors[0].message });

    expect(await UserDirect.delete({ orgId: 'acme', userId: 'u1' }, { returnValues: 'ALL_OLD' } as never)).toEqual(user);
    expect(await UserSdk.get({ orgId: 'acme', userId: 'u1' })).toBeUndefined();
  });
});
