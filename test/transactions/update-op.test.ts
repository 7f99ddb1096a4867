import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  batchWrite,
  ConfigurationError,
  ItemTooLargeError,
  RequestLimitError,
  Table,
  TransactionCanceledError,
  transactWrite,
  ValidationError,
} from '../../src/index.js';
import { countingTransport } from '../helpers/counting-transport.js';
import { localClient, tableName } from '../helpers/local.js';

const client = localClient();
const transport = countingTransport(client);
// Ahead of the wall clock: Local's TTL sweeper deletes items expired by real time.
const clock = { now: Date.parse('2099-04-01T08:00:00.000Z') };
let table: Table;

function define(t: Table) {
  return {
    Account: t.entity('Account', {
      schema: z.object({
        id: z.string(),
        owner: z.string(),
        balance: z.number().int().nonnegative(),
        version: z.number().int().optional(),
        updatedAt: z.date().optional(),
      }),
      keys: { primary: { pk: ['ACCOUNT', 'id'], sk: ['ACCOUNT'] } },
      version: true,
      timestamps: { createdAt: false },
    }),
    Counter: t.entity('Counter', {
      schema: z.object({ id: z.string(), count: z.number().default(0), note: z.string().optional() }),
      keys: { primary: { pk: ['COUNTER', 'id'], sk: ['COUNTER'] } },
      ttl: { after: '1h' },
    }),
  };
}
let E: ReturnType<typeof define>;

beforeAll(async () => {
  table = new Table({ name: tableName(), client, transport, partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'ttl', clock: () => clock.now });
  await table.create();
  E = define(table);
});

describe('Entity.updateOp in transactWrite', () => {
  it('transfers a balance with add, checking versions, the condition and bumping updatedAt', async () => {
    await E.Account.put({ id: 'a', owner: 'Ada', balance: 100 });
    await E.Account.put({ id: 'b', owner: 'Bob', balance: 5 });
    clock.now += 60_000;
    const op = E.Account.updateOp({ id: 'a' }, { add: { balance: -30 } }, { expectedVersion: 1, condition: (c) => c.ge('balance', 30) });
    expect(op).toMatchObject({ kind: 'update', entity: 'Account', key: { id: 'a' }, item: undefined });
    expect(op.request.Update?.UpdateExpression).toBeDefined();
    // No per-call write token inside a transaction: the ClientRequestToken covers resends.
    expect(JSON.stringify(op.request)).not.toContain('_wt');
    await transactWrite([op, E.Account.updateOp({ id: 'b' }, { add: { balance: 30 } }, { expectedVersion: 'any' })], { token: 'move-1' });
    expect(await E.Account.get({ id: 'a' })).toEqual({ id: 'a', owner: 'Ada', balance: 70, version: 2, updatedAt: new Date(clock.now) });
    expect(await E.Account.get({ id: 'b' })).toMatchObject({ balance: 35, version: 2 });
  });

  it('a failing condition cancels the transaction with the reason at its index and the current item', async () => {
    await E.Account.put({ id: 'poor', owner: 'P', balance: 10 });
    await E.Account.put({ id: 'rich', owner: 'R', balance: 1000 });
    const error = await transactWrite([
      E.Account.updateOp({ id: 'rich' }, { add: { balance: 50 } }, { expectedVersion: 1 }),
      E.Account.updateOp({ id: 'poor' }, { add: { balance: -50 } }, { expectedVersion: 1, condition: (c) => c.ge('balance', 50) }),
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCanceledError);
    const { reasons } = error as TransactionCanceledError;
    expect(reasons.map((r) => [r.index, r.kind, r.code])).toEqual([
      [0, 'update', 'None'],
      [1, 'update', 'ConditionalCheckFailed'],
    ]);
    expect(reasons[1]!.item).toMatchObject({ id: 'poor', balance: 10, version: 1 });
    expect(reasons[1]!.versionConflict).toBeUndefined();
    expect((await E.Account.get({ id: 'rich' }))?.balance).toBe(1000);
  });

  it('a stale version inside a transaction is reported as a typed version conflict', async () => {
    await E.Account.put({ id: 'v', owner: 'V', balance: 1 });
    await E.Account.update({ id: 'v' }, { set: { owner: 'V2' } }, { expectedVersion: 1 });
    const error = await transactWrite([E.Account.updateOp({ id: 'v' }, { set: { owner: 'stale' } }, { expectedVersion: 1 })]).catch(
      (e: unknown) => e,
    );
    const reason = (error as TransactionCanceledError).reasons[0]!;
    expect(reason.code).toBe('ConditionalCheckFailed');
    expect(reason.versionConflict).toMatchObject({ name: 'VersionConflictError', expectedVersion: 1, currentVersion: 2 });
    expect((await E.Account.get({ id: 'v' }))?.owner).toBe('V2');
  });

  it('an update of a missing item cancels (no half item is created); upsert creates it', async () => {
    const error = await transactWrite([E.Counter.updateOp({ id: 'none' }, { add: { count: 1 } })]).catch((e: unknown) => e);
    expect((error as TransactionCanceledError).reasons[0]!.code).toBe('ConditionalCheckFailed');
    const raw = await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: 'COUNTER#none' }, sk: { S: 'COUNTER' } } }));
    expect(raw.Item).toBeUndefined();
    await transactWrite([E.Counter.updateOp({ id: 'none' }, { add: { count: 1 } }, { upsert: true, expiresAt: { after: '2h' } })]);
    expect(await E.Counter.get({ id: 'none' })).toEqual({ id: 'none', count: 1 });
    const stored = await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: 'COUNTER#none' }, sk: { S: 'COUNTER' } } }));
    expect(Number(stored.Item?.ttl?.N)).toBe(Math.floor(clock.now / 1000) + 7200);
  });

  it('an update of an expired item cancels the transaction', async () => {
    await E.Counter.put({ id: 'old' });
    clock.now += 2 * 3_600_000;
    const error = await transactWrite([E.Counter.updateOp({ id: 'old' }, { add: { count: 1 } })]).catch((e: unknown) => e);
    expect((error as TransactionCanceledError).reasons[0]!.code).toBe('ConditionalCheckFailed');
  });

  it('validates and size-checks when the operation is built, before anything is sent', async () => {
    const before = transport.sent.length;
    // @ts-expect-error a version-locked update needs expectedVersion (the run-time check is tested here)
    expect(() => E.Account.updateOp({ id: 'a' }, { set: { owner: 'x' } })).toThrow(ConfigurationError);
    expect(() => E.Account.updateOp({ id: 'a' }, { set: { balance: -1 } }, { expectedVersion: 1 })).toThrow(ValidationError);
    // @ts-expect-error the version attribute cannot be set (the run-time check is tested here)
    expect(() => E.Account.updateOp({ id: 'a' }, { set: { version: 9 } }, { expectedVersion: 1 })).toThrow(ValidationError);
    expect(() => E.Counter.updateOp({ id: 'c' }, { set: { note: 'x'.repeat(410_000) } })).toThrow(ItemTooLargeError);
    expect(transport.sent.length).toBe(before);
  });

  it('batchWrite refuses updates before sending', async () => {
    const before = transport.sent.length;
    const error = await batchWrite([E.Counter.updateOp({ id: 'b' }, { add: { count: 1 } })]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestLimitError);
    expect(error).toMatchObject({ reason: 'not-allowed' });
    expect(transport.sent.length).toBe(before);
  });
});
