import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import type { AnyEntity } from '../../src/index.js';
import { Order, table } from './fixture.js';

/**
 * What the run time refuses is a compile error whose message names the
 * problem (`says:` is asserted by messages.test.ts), and the correct call
 * next to it still compiles.
 */
const key = { orgId: 'o', orderId: 'a' };

const Account = table.entity('Account', {
  schema: z.object({
    orgId: z.string(),
    accountId: z.string(),
    owner: z.string(),
    balance: z.number(),
    version: z.number().int().optional(),
    createdAt: z.date().optional(),
    updatedAt: z.date().optional(),
  }),
  keys: { primary: { pk: ['ORG', 'orgId'], sk: ['ACCOUNT', 'accountId'] } },
  version: true,
  timestamps: true,
});
const Ledger = table.entity('Ledger', {
  schema: z.object({ orgId: z.string(), entryId: z.string(), rev: z.number().int().optional(), stamped: z.number().optional() }),
  keys: { primary: { pk: ['ORG', 'orgId'], sk: ['LEDGER', 'entryId'] } },
  version: { attribute: 'rev' },
  timestamps: { createdAt: false, updatedAt: 'stamped', format: 'epoch-ms' },
});
const Session = table.entity('Session', {
  schema: z.object({ userId: z.string(), sessionId: z.string() }),
  keys: { primary: { pk: ['USER', 'userId'], sk: ['SESSION', 'sessionId'] } },
});
const account = { orgId: 'o', accountId: 'a' };

// increment and decrement: number attributes only
void Order.update(key, { increment: { total: 1 } });
void Order.update(key, (u) => [u.increment('total'), u.decrement('total', 2), u.increment('lines[0].qty')]);
// @ts-expect-error says: increment and decrement apply to number attributes; "note" is not a number
void Order.update(key, { increment: { note: 1 } });
// @ts-expect-error says: "orderId" is part of the primary key
void Order.update(key, { increment: { orderId: 1 } });
// @ts-expect-error says: increment and decrement apply to number attributes; "status" is not a number
void Order.update(key, (u) => u.increment('status'));
// @ts-expect-error says: increment and decrement apply to number attributes; "address.city" is not a number
void Order.update(key, (u) => u.decrement('address.city', 1));

// add: a number or a Set
void Order.update(key, { add: { total: 1, tags: new Set(['x']) } });
// @ts-expect-error says: add takes a number, a bigint or a Set; "status" is none of them
void Order.update(key, { add: { status: 'x' } });
// @ts-expect-error says: add takes a number, a bigint or a Set; "note" is none of them
void Order.update(key, (u) => u.add('note', 'x'));

// the version attribute and managed timestamps are written by tablewright
void Account.update(account, { set: { owner: 'b' }, add: { balance: 5 } }, { expectedVersion: 3 });
void Ledger.update({ orgId: 'o', entryId: 'e' }, { set: {} }, { expectedVersion: 'any' });
// @ts-expect-error says: "version" is the version attribute: updates increment it themselves
void Account.update(account, { set: { version: 9 } }, { expectedVersion: 3 });
// @ts-expect-error says: "version" is the version attribute
void Account.update(account, { increment: { version: 1 } }, { expectedVersion: 3 });
// @ts-expect-error says: "rev" is the version attribute
void Ledger.update({ orgId: 'o', entryId: 'e' }, (u) => u.set('rev', 2), { expectedVersion: 1 });
// @ts-expect-error says: "updatedAt" is a managed timestamp: tablewright sets it on every write
void Account.update(account, { set: { updatedAt: new Date() } }, { expectedVersion: 3 });
// @ts-expect-error says: "createdAt" is a managed timestamp
void Account.update(account, (u) => u.remove('createdAt'), { expectedVersion: 3 });
// @ts-expect-error says: "stamped" is a managed timestamp
void Ledger.update({ orgId: 'o', entryId: 'e' }, { set: { stamped: 1 } }, { expectedVersion: 1 });
// a put takes the managed attributes as the run time does: createdAt is kept (an item read earlier), updatedAt
// is overwritten with the clock's time, and the version read makes the put conditional on it
void Account.put({ ...account, owner: 'a', balance: 0, createdAt: new Date(), updatedAt: new Date(), version: 2 });
void Account.putOp({ ...account, owner: 'a', balance: 0, createdAt: new Date(), updatedAt: new Date() });
void Ledger.create({ orgId: 'o', entryId: 'e', stamped: 1 });
// @ts-expect-error says: Type 'string' is not assignable to type 'Date'
void Account.put({ ...account, owner: 'a', balance: 0, createdAt: '2026-01-01' });
// an attribute named like a disabled timestamp is an ordinary one
void Order.update(key, { set: { note: 'createdAt is not managed here' } });

// primary-key attributes cannot be changed
void Order.update(key, { set: { status: 'shipped' }, remove: ['note'] });
// @ts-expect-error says: "orderId" is part of the primary key: an update cannot change it
void Order.update(key, { set: { orderId: 'b' } });
// @ts-expect-error says: "orgId" is part of the primary key: an update cannot change it
void Order.update(key, { remove: ['orgId'] });
// @ts-expect-error says: "orderId" is part of the primary key
void Order.update(key, (u) => u.remove('orderId'));
// @ts-expect-error says: "accountId" is part of the primary key
void Account.update(account, { set: { accountId: 'x' } }, { expectedVersion: 1 });
// the same rules for transactional updates
void Order.updateOp(key, { set: { total: 2 } });
// @ts-expect-error says: "orderId" is part of the primary key
void Order.updateOp(key, { set: { orderId: 'b' } });

// version-locked deletes and updates carry expectedVersion
void Account.delete(account, { expectedVersion: 2 });
void Account.delete(account, { expectedVersion: 'any', returnValues: 'ALL_OLD' });
void Account.deleteOp(account, { expectedVersion: 2 });
void Account.updateOp(account, { add: { balance: 1 } }, { expectedVersion: 'any' });
expectTypeOf(Account.update(account, { set: { owner: 'c' } }, { expectedVersion: 2, returnValues: 'ALL_NEW' })).resolves.toHaveProperty('balance');
void Order.delete(key);
void Order.update(key, { set: { total: 1 } });
// @ts-expect-error says: 'optionsWithExpectedVersion' w
void Account.delete(account);
// @ts-expect-error says: Property 'expectedVersion' is missing
void Account.delete(account, { returnValues: 'ALL_OLD' });
// @ts-expect-error says: 'optionsWithExpectedVersion' w
void Account.update(account, { set: { owner: 'c' } });
// @ts-expect-error says: Property 'expectedVersion' is missing
void Account.update(account, { set: { owner: 'c' } }, { returnValues: 'ALL_NEW' });
// @ts-expect-error says: 'optionsWithExpectedVersion' w
void Account.deleteOp(account);
// @ts-expect-error says: 'optionsWithExpectedVersion' w
void Account.updateOp(account, { add: { balance: 1 } });

// collection members share one partition-key template
void table.collection({ orders: Order, accounts: Account });
void table.collection({ orders: Order, accounts: Account }, { index: 'primary' });
// @ts-expect-error says: collection members must use the same partition-key template on "primary"
void table.collection({ orders: Order, sessions: Session });

// the key-template typo (static text that looks like an attribute)
table.entity('Typo', {
  schema: z.object({ tenantId: z.string(), id: z.string() }),
  // @ts-expect-error says: StaticSegmentLooksLikeAttribute<"tenantID", "tenantId">
  keys: { primary: { pk: ['TENANT', 'tenantID'], sk: ['T', 'id'] } },
});
table.entity('NoTypo', {
  schema: z.object({ tenantId: z.string(), id: z.string() }),
  keys: { primary: { pk: ['TENANT', { static: 'tenantID' }, 'tenantId'], sk: ['T', 'id'] } },
});

// every entity is an AnyEntity
expectTypeOf(Order).toExtend<AnyEntity>();
expectTypeOf(Account).toExtend<AnyEntity>();
