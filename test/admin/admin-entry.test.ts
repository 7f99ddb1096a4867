import { DescribeTableCommand, type DescribeTableCommandOutput } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createTable, deleteTable, describeTable, ensureTable, waitUntilActive, WaitAbortedError, WaitTimeoutError } from '../../src/admin.js';
import { controlSend } from '../../src/admin/control-plane/control-send.js';
import { pollUntil } from '../../src/admin/control-plane/poll.js';
import { DynamoDBError, Table, TableNotFoundError } from '../../src/index.js';
import { localClient, tableName } from '../helpers/local.js';

const client = localClient();

describe('tablewright/admin: table lifecycle as free functions', () => {
  it('creates, describes, ensures and deletes a declared table', async () => {
    const table = new Table({ name: tableName('admin'), client, partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'exp' });
    expect((await describeTable(table)).exists).toBe(false);
    await createTable(table);
    await waitUntilActive(table);
    const report = await describeTable(table);
    expect(report).toMatchObject({ exists: true, status: 'ACTIVE', drift: [] });
    expect(report.ttl?.AttributeName).toBe('exp');
    expect(await ensureTable(table)).toEqual({ created: false, actions: [], drift: [] });
    await deleteTable(table);
    expect((await describeTable(table)).exists).toBe(false);
  });
});

describe('control-plane plumbing', () => {
  it('controlSend maps a missing table to TableNotFoundError and other failures to DynamoDBError', async () => {
    const missing = tableName('missing');
    const context = { table: missing, operation: 'DescribeTable' };
    await expect(controlSend<DescribeTableCommandOutput>(client, new DescribeTableCommand({ TableName: missing }), context)).rejects.toSatisfy(
      (e) => e instanceof TableNotFoundError && e.table === missing,
    );
    await expect(controlSend(client, new DescribeTableCommand({ TableName: 'x' }), { table: 'x', operation: 'DescribeTable' })).rejects.toSatisfy(
      (e) => e instanceof DynamoDBError && e.code === 'ValidationException' && /DescribeTable on x/.test(e.message),
    );
  });

  it('pollUntil returns once done, reporting every state', async () => {
    const states: string[] = [];
    let n = 0;
    const result = await pollUntil({
      waitingFor: 'three polls',
      read: async () => ++n,
      done: (v) => v === 3,
      stateOf: (v) => String(v),
      onState: (v) => states.push(String(v)),
      options: { intervalMs: 1 },
    });
    expect(result).toBe(3);
    expect(states).toEqual(['1', '2', '3']);
  });

  it('pollUntil gives a WaitTimeoutError with the last state when the deadline passes', async () => {
    const error = await pollUntil({
      waitingFor: 'a table that never gets ready',
      read: async () => 'CREATING',
      done: () => false,
      stateOf: (v) => v,
      options: { intervalMs: 2, timeoutMs: 0 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ lastState: 'CREATING', waitingFor: 'a table that never gets ready' });
  });

  it('pollUntil stops with WaitAbortedError when the signal fires', async () => {
    const controller = new AbortController();
    let reads = 0;
    const waiting = pollUntil({
      waitingFor: 'an export',
      read: async () => {
        if (++reads === 2) controller.abort();
        return 'IN_PROGRESS';
      },
      done: () => false,
      stateOf: (v) => v,
      options: { intervalMs: 1, abortSignal: controller.signal },
    });
    await expect(waiting).rejects.toBeInstanceOf(WaitAbortedError);
    expect(reads).toBe(2);
  });
});
