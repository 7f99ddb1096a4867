import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConditionFailedError, Table, VersionConflictError, WriteOutcomeUnknownError } from '../../src/index.js';
import { itemlessTransport } from '../helpers/itemless-transport.js';
import { createTestTable, localClient } from '../helpers/local.js';

// A transport that cannot return the item of a failed condition (as DAX):
// guarded writes degrade to WriteOutcomeUnknownError, never a guess.
const client = localClient();
let plain: Table<'gsi1'>;
let itemless: Table<'gsi1'>;

const schema = z.object({ id: z.string(), title: z.string(), version: z.number().int().optional() });
const keys = { primary: { pk: ['DOC', 'id'], sk: ['DOC'] } } as const;
const define = (t: Table<'gsi1'>) => ({
  Doc: t.entity('Doc', { schema, keys, version: true }),
  Note: t.entity('Note', { schema: z.object({ id: z.string(), title: z.string() }), keys }),
});

beforeAll(async () => {
  plain = await createTestTable(client);
  itemless = await createTestTable(client);
});

describe('a transport that returns no item on a failed condition', () => {
  it('reports a stale version-locked put as WriteOutcomeUnknownError (a ConditionFailedError), not a version conflict', async () => {
    const { Doc } = define(itemless);
    await Doc.put({ id: 'a', title: 'one' });
    await Doc.put({ id: 'a', title: 'two', version: 1 });
    const D = define(degraded(itemless)).Doc;
    const error = await D.put({ id: 'a', title: 'stale', version: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteOutcomeUnknownError);
    expect(error).toBeInstanceOf(ConditionFailedError);
    expect(error).not.toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ entity: 'Doc', key: { id: 'a' }, operation: 'put' });
    // Nothing was written by the refused put.
    expect((await Doc.get({ id: 'a' }))?.title).toBe('two');
  });

  it('the same stale put through the SDK transport is a VersionConflictError with the stored version', async () => {
    const { Doc } = define(plain);
    await Doc.put({ id: 'b', title: 'one' });
    await Doc.put({ id: 'b', title: 'two', version: 1 });
    await expect(Doc.put({ id: 'b', title: 'stale', version: 1 })).rejects.toMatchObject({
      name: 'VersionConflictError',
      currentVersion: 2,
    });
  });

  it('never reports a version-locked delete of a missing item as applied', async () => {
    const t = degraded(itemless);
    const { Doc } = define(t);
    const error = await Doc.delete({ id: 'missing' }, { expectedVersion: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteOutcomeUnknownError);
    expect(error).toMatchObject({ operation: 'delete' });
  });

  it('reports a failed create and a failed version-locked update as outcome unknown', async () => {
    const t = degraded(itemless);
    const { Doc } = define(t);
    await define(itemless).Doc.put({ id: 'c', title: 'one' });
    await expect(Doc.put({ id: 'c', title: 'again' })).rejects.toBeInstanceOf(WriteOutcomeUnknownError);
    await expect(Doc.update({ id: 'c' }, { set: { title: 'x' } }, { expectedVersion: 7 })).rejects.toMatchObject({
      name: 'WriteOutcomeUnknownError',
      operation: 'update',
    });
  });

  it('leaves unguarded conditional writes a plain ConditionFailedError', async () => {
    const t = degraded(itemless);
    const { Note } = define(t);
    await Note.put({ id: 'n', title: 'one' });
    const error = await Note.put({ id: 'n', title: 'two' }, { condition: (c) => c.eq('title', 'other') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConditionFailedError);
    expect(error).not.toBeInstanceOf(WriteOutcomeUnknownError);
    expect((error as ConditionFailedError).item).toBeUndefined();
  });

  it('gives no version conflict in transaction cancellation reasons when no item comes back', async () => {
    const t = degraded(itemless);
    const { Doc } = define(t);
    await define(itemless).Doc.put({ id: 't', title: 'one' });
    const error = await t.transactWrite([Doc.deleteOp({ id: 't' }, { expectedVersion: 9 })]).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TransactionCanceledError' });
    const [reason] = (error as { reasons: { code: string; item: unknown; versionConflict: unknown }[] }).reasons;
    expect(reason).toMatchObject({ code: 'ConditionalCheckFailed', item: undefined, versionConflict: undefined });
  });
});

function tableConfig(t: Table<'gsi1'>) {
  const m = t.model;
  return { name: m.name, client: m.client, partitionKey: m.partitionKey, sortKey: m.sortKey!, indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } } };
}

/** The same Local table, reached through the item-dropping transport. */
function degraded(t: Table<'gsi1'>): Table<'gsi1'> {
  return new Table<'gsi1'>({ ...tableConfig(t), transport: itemlessTransport(client) });
}
