import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { RetryStrategyV2, RetryToken } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  batchWrite,
  Table,
  TransactionCanceledError,
  transactWrite,
  UnprocessedItemsError,
  VersionConflictError,
  WriteOutcomeUnknownError,
  WriteUnconfirmedError,
} from '../../src/index.js';
import { faultSuite } from './fault-suite.js';

// One reproducing test per defect of the reliability issue, each through the fault proxy (forced faults only).
const suite = faultSuite({ seed: 1 });

/** An SDK retry strategy that resends at once, after `beforeResend` (which lets another writer in first). */
function resendAfter(beforeResend: () => Promise<void>, maxAttempts = 3): RetryStrategyV2 {
  const token = (count: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => 0 });
  return {
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (previous, info) => {
      if (previous.getRetryCount() + 1 >= maxAttempts) throw info.error;
      await beforeResend();
      return token(previous.getRetryCount() + 1);
    },
    recordSuccess: () => undefined,
  };
}

const docSchema = z.object({ id: z.string(), title: z.string(), note: z.string().optional(), version: z.number().int().optional() });

function docs(client: DynamoDBClient, writeTokenHistory?: number) {
  const table = new Table({ name: suite.tableName, client, partitionKey: 'pk', sortKey: 'sk', ...(writeTokenHistory && { writeTokenHistory }) });
  return table.entity('Doc', { schema: docSchema, keys: { primary: { pk: ['DOC', 'id'], sk: ['DOC'] } }, version: true });
}

/** Writer B: reads the version and updates `note`, straight to Local (no proxy). */
function otherWriter() {
  const B = docs(suite.direct);
  return async (id: string, times: number) => {
    for (let n = 0; n < times; n++) {
      const current = (await B.get({ id }, { consistent: true }))!;
      await B.update({ id }, { set: { note: `B${n}` } }, { expectedVersion: current.version! });
    }
  };
}

describe('defect 1: a lost-response resend after intervening writes', () => {
  it('is recognised as applied (not a VersionConflictError) while the token is in the history', async () => {
    const b = otherWriter();
    let intervene = true;
    const A = docs(suite.client({ retryStrategy: resendAfter(async () => void (intervene && ((intervene = false), await b('d1', 3)))) }));
    await A.put({ id: 'd1', title: 'v1' });
    suite.proxy.inject('reset-after', { operation: 'UpdateItem' });
    await expect(A.update({ id: 'd1' }, { set: { title: 'A' } }, { expectedVersion: 1 })).resolves.toBeUndefined();
    // A wrote version 2, B versions 3–5: A's change is there once.
    expect(await A.get({ id: 'd1' }, { consistent: true })).toEqual({ id: 'd1', title: 'A', note: 'B2', version: 5 });
  });

  it('past the history it is WriteOutcomeUnknownError carrying the token, never a plain conflict', async () => {
    const b = otherWriter();
    let intervene = true;
    const A = docs(suite.client({ retryStrategy: resendAfter(async () => void (intervene && ((intervene = false), await b('d2', 3)))) }), 2);
    await A.put({ id: 'd2', title: 'v1' });
    suite.proxy.inject('reset-after', { operation: 'UpdateItem' });
    const error = await A.update({ id: 'd2' }, { set: { title: 'A' } }, { expectedVersion: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteOutcomeUnknownError);
    expect(error).not.toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ reason: 'unrecognised-resend', operation: 'update', token: expect.stringMatching(/^2\./) });
    expect((await A.get({ id: 'd2' }, { consistent: true }))?.title).toBe('A'); // it had been applied
  });

  it('a resend whose first send never arrived still reports the real conflict', async () => {
    const b = otherWriter();
    let intervene = true;
    const A = docs(suite.client({ retryStrategy: resendAfter(async () => void (intervene && ((intervene = false), await b('d3', 1)))) }));
    await A.put({ id: 'd3', title: 'v1' });
    suite.proxy.inject('throttling', { operation: 'UpdateItem' });
    await expect(A.update({ id: 'd3' }, { set: { title: 'A' } }, { expectedVersion: 1 })).rejects.toMatchObject({ name: 'VersionConflictError', currentVersion: 2 });
    expect((await A.get({ id: 'd3' }, { consistent: true }))?.title).toBe('v1');
  });
});

const User = (client: DynamoDBClient) =>
  new Table({ name: suite.tableName, client, partitionKey: 'pk', sortKey: 'sk' }).entity('User', {
    schema: z.object({ id: z.string(), name: z.string() }),
    keys: { primary: { pk: ['USER', 'id'], sk: ['USER'] } },
  });

describe('defect 3: tablewright resends token-carrying writes when the SDK gives up', () => {
  it('a create whose response is lost on a client that retries nothing succeeds, stored once', async () => {
    const Users = User(suite.client({ maxAttempts: 1 }));
    suite.proxy.inject('reset-after', { operation: 'PutItem' });
    await expect(Users.create({ id: 'u1', name: 'Ada' })).resolves.toEqual({ id: 'u1', name: 'Ada' });
    expect(await Users.get({ id: 'u1' }, { consistent: true })).toEqual({ id: 'u1', name: 'Ada' });
  });

  it('single-item writes take retry options; an exhausted budget says the outcome is unknown and carries the token', async () => {
    const Users = User(suite.client({ maxAttempts: 1 }));
    suite.proxy.inject('reset-after', { operation: 'PutItem', count: 2 });
    const error = await Users.create({ id: 'u2', name: 'Bo' }, { retry: { maxAttempts: 2, baseDelayMs: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteUnconfirmedError);
    expect(error).toMatchObject({ operation: 'put', attempts: 2, token: expect.any(String) });
    const raw = await suite.client().send(new GetItemCommand({ TableName: suite.tableName, Key: { pk: { S: 'USER#u2' }, sk: { S: 'USER' } }, ConsistentRead: true }));
    expect(raw.Item?._wt?.S).toBe((error as WriteUnconfirmedError).token);
  });
});

const Row = (client: DynamoDBClient) =>
  new Table({ name: suite.tableName, client, partitionKey: 'pk', sortKey: 'sk' }).entity('Row', {
    schema: z.object({ id: z.string(), n: z.number() }),
    keys: { primary: { pk: ['ROW', 'id'], sk: ['ROW'] } },
  });

describe('defect 4: unprocessed items separate "not written" from "outcome unknown"', () => {
  it('items whose sends were applied and then lost are outcomeUnknown, not unprocessed', async () => {
    const Rows = Row(suite.client({ maxAttempts: 1 }));
    const ops = Array.from({ length: 10 }, (_, i) => Rows.putOp({ id: `lost${i}`, n: i }));
    suite.proxy.inject('reset-after', { operation: 'BatchWriteItem', count: 2 });
    const result = await batchWrite(ops, { retry: { maxAttempts: 2, baseDelayMs: 1 }, returnUnprocessed: true });
    expect(result.unprocessed).toEqual([]);
    expect(result.outcomeUnknown.map((u) => u.index)).toEqual(ops.map((_, i) => i));
    for (let i = 0; i < 10; i++) expect(await Rows.get({ id: `lost${i}` }, { consistent: true })).toEqual({ id: `lost${i}`, n: i });
  });

  it('items DynamoDB turned away are unprocessed; the error carries both lists', async () => {
    const Rows = Row(suite.client({ maxAttempts: 1 }));
    const ops = Array.from({ length: 10 }, (_, i) => Rows.putOp({ id: `away${i}`, n: i }));
    suite.proxy.inject('throttling', { operation: 'BatchWriteItem', count: 2 });
    const error = await batchWrite(ops, { retry: { maxAttempts: 2, baseDelayMs: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessedItemsError);
    expect((error as UnprocessedItemsError).unprocessed).toHaveLength(10);
    expect((error as UnprocessedItemsError).outcomeUnknown).toEqual([]);
    expect(await Rows.get({ id: 'away0' }, { consistent: true })).toBeUndefined();
  });
});

describe('defect 6: transactWrite with a token retries TransactionConflict', () => {
  const Counter = (client: DynamoDBClient) =>
    new Table({ name: suite.tableName, client, partitionKey: 'pk', sortKey: 'sk' }).entity('Counter', {
      schema: z.object({ id: z.string(), count: z.number().int().optional() }),
      keys: { primary: { pk: ['COUNTER', 'id'], sk: ['COUNTER'] } },
    });

  it('on by default with a token: resent with backoff, applied once, stats report the sends', async () => {
    const C = Counter(suite.client());
    suite.proxy.inject('transaction-conflict', { operation: 'TransactWriteItems', count: 2 });
    const result = await transactWrite([C.updateOp({ id: 't1' }, { add: { count: 1 } }, { upsert: true })], { token: 'tx-t1', stats: true });
    expect(result).toMatchObject({ token: 'tx-t1', stats: { sends: 3, retries: 2, itemsRetried: 1 } });
    expect(await C.get({ id: 't1' }, { consistent: true })).toEqual({ id: 't1', count: 1 });
  });

  it('without a token (or with retry: false) a conflict is still the caller\'s, and nothing is applied', async () => {
    const C = Counter(suite.client());
    suite.proxy.inject('transaction-conflict', { operation: 'TransactWriteItems' });
    await expect(transactWrite([C.updateOp({ id: 't2' }, { add: { count: 1 } }, { upsert: true })])).rejects.toBeInstanceOf(TransactionCanceledError);
    suite.proxy.inject('transaction-conflict', { operation: 'TransactWriteItems' });
    await expect(transactWrite([C.updateOp({ id: 't2' }, { add: { count: 1 } }, { upsert: true })], { token: 'tx-t2', retry: false })).rejects.toMatchObject({ retryable: true });
    expect(await C.get({ id: 't2' }, { consistent: true })).toBeUndefined();
  });

  it('a token transaction whose every send loses its response is WriteUnconfirmedError with the token, applied once', async () => {
    const C = Counter(suite.client({ maxAttempts: 1 }));
    suite.proxy.inject('reset-after', { operation: 'TransactWriteItems', count: 2 });
    const error = await transactWrite([C.updateOp({ id: 't3' }, { add: { count: 1 } }, { upsert: true })], { token: 'tx-t3', retry: { maxAttempts: 2, baseDelayMs: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteUnconfirmedError);
    expect(error).toMatchObject({ operation: 'transactWrite', token: 'tx-t3' });
    expect(await C.get({ id: 't3' }, { consistent: true })).toEqual({ id: 't3', count: 1 });
  });
});
