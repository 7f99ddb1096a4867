import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import { createItem, defineEntity, deleteItem, deleteOp, putItem, putOp, TableCore, updateItem, updateOp } from '../../src/index.js';
import { Order, table } from './fixture.js';

/**
 * The write rules of the `Entity` methods hold for the free functions too,
 * on `table.entity(…)` entities and on `defineEntity` declarations alike
 * (`says:` is asserted by messages.test.ts).
 */
declare const client: DynamoDBClient;
const lean = new TableCore({ name: 'types', client, partitionKey: 'pk', sortKey: 'sk' });
const accountSchema = z.object({
  orgId: z.string(),
  accountId: z.string(),
  owner: z.string(),
  balance: z.number(),
  version: z.number().int().optional(),
  createdAt: z.date().optional(),
  updatedAt: z.date().optional(),
});
const accountKeys = { primary: { pk: ['ORG', 'orgId'], sk: ['ACCOUNT', 'accountId'] } } as const;
const Account = defineEntity(lean, 'Account', { schema: accountSchema, keys: accountKeys, version: true, timestamps: true });
const Ledger = defineEntity(lean, 'Ledger', {
  schema: z.object({ orgId: z.string(), entryId: z.string(), rev: z.number().int().optional(), stamped: z.number().optional() }),
  keys: { primary: { pk: ['ORG', 'orgId'], sk: ['LEDGER', 'entryId'] } },
  version: { attribute: 'rev' },
  timestamps: { createdAt: false, updatedAt: 'stamped', format: 'epoch-ms' },
});
const Note = defineEntity(lean, 'Note', {
  schema: z.object({ orgId: z.string(), noteId: z.string(), text: z.string(), likes: z.number(), tags: z.set(z.string()) }),
  keys: { primary: { pk: ['ORG', 'orgId'], sk: ['NOTE', 'noteId'] } },
});
const MethodAccount = table.entity('MethodAccount', { schema: accountSchema, keys: accountKeys, version: true, timestamps: true });
const key = { orgId: 'o', orderId: 'a' };
const account = { orgId: 'o', accountId: 'a' };
const note = { orgId: 'o', noteId: 'n' };
const entry = { orgId: 'o', entryId: 'e' };

// the correct calls compile, with the methods' result types
void updateItem(Note, note, { set: { text: 'x' }, increment: { likes: 1 }, add: { tags: new Set(['a']) }, remove: [] });
void updateItem(Note, note, (u) => [u.increment('likes'), u.add('likes', 2)]);
void updateItem(Order, key, { set: { status: 'shipped' }, remove: ['note'] });
void updateItem(Account, account, { set: { owner: 'b' }, add: { balance: 5 } }, { expectedVersion: 3 });
void updateItem(MethodAccount, account, { set: { owner: 'b' } }, { expectedVersion: 'any' });
void updateItem(Ledger, entry, { set: {} }, { expectedVersion: 1 });
expectTypeOf(updateItem(Account, account, { set: { owner: 'c' } }, { expectedVersion: 2, returnValues: 'ALL_NEW' })).resolves.toHaveProperty('balance');
expectTypeOf(updateItem(Note, note, { set: { text: 'c' } })).resolves.toEqualTypeOf<void>();
void deleteItem(Note, note);
void deleteItem(Account, account, { expectedVersion: 2 });
void deleteItem(MethodAccount, account, { expectedVersion: 'any', returnValues: 'ALL_OLD' });
void deleteOp(Account, account, { expectedVersion: 2 });
void deleteOp(Note, note);
void updateOp(Account, account, { add: { balance: 1 } }, { expectedVersion: 'any' });
void updateOp(Note, note, { increment: { likes: -1 } });

// puts take the managed attributes as the run time does (createdAt kept, updatedAt overwritten, version checked)
void putItem(Account, { ...account, owner: 'a', balance: 0, createdAt: new Date(), updatedAt: new Date(), version: 1 });
void putOp(MethodAccount, { ...account, owner: 'a', balance: 0, updatedAt: new Date() });
void createItem(Ledger, { ...entry, stamped: 5 });

// increment and add: numbers (and Sets for add) only
// @ts-expect-error says: increment and decrement apply to number attributes; "text" is not a number
void updateItem(Note, note, { increment: { text: 1 } });
// @ts-expect-error says: increment and decrement apply to number attributes; "text" is not a number
void updateItem(Note, note, (u) => u.increment('text'));
// @ts-expect-error says: add takes a number, a bigint or a Set; "text" is none of them
void updateItem(Note, note, { add: { text: 'x' } });
// @ts-expect-error says: add takes a number, a bigint or a Set; "text" is none of them
void updateOp(Note, note, { add: { text: 'x' } });
// @ts-expect-error says: increment and decrement apply to number attributes; "status" is not a number
void updateOp(Order, key, (u) => u.decrement('status'));

// the version attribute and managed timestamps are written by tablewright
// @ts-expect-error says: "version" is the version attribute: updates increment it themselves
void updateItem(Account, account, { set: { version: 9 } }, { expectedVersion: 3 });
// @ts-expect-error says: "version" is the version attribute
void updateItem(MethodAccount, account, { increment: { version: 1 } }, { expectedVersion: 3 });
// @ts-expect-error says: "rev" is the version attribute
void updateItem(Ledger, entry, (u) => u.set('rev', 2), { expectedVersion: 1 });
// @ts-expect-error says: "updatedAt" is a managed timestamp: tablewright sets it on every write
void updateItem(Account, account, { set: { updatedAt: new Date() } }, { expectedVersion: 3 });
// @ts-expect-error says: "createdAt" is a managed timestamp
void updateOp(Account, account, (u) => u.remove('createdAt'), { expectedVersion: 3 });
// @ts-expect-error says: "stamped" is a managed timestamp
void updateOp(Ledger, entry, { set: { stamped: 1 } }, { expectedVersion: 1 });

// primary-key attributes cannot be changed
// @ts-expect-error says: "orderId" is part of the primary key: an update cannot change it
void updateItem(Order, key, { set: { orderId: 'b' } });
// @ts-expect-error says: "noteId" is part of the primary key
void updateItem(Note, note, (u) => u.remove('noteId'));
// @ts-expect-error says: "orgId" is part of the primary key
void updateItem(Note, note, { remove: ['orgId'] });
// @ts-expect-error says: "accountId" is part of the primary key
void updateOp(Account, account, { set: { accountId: 'x' } }, { expectedVersion: 1 });

// version-locked deletes and updates carry expectedVersion
// @ts-expect-error says: 'optionsWithExpectedVersion'
void deleteItem(Account, account);
// @ts-expect-error says: Property 'expectedVersion' is missing
void deleteItem(MethodAccount, account, { returnValues: 'ALL_OLD' });
// @ts-expect-error says: 'optionsWithExpectedVersion'
void updateItem(Account, account, { set: { owner: 'c' } });
// @ts-expect-error says: Property 'expectedVersion' is missing
void updateItem(Account, account, { set: { owner: 'c' } }, { returnValues: 'ALL_NEW' });
// @ts-expect-error says: 'optionsWithExpectedVersion'
void deleteOp(Ledger, entry);
// @ts-expect-error says: 'optionsWithExpectedVersion'
void updateOp(MethodAccount, account, { add: { balance: 1 } });
