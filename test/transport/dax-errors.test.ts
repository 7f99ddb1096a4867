import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { daxRouter, daxTransport } from '../../src/dax.js';
import {
  ConditionFailedError,
  DynamoDBError,
  Table,
  TableNotFoundError,
  TransactionCanceledError,
  VersionConflictError,
  WriteOutcomeUnknownError,
} from '../../src/index.js';
import { normaliseDaxError } from '../../src/transport/dax/dax-error.js';
import { DaxClusterDouble } from '../doubles/dax.double.js';
import { createTestTable, localClient } from '../helpers/local.js';

const ddb = localClient();
const double = new DaxClusterDouble(ddb);
const dax = double.client();
let tableName: string;

function define(transport: Table['model']['transport'], name = tableName) {
  const table = new Table({ name, client: ddb, partitionKey: 'pk', sortKey: 'sk', transport });
  return {
    table,
    User: table.entity('User', { schema: z.object({ id: z.string(), name: z.string() }), keys: { primary: { pk: ['USER', 'id'], sk: ['USER'] } } }),
    Doc: table.entity('Doc', {
      schema: z.object({ id: z.string(), title: z.string(), version: z.number().int().optional() }),
      keys: { primary: { pk: ['DOC', 'id'], sk: ['DOC'] } },
      version: true,
    }),
  };
}

beforeAll(async () => {
  tableName = (await createTestTable(ddb)).name;
});

describe('DAX errors become the typed hierarchy', () => {
  it('through DAX alone, guarded writes whose condition fails are WriteOutcomeUnknownError, never a guessed conflict', async () => {
    const { User, Doc } = define(daxTransport(dax));
    await User.create({ id: 'u1', name: 'Ada' });
    const error = await User.create({ id: 'u1', name: 'Bob' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteOutcomeUnknownError);
    expect(error).toBeInstanceOf(ConditionFailedError);
    await Doc.put({ id: 'd1', title: 'v1' });
    await expect(Doc.put({ id: 'd1', title: 'v2', version: 7 })).rejects.toBeInstanceOf(WriteOutcomeUnknownError);
  });

  it('through the router, the same failures are exact: ConditionFailedError with the item, VersionConflictError with the version', async () => {
    const { User, Doc } = define(daxRouter({ dax, client: ddb }));
    const error = await User.create({ id: 'u1', name: 'Bob' }).then(
      () => undefined as never,
      (e: unknown) => e as ConditionFailedError,
    );
    expect(error).toBeInstanceOf(ConditionFailedError);
    expect(error).not.toBeInstanceOf(WriteOutcomeUnknownError);
    expect(error.item).toMatchObject({ name: 'Ada' });
    const conflict = await Doc.put({ id: 'd1', title: 'v2', version: 7 }).then(
      () => undefined as never,
      (e: unknown) => e as VersionConflictError,
    );
    expect(conflict).toBeInstanceOf(VersionConflictError);
    expect(conflict.currentVersion).toBe(1);
  });

  it("conditionalWrites: 'dax' keeps writes in the item cache and reports guarded failures as unknown", async () => {
    const router = daxRouter({ dax, client: ddb, conditionalWrites: 'dax' });
    expect(router.capabilities?.returnsItemOnConditionFailure).toBe(false);
    const { User } = define(router);
    await expect(User.create({ id: 'u1', name: 'Eve' })).rejects.toBeInstanceOf(WriteOutcomeUnknownError);
  });

  it('a cancelled transaction through DAX is a TransactionCanceledError with one reason per operation', async () => {
    const { table, User } = define(daxTransport(dax));
    await User.put({ id: 'u3', name: 'Di' });
    const error = await table
      .transactWrite([User.putOp({ id: 'u2', name: 'Cy' }), User.conditionOp({ id: 'u3' }, (c) => c.notExists('id'))])
      .then(
        () => undefined as never,
        (e: unknown) => e as TransactionCanceledError,
      );
    expect(error).toBeInstanceOf(TransactionCanceledError);
    expect(error.reasons.map((r) => r.code)).toEqual(['None', 'ConditionalCheckFailed']);
    expect(error.reasons[1]).toMatchObject({ entity: 'User', key: { id: 'u3' } });
  });

  it('throttling past the DAX client retries is a retryable DynamoDBError; a missing table is TableNotFoundError', async () => {
    const { User } = define(daxTransport(dax));
    double.throttle(2);
    const throttled = await User.get({ id: 'u1' }).then(
      () => undefined as never,
      (e: unknown) => e as DynamoDBError,
    );
    expect(throttled).toBeInstanceOf(DynamoDBError);
    expect(throttled).toMatchObject({ code: 'ThrottlingException', retryable: true });
    const missing = define(daxTransport(dax), 'no_such_table_dax');
    await expect(missing.User.put({ id: 'x', name: 'y' })).rejects.toBeInstanceOf(TableNotFoundError);
  });
});

describe('normaliseDaxError', () => {
  it('reads code, retryable and cancellationReasons into the SDK shape', () => {
    const dax = Object.assign(new Error('ConditionalCheckFailedException: The conditional request failed'), {
      code: 'ConditionalCheckFailedException',
      retryable: false,
    });
    const e = normaliseDaxError(dax);
    expect(e).toMatchObject({ name: 'ConditionalCheckFailedException', message: 'The conditional request failed', cause: dax });
    expect(e.$retryable).toBeUndefined();
    const cancelled = normaliseDaxError({ code: 'TransactionCanceledException', message: 'x', cancellationReasons: [{ Code: 'None', Message: null, Item: null }] });
    expect(cancelled.CancellationReasons).toEqual([{ Code: 'None' }]);
    expect(normaliseDaxError({ code: 'ConnectionException', message: 'down', retryable: true })).toMatchObject({ code: 'ConnectionException', $daxUnavailable: true });
  });

  it('never throws and always yields a named Error, whatever is thrown', () => {
    fc.assert(
      fc.property(fc.anything(), (thrown) => {
        const e = normaliseDaxError(thrown);
        expect(e).toBeInstanceOf(Error);
        expect(typeof e.name).toBe('string');
        expect(normaliseDaxError(e)).toBe(e);
      }),
    );
  });
});
