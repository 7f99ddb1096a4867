/**
 * Transactions, optimistic locking and batches with tablewright.
 * Run: npx tsx examples/transactions.ts (starts its own DynamoDB Local).
 */
import { z } from 'zod';
import { batchGet, batchWrite, Table, TransactionCanceledError, transactGet, transactWrite, VersionConflictError } from '../src/index.js';
import { startDynamoDBLocal } from '../src/testing/index.js';

const local = await startDynamoDBLocal();
let failures = 0;
function check(label: string, ok: boolean, detail?: unknown): void {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}${detail === undefined ? '' : ` — ${JSON.stringify(detail)}`}`);
  if (!ok) failures++;
}

try {
  const table = new Table({ name: 'bank', client: local.client, partitionKey: 'pk', sortKey: 'sk' });
  await table.create();

  const Account = table.entity('Account', {
    schema: z.object({
      id: z.string(),
      owner: z.string(),
      balance: z.number().int().nonnegative(),
      version: z.number().int().optional(),
      createdAt: z.date().optional(),
      updatedAt: z.date().optional(),
    }),
    keys: { primary: { pk: ['ACCOUNT', 'id'], sk: ['ACCOUNT'] } },
    version: true, // optimistic locking
    timestamps: true, // managed createdAt / updatedAt
  });
  const Transfer = table.entity('Transfer', {
    schema: z.object({ id: z.string(), from: z.string(), to: z.string(), amount: z.number().int().positive() }),
    keys: { primary: { pk: ['TRANSFER', 'id'], sk: ['TRANSFER'] } },
  });

  // 1. Two accounts (created with version 1), then a transfer in one transaction.
  const alice = await Account.put({ id: 'alice', owner: 'Alice', balance: 100 });
  const bob = await Account.put({ id: 'bob', owner: 'Bob', balance: 20 });
  check('new accounts start at version 1', alice.version === 1 && bob.version === 1);

  const transfer = (id: string, amount: number, from: typeof alice, to: typeof bob) => [
    Account.putOp({ ...from, balance: from.balance - amount }, { condition: (c) => c.ge('balance', amount) }),
    Account.putOp({ ...to, balance: to.balance + amount }),
    Transfer.putOp({ id, from: from.id, to: to.id, amount }, { create: true }),
  ];
  await transactWrite(transfer('t1', 30, alice, bob), { token: 'transfer-t1' });
  const [a1, b1, t1] = await transactGet([Account.getOp({ id: 'alice' }), Account.getOp({ id: 'bob' }), Transfer.getOp({ id: 't1' })]);
  check('balances moved atomically', a1?.balance === 70 && b1?.balance === 50, { alice: a1?.balance, bob: b1?.balance });
  check('versions incremented', a1?.version === 2 && b1?.version === 2);
  check('transfer recorded', t1?.amount === 30);

  // 2. A cancelled transaction: the transfer id is taken, so the create fails.
  try {
    await transactWrite(transfer('t1', 5, a1!, b1!));
    check('duplicate transfer is cancelled', false);
  } catch (error) {
    const reasons = error instanceof TransactionCanceledError ? error.reasons : [];
    console.log('     reasons:', reasons.map((r) => `#${r.index} ${r.entity} ${r.code}`).join(', '));
    check('cancellation names the failing operation', reasons[2]?.code === 'ConditionalCheckFailed' && reasons[2].item?.['amount'] === 30);
    check('other operations report None', reasons[0]?.code === 'None' && reasons[1]?.code === 'None');
  }

  // 3. A version conflict: two writers read version 2; the second one loses.
  const copy1 = (await Account.get({ id: 'alice' }))!;
  const copy2 = (await Account.get({ id: 'alice' }))!;
  await Account.put({ ...copy1, owner: 'Alice A.' });
  try {
    await Account.put({ ...copy2, owner: 'Alice B.' });
    check('stale write is refused', false);
  } catch (error) {
    check(
      'stale write gets VersionConflictError with the current version',
      error instanceof VersionConflictError && error.expectedVersion === 2 && error.currentVersion === 3,
      error instanceof VersionConflictError ? { expected: error.expectedVersion, current: error.currentVersion } : String(error),
    );
  }
  const aliceNow = await Account.get({ id: 'alice' });
  check('winner kept, createdAt kept', aliceNow?.owner === 'Alice A.' && aliceNow.createdAt?.getTime() === alice.createdAt?.getTime());

  // 4. The same kind of transfer without reading first: updateOp with add, guarded by a condition.
  //     expectedVersion 'any': no compare-and-set, but the version still moves on.
  const move = (id: string, amount: number) => [
    Account.updateOp({ id: 'alice' }, { add: { balance: -amount } }, { expectedVersion: 'any', condition: (c) => c.ge('balance', amount) }),
    Account.updateOp({ id: 'bob' }, { add: { balance: amount } }, { expectedVersion: 'any' }),
    Transfer.putOp({ id, from: 'alice', to: 'bob', amount }, { create: true }),
  ];
  await transactWrite(move('t0', 10), { token: 'transfer-t0' });
  const [a0, b0] = await transactGet([Account.getOp({ id: 'alice' }), Account.getOp({ id: 'bob' })]);
  check('updateOp transfer moved the balances', a0?.balance === 60 && b0?.balance === 60, { alice: a0?.balance, bob: b0?.balance });
  check('updateOp incremented versions and kept createdAt', a0?.version === 4 && a0.createdAt?.getTime() === alice.createdAt?.getTime());
  try {
    await transactWrite(move('t-over', 1_000));
    check('overdraft is cancelled', false);
  } catch (error) {
    const reasons = error instanceof TransactionCanceledError ? error.reasons : [];
    check('overdraft cancelled by the update condition', reasons[0]?.kind === 'update' && reasons[0].code === 'ConditionalCheckFailed');
  }

  // 5. A large batch write (chunked at 25, 4 in flight, retried), then a batch get.
  const ops = Array.from({ length: 2_500 }, (_, i) => Transfer.putOp({ id: `bulk-${i}`, from: 'alice', to: 'bob', amount: 1 + (i % 9) }));
  const result = await batchWrite(ops, { concurrency: 4 });
  check('2,500 transfers written', result.written === 2_500 && result.unprocessed.length === 0, result.written);
  const back = await batchGet(ops.map((op) => Transfer.getOp({ id: op.key['id'] as string })));
  check('batch get returns all, in input order', back.every((t, i) => t?.id === `bulk-${i}` && t.amount === 1 + (i % 9)));
} catch (error) {
  console.error(error);
  failures++;
} finally {
  await local.stop();
}

console.log(failures === 0 ? 'all checks passed' : `${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
