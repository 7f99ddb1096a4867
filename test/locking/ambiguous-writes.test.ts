import { DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { z } from 'zod';
import { ConditionFailedError, Table, writeIdempotently, type WriteOperation } from '../../src/index.js';
import { startLostResponseProxy, type LostResponseProxy } from '../doubles/lost-response-proxy.double.js';
import { createTestTable, localClient } from '../helpers/local.js';

const accessKeyId = `amb${Date.now()}`;
const direct = localClient({ accessKeyId });
let proxy: LostResponseProxy;
let tableName: string;

/** A client that reaches Local through the proxy (same namespace as `direct`). */
function proxiedClient(maxAttempts: number): DynamoDBClient {
  const client = new DynamoDBClient({
    endpoint: proxy.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey: 'local' },
    maxAttempts,
  });
  afterAll(() => client.destroy());
  return client;
}

function define(client: DynamoDBClient) {
  const table = new Table({ name: tableName, client, partitionKey: 'pk', sortKey: 'sk', indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } } });
  return {
    Doc: table.entity('Doc', {
      schema: z.object({ id: z.string(), title: z.string(), version: z.number().int().optional() }),
      keys: { primary: { pk: ['DOC', 'id'], sk: ['DOC'] } },
      version: true,
    }),
    User: table.entity('User', {
      schema: z.object({ id: z.string(), name: z.string() }),
      keys: { primary: { pk: ['USER', 'id'], sk: ['USER'] } },
    }),
    Task: table.entity('Task', {
      schema: z.object({ id: z.string(), status: z.enum(['open', 'done']) }),
      keys: { primary: { pk: ['TASK', 'id'], sk: ['TASK'] } },
    }),
    Counter: table.entity('Counter', {
      schema: z.object({ id: z.string(), count: z.number().optional() }),
      keys: { primary: { pk: ['COUNTER', 'id'], sk: ['COUNTER'] } },
    }),
  };
}

let retrying: ReturnType<typeof define>;

beforeAll(async () => {
  tableName = (await createTestTable(direct)).name;
  proxy = await startLostResponseProxy(inject('dynamoEndpoint'));
  retrying = define(proxiedClient(3));
});
afterAll(() => proxy.stop());

const rawGet = (pk: string, sk: string) => direct.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: pk }, sk: { S: sk } } }));

describe('ambiguous writes (response lost after DynamoDB applied the write)', () => {
  it('control: a plain conditional create retried by the SDK reports its own write as a conflict', async () => {
    const client = proxiedClient(3);
    proxy.dropNext('PutItem');
    const put = client.send(
      new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'RAW#1' }, sk: { S: 'RAW' } }, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    await expect(put).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect((await rawGet('RAW#1', 'RAW')).Item).toBeDefined();
  });

  it('Entity.create recognises its own write token and reports success', async () => {
    const before = proxy.dropped;
    proxy.dropNext('PutItem');
    await expect(retrying.User.create({ id: 'u1', name: 'Ada' })).resolves.toEqual({ id: 'u1', name: 'Ada' });
    expect(proxy.dropped).toBe(before + 1);
    const raw = (await rawGet('USER#u1', 'USER')).Item!;
    expect(raw._wt?.S).toMatch(/^(\d+\.)?[\w-]{22}$/);
    expect(await retrying.User.get({ id: 'u1' })).toEqual({ id: 'u1', name: 'Ada' });
    // Someone else's create (another call, another token) still conflicts.
    await expect(retrying.User.create({ id: 'u1', name: 'Bob' })).rejects.toBeInstanceOf(ConditionFailedError);
  });

  it('a version-locked put whose response is lost succeeds once (version +1, not a conflict)', async () => {
    proxy.dropNext('PutItem');
    await expect(retrying.Doc.put({ id: 'd1', title: 'v1' })).resolves.toMatchObject({ version: 1 });
    proxy.dropNext('PutItem');
    await expect(retrying.Doc.put({ id: 'd1', title: 'v2', version: 1 })).resolves.toMatchObject({ version: 2 });
    expect(await retrying.Doc.get({ id: 'd1' })).toEqual({ id: 'd1', title: 'v2', version: 2 });
  });

  it('a version-locked delete whose response is lost succeeds', async () => {
    await retrying.Doc.put({ id: 'd2', title: 'x' });
    proxy.dropNext('DeleteItem');
    await expect(retrying.Doc.delete({ id: 'd2' }, { expectedVersion: 1 })).resolves.toBeUndefined();
    expect((await rawGet('DOC#d2', 'DOC')).Item).toBeUndefined();
  });

  it('control: ADD counter 1 retried by the SDK is applied twice', async () => {
    const client = proxiedClient(3);
    proxy.dropNext('UpdateItem');
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { pk: { S: 'COUNTER#raw' }, sk: { S: 'COUNTER' } },
        UpdateExpression: 'ADD #c :one',
        ExpressionAttributeNames: { '#c': 'count' },
        ExpressionAttributeValues: { ':one': { N: '1' } },
      }),
    );
    expect((await rawGet('COUNTER#raw', 'COUNTER')).Item?.count).toEqual({ N: '2' });
  });

  it('idempotent mode: a counter increment sent as a single-item transaction with a fixed token applies once', async () => {
    // maxAttempts 1: the SDK gives up at once, so tablewright itself resends (with the same token).
    const { Counter } = define(proxiedClient(1));
    const increment: WriteOperation = {
      // Hand-built in the shape the update operation will produce (kind 'update').
      kind: 'update',
      entity: 'Counter',
      key: { id: 'c1' },
      item: undefined,
      request: {
        Update: {
          TableName: tableName,
          Key: { pk: { S: 'COUNTER#c1' }, sk: { S: 'COUNTER' } },
          UpdateExpression: 'SET #id = :id ADD #c :one',
          ExpressionAttributeNames: { '#c': 'count', '#id': 'id' },
          ExpressionAttributeValues: { ':one': { N: '1' }, ':id': { S: 'c1' } },
        },
      },
      model: Counter.model,
      guard: { token: undefined, versioned: false, expectedVersion: undefined },
      identity: `${tableName}\u0000COUNTER#c1\u0000COUNTER`,
      table: Counter.model.table,
      interpretCancellation: () => ({ item: undefined, versionConflict: undefined }),
    };
    const sentBefore = proxy.seen.get('TransactWriteItems') ?? 0;
    proxy.dropNext('TransactWriteItems');
    await writeIdempotently(increment, { idempotencyKey: 'c1-first', retry: { baseDelayMs: 1 } });
    expect((proxy.seen.get('TransactWriteItems') ?? 0) - sentBefore).toBe(2);
    expect(await Counter.get({ id: 'c1' })).toEqual({ id: 'c1', count: 1 });

    // Without a resend budget the unknown outcome surfaces instead of being guessed.
    proxy.dropNext('TransactWriteItems');
    await expect(writeIdempotently(increment, { idempotencyKey: 'c1-second', maxAttempts: 1 })).rejects.toThrow();
    expect(await Counter.get({ id: 'c1' })).toEqual({ id: 'c1', count: 2 });
  });

  it('a version-locked update whose response is lost succeeds once (token recognised, version +1 once)', async () => {
    await retrying.Doc.put({ id: 'd3', title: 'v1' });
    const seenBefore = proxy.seen.get('UpdateItem') ?? 0;
    proxy.dropNext('UpdateItem');
    const after = await retrying.Doc.update({ id: 'd3' }, { set: { title: 'v2' } }, { expectedVersion: 1, returnValues: 'ALL_NEW' });
    expect((proxy.seen.get('UpdateItem') ?? 0) - seenBefore).toBe(2); // the SDK resent it
    expect(after).toEqual({ id: 'd3', title: 'v2', version: 2 });
    expect(await retrying.Doc.get({ id: 'd3' })).toEqual({ id: 'd3', title: 'v2', version: 2 });
    // Another call holding version 1 still conflicts.
    await expect(retrying.Doc.update({ id: 'd3' }, { set: { title: 'x' } }, { expectedVersion: 1 })).rejects.toMatchObject({
      name: 'VersionConflictError',
      currentVersion: 2,
    });
  });

  it('a conditional update whose resend fails its own condition is reported as success', async () => {
    await retrying.Task.put({ id: 't1', status: 'open' });
    proxy.dropNext('UpdateItem');
    await expect(
      retrying.Task.update({ id: 't1' }, { set: { status: 'done' } }, { condition: (c) => c.eq('status', 'open') }),
    ).resolves.toBeUndefined();
    expect(await retrying.Task.get({ id: 't1' })).toEqual({ id: 't1', status: 'done' });
    // Without the token (another call) the same condition fails as it should.
    await expect(
      retrying.Task.update({ id: 't1' }, { set: { status: 'done' } }, { condition: (c) => c.eq('status', 'open') }),
    ).rejects.toBeInstanceOf(ConditionFailedError);
  });

  it('idempotent mode with Entity.updateOp: a lost increment is resent with the same token and applies once', async () => {
    const { Counter } = define(proxiedClient(1));
    const sentBefore = proxy.seen.get('TransactWriteItems') ?? 0;
    proxy.dropNext('TransactWriteItems');
    await writeIdempotently(Counter.updateOp({ id: 'c2' }, { add: { count: 1 } }, { upsert: true }), { idempotencyKey: 'c2', retry: { baseDelayMs: 1 } });
    expect((proxy.seen.get('TransactWriteItems') ?? 0) - sentBefore).toBe(2);
    expect(await Counter.get({ id: 'c2' })).toEqual({ id: 'c2', count: 1 });
  });
});
