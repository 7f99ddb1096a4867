import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DaxClusterDouble } from '../doubles/dax.double.js';
import { createTestTable, localClient } from '../helpers/local.js';

// The double's own semantics, through the REAL Dax class (method names, error classes, retries).
const ddb = localClient();
let name: string;
let now = 1_000_000;
const double = new DaxClusterDouble(ddb, { recordTtlMs: 60_000, queryTtlMs: 30_000, clock: () => now });
const dax = double.client();
const key = (id: string) => ({ pk: { S: `P#${id}` }, sk: { S: 'S' } });

beforeAll(async () => {
  name = (await createTestTable(ddb)).name;
});

describe('DAX double behind the real Dax client', () => {
  it('refuses send(command) and middleware, as the real client does', () => {
    expect(() => (dax as any).send(new GetItemCommand({ TableName: name, Key: key('x') }))).toThrow(/send operation is not supported/);
    expect(() => dax.middlewareStack.add((() => undefined) as never)).toThrow(/middleware/);
    expect((() => { try { (dax as any).send({}); } catch (e) { return (e as { code: string }).code; } })()).toBe('ValidationException');
  });

  it('caches items (negative results too) and goes stale after a write around it, until the record TTL', async () => {
    expect((await dax.getItem({ TableName: name, Key: key('a') })).Item).toBeUndefined();
    await ddb.send(new PutItemCommand({ TableName: name, Item: { ...key('a'), v: { N: '1' } } }));
    // Negative cache: still "not found" through DAX, found in DynamoDB.
    expect((await dax.getItem({ TableName: name, Key: key('a') })).Item).toBeUndefined();
    expect((await dax.getItem({ TableName: name, Key: key('a'), ConsistentRead: true })).Item?.v).toEqual({ N: '1' });
    now += 60_001;
    expect((await dax.getItem({ TableName: name, Key: key('a') })).Item?.v).toEqual({ N: '1' });
  });

  it('write-through refreshes the item cache but not the query cache', async () => {
    const q = { TableName: name, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'P#b' } } };
    expect((await dax.query(q)).Items).toEqual([]);
    await dax.putItem({ TableName: name, Item: { ...key('b'), v: { N: '2' } } });
    expect((await dax.getItem({ TableName: name, Key: key('b') })).Item?.v).toEqual({ N: '2' });
    expect((await dax.query(q)).Items).toEqual([]); // stale cached query
    expect((await dax.query({ ...q, ConsistentRead: true })).Items).toHaveLength(1);
    now += 30_001;
    expect((await dax.query(q)).Items).toHaveLength(1);
  });

  it('returns no item on a failed condition and names the error in code', async () => {
    await dax.putItem({ TableName: name, Item: { ...key('c'), v: { N: '3' } } });
    const error = await dax
      .putItem({ TableName: name, Item: key('c'), ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })
      .then(
        () => ({}) as never,
        (e: unknown) => e as { code: string; name: string; Item?: unknown; retryable: boolean },
      );
    expect(error.code).toBe('ConditionalCheckFailedException');
    expect(error.name).not.toBe('ConditionalCheckFailedException');
    expect(error.Item).toBeUndefined();
    expect(error.retryable).toBe(false);
  });

  it('carries cancellation reasons in cancellationReasons', async () => {
    const error = await dax
      .transactWriteItems({ TransactItems: [{ ConditionCheck: { TableName: name, Key: key('c'), ConditionExpression: 'attribute_not_exists(pk)' } }] })
      .then(
        () => ({}) as never,
        (e: unknown) => e as { code: string; cancellationReasons?: { Code: string }[] },
      );
    expect(error.code).toBe('TransactionCanceledException');
    expect(error.cancellationReasons?.map((r) => r.Code)).toEqual(['ConditionalCheckFailed']);
  });

  it('the real client retries throttling once (maxRetries 1), then reports ThrottlingException', async () => {
    const before = double.stats.calls.length;
    double.throttle(1);
    expect((await dax.getItem({ TableName: name, Key: key('c') })).Item).toBeDefined();
    expect(double.stats.calls.length - before).toBe(2);
    double.throttle(5);
    const error = await dax.getItem({ TableName: name, Key: key('c') }).then(
      () => ({}) as never,
      (e: unknown) => e as { code: string; retryable: boolean },
    );
    expect(error.code).toBe('ThrottlingException');
    expect(error.retryable).toBe(true);
    double.throttle(0);
  });

  it('passes strong reads and transaction reads through, uncached', async () => {
    const before = double.stats.passThrough;
    await dax.getItem({ TableName: name, Key: key('c'), ConsistentRead: true });
    await dax.transactGetItems({ TransactItems: [{ Get: { TableName: name, Key: key('c') } }] });
    expect(double.stats.passThrough - before).toBe(2);
  });
});
