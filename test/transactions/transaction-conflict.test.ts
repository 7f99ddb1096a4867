import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Table, TransactionCanceledError, transactWrite, writeIdempotently } from '../../src/index.js';
import { injectTransactionConflicts } from '../doubles/transaction-conflict.double.js';
import { createTestTable, localClient } from '../helpers/local.js';

const accessKeyId = `tc${Date.now()}`;
const plain = localClient({ accessKeyId });
const doubled = localClient({ accessKeyId });
let Item: ReturnType<typeof define>;

function define(table: Table) {
  return table.entity('Item', { schema: z.object({ id: z.string(), n: z.number() }), keys: { primary: { pk: ['I', 'id'], sk: ['I'] } } });
}

beforeAll(async () => {
  const name = (await createTestTable(plain)).name;
  Item = define(new Table({ name, client: doubled, partitionKey: 'pk', sortKey: 'sk' }));
});

describe('TransactionConflict (test double: Local never reports it)', () => {
  it('is reported per operation and marked retryable', async () => {
    const conflict = injectTransactionConflicts(doubled, 1, 1);
    const error = await transactWrite([Item.putOp({ id: 'a', n: 1 }), Item.putOp({ id: 'b', n: 1 })]).catch((e: unknown) => e);
    conflict.remove();
    expect(error).toBeInstanceOf(TransactionCanceledError);
    expect((error as TransactionCanceledError).reasons.map((r) => [r.index, r.code])).toEqual([
      [0, 'None'],
      [1, 'TransactionConflict'],
    ]);
    expect((error as TransactionCanceledError).retryable).toBe(true);
    expect(await Item.get({ id: 'a' })).toBeUndefined();
  });

  it('writeIdempotently resends a conflicted transaction with the same token', async () => {
    const conflict = injectTransactionConflicts(doubled, 2);
    await writeIdempotently(Item.putOp({ id: 'c', n: 3 }), { idempotencyKey: 'c', maxAttempts: 3, retry: { baseDelayMs: 1 } });
    expect(conflict.remaining()).toBe(0);
    conflict.remove();
    expect(await Item.get({ id: 'c' })).toEqual({ id: 'c', n: 3 });
  });
});
