import { CreateTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ConfigurationError,
  IdempotencyError,
  RequestLimitError,
  Table,
  TransactionCanceledError,
  transactGet,
  transactWrite,
} from '../../src/index.js';
import { createTestTable, localClient, tableName } from '../helpers/local.js';

const client = localClient();
let table: Table<'gsi1'>;
let other: Table<'gsi1'>;

const accountSchema = z.object({ id: z.string(), owner: z.string(), balance: z.number().int(), version: z.number().int().optional() });
const blobSchema = z.object({ id: z.string(), data: z.string() });

function define(t: Table<'gsi1'>) {
  return {
    Account: t.entity('Account', { schema: accountSchema, keys: { primary: { pk: ['ACCOUNT', 'id'], sk: ['ACCOUNT'] } }, version: true }),
    Transfer: t.entity('Transfer', {
      schema: z.object({ id: z.string(), from: z.string(), to: z.string(), amount: z.number() }),
      keys: { primary: { pk: ['TRANSFER', 'id'], sk: ['TRANSFER'] } },
    }),
    Blob: t.entity('Blob', { schema: blobSchema, keys: { primary: { pk: ['BLOB', 'id'], sk: ['BLOB'] } } }),
  };
}
let E: ReturnType<typeof define>;
let O: ReturnType<typeof define>;

beforeAll(async () => {
  table = await createTestTable(client);
  other = await createTestTable(client);
  E = define(table);
  O = define(other);
});

describe('transactWrite', () => {
  it('transfers a balance atomically across two tables, with version locks and a condition check', async () => {
    const a = await E.Account.put({ id: 'a', owner: 'Ada', balance: 100 });
    const b = await O.Account.put({ id: 'b', owner: 'Bob', balance: 5 });
    const ops = [
      E.Account.putOp({ ...a, balance: a.balance - 30 }, { condition: (c) => c.ge('balance', 30) }),
      O.Account.putOp({ ...b, balance: b.balance + 30 }),
      E.Transfer.putOp({ id: 't1', from: 'a', to: 'b', amount: 30 }, { create: true }),
      E.Blob.conditionOp({ id: 'absent' }, (c) => c.notExists('id')),
    ];
    expect(ops[0]!.item).toMatchObject({ balance: 70, version: 2 });
    await table.transactWrite(ops);
    const [ra, rb, rt, missing] = await transactGet([E.Account.getOp({ id: 'a' }), O.Account.getOp({ id: 'b' }), E.Transfer.getOp({ id: 't1' }), E.Blob.getOp({ id: 'nope' })]);
    expect(ra).toEqual({ id: 'a', owner: 'Ada', balance: 70, version: 2 });
    expect(rb).toEqual({ id: 'b', owner: 'Bob', balance: 35, version: 2 });
    expect(rt?.amount).toBe(30);
    expect(missing).toBeUndefined();
  });

  it('cancels with one reason per operation in input order, the current item parsed, and the version conflict typed', async () => {
    await E.Account.put({ id: 'c', owner: 'Cy', balance: 10 });
    await E.Account.put({ id: 'c', owner: 'Cy', balance: 11, version: 1 }); // now version 2
    const error = await transactWrite([
      E.Blob.putOp({ id: 'fine', data: 'x' }),
      E.Account.putOp({ id: 'c', owner: 'Cy', balance: 0, version: 1 }), // stale
      E.Blob.conditionOp({ id: 'fine2' }, (c) => c.exists('id')), // fails, no item
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCanceledError);
    const { reasons } = error as TransactionCanceledError;
    expect(reasons.map((r) => [r.index, r.kind, r.entity, r.code])).toEqual([
      [0, 'put', 'Blob', 'None'],
      [1, 'put', 'Account', 'ConditionalCheckFailed'],
      [2, 'condition', 'Blob', 'ConditionalCheckFailed'],
    ]);
    expect(reasons[1]!.key).toEqual({ id: 'c' });
    expect(reasons[1]!.item).toEqual({ id: 'c', owner: 'Cy', balance: 11, version: 2 });
    expect(reasons[1]!.message).toMatch(/conditional request failed/i);
    expect(reasons[1]!.versionConflict).toMatchObject({ name: 'VersionConflictError', expectedVersion: 1, currentVersion: 2 });
    expect(reasons[2]!.item).toBeUndefined();
    expect(reasons[2]!.versionConflict).toBeUndefined();
    expect((error as TransactionCanceledError).retryable).toBe(false);
    expect(await E.Blob.get({ id: 'fine' })).toBeUndefined();
  });

  it('reports ValidationError reasons from DynamoDB (key type mismatch)', async () => {
    // A real table whose partition key is a Number: tablewright's string keys do not match it.
    const name = tableName('num');
    await client.send(
      new CreateTableCommand({
        TableName: name,
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'N' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const numeric = new Table({ name, client, partitionKey: 'pk' });
    const Thing = numeric.entity('Thing', { schema: z.object({ id: z.string() }), keys: { primary: { pk: ['T', 'id'] } } });
    const error = await transactWrite([E.Blob.putOp({ id: 'v1', data: 'x' }), Thing.putOp({ id: '1' })]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCanceledError);
    expect((error as TransactionCanceledError).reasons.map((r) => r.code)).toEqual(['None', 'ValidationError']);
    expect((error as TransactionCanceledError).reasons[1]!.message).toMatch(/Type mismatch for key/);
  });

  it('checks limits before sending: 100 actions, 4 MB, one operation per item (naming both indexes)', async () => {
    const many = Array.from({ length: 101 }, (_, i) => E.Blob.putOp({ id: `m${i}`, data: '' }));
    await expect(transactWrite(many)).rejects.toMatchObject({ name: 'RequestLimitError', reason: 'too-many-actions', limit: 100, actual: 101 });
    await expect(transactWrite([])).rejects.toBeInstanceOf(ConfigurationError);

    const big = 'x'.repeat(390_000);
    const large = Array.from({ length: 11 }, (_, i) => E.Blob.putOp({ id: `big${i}`, data: big }));
    const tooLarge = await transactWrite(large).catch((e: unknown) => e);
    expect(tooLarge).toMatchObject({ name: 'RequestLimitError', reason: 'too-large', limit: 4 * 1024 * 1024 });
    expect((tooLarge as RequestLimitError).actual).toBeGreaterThan(4 * 1024 * 1024);

    const dup = await transactWrite([
      E.Blob.putOp({ id: 'd', data: '1' }),
      E.Blob.putOp({ id: 'e', data: '1' }),
      E.Blob.conditionOp({ id: 'd' }, (c) => c.exists('id')),
    ]).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(RequestLimitError);
    expect(dup).toMatchObject({ reason: 'duplicate-item', indexes: [0, 2] });
    expect((dup as Error).message).toMatch(/#0 and #2/);
    // The same key on two tables is two items.
    await transactWrite([E.Blob.putOp({ id: 'same', data: '1' }), O.Blob.putOp({ id: 'same', data: '2' })]);
    // Nothing of the rejected calls was written.
    expect(await E.Blob.get({ id: 'm0' })).toBeUndefined();
    expect(await E.Blob.get({ id: 'big0' })).toBeUndefined();
    expect(await E.Blob.get({ id: 'e' })).toBeUndefined();
  });

  it('10 items of 390 KB (under 4 MB) are accepted', async () => {
    const big = 'y'.repeat(390_000);
    await transactWrite(Array.from({ length: 10 }, (_, i) => E.Blob.putOp({ id: `ok${i}`, data: big })));
    expect((await E.Blob.get({ id: 'ok9' }))?.data.length).toBe(390_000);
  });

  it('idempotency tokens: the same call twice is a no-op; other parameters give IdempotencyError', async () => {
    const token = `tok-${Date.now()}`;
    const create = () => [E.Transfer.putOp({ id: 'idem', from: 'a', to: 'b', amount: 1 }, { create: true })];
    await transactWrite(create(), { token });
    // Applied again, the create would be cancelled; with the same token it is a no-op.
    await transactWrite(create(), { token });
    await expect(transactWrite(create())).rejects.toBeInstanceOf(TransactionCanceledError);
    const mismatch = await transactWrite([E.Transfer.putOp({ id: 'idem', from: 'a', to: 'b', amount: 2 })], { token }).catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(IdempotencyError);
    expect(mismatch).toMatchObject({ token });
    expect((await E.Transfer.get({ id: 'idem' }))?.amount).toBe(1);
  });

  it('deletes inside transactions honour versions', async () => {
    await E.Account.put({ id: 'del', owner: 'D', balance: 1 });
    const error = await transactWrite([E.Account.deleteOp({ id: 'del' }, { expectedVersion: 5 })]).catch((e: unknown) => e);
    expect((error as TransactionCanceledError).reasons[0]!.versionConflict).toMatchObject({ expectedVersion: 5, currentVersion: 1 });
    // @ts-expect-error a version-locked delete needs expectedVersion (the run-time check is tested here)
    expect(() => E.Account.deleteOp({ id: 'del' })).toThrow(ConfigurationError);
    await transactWrite([E.Account.deleteOp({ id: 'del' }, { expectedVersion: 1 })]);
    const raw = await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: 'ACCOUNT#del' }, sk: { S: 'ACCOUNT' } } }));
    expect(raw.Item).toBeUndefined();
  });
});

describe('transactGet', () => {
  it('returns a typed tuple in input order with undefined for missing items, and rejects duplicates', async () => {
    await E.Blob.put({ id: 'g1', data: 'one' });
    await E.Account.put({ id: 'g2', owner: 'G', balance: 2 });
    const [blob, nothing, account] = await table.transactGet([E.Blob.getOp({ id: 'g1' }), E.Blob.getOp({ id: 'zz' }), E.Account.getOp({ id: 'g2' })]);
    expect(blob?.data).toBe('one');
    expect(nothing).toBeUndefined();
    expect(account?.balance).toBe(2);
    await expect(transactGet([E.Blob.getOp({ id: 'g1' }), E.Blob.getOp({ id: 'g1' })])).rejects.toMatchObject({
      name: 'RequestLimitError',
      reason: 'duplicate-item',
      indexes: [0, 1],
    });
  });
});
