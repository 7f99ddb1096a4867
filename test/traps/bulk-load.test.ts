import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { batchWrite, ConfigurationError, RequestLimitError, Table, transactWrite, VersionConflictError } from '../../src/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
const table = await createTestTable(client);

const Doc = table.entity('Doc', {
  schema: z.object({ id: z.string(), title: z.string(), version: z.number().int().optional() }),
  keys: { primary: { pk: ['DOC', 'id'], sk: ['DOC'] }, gsi1: { pk: ['DOCS'], sk: ['id'] } },
  version: true,
});

const storedVersion = async (id: string) => {
  const out = await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: `DOC#${id}` }, sk: { S: 'DOC' } } }));
  return out.Item?.version?.N;
};

describe('bulk loads of version-locked entities', () => {
  it('putOp(item, { load: true }) carries no condition, so batchWrite accepts it', async () => {
    const ops = Array.from({ length: 30 }, (_, i) => Doc.putOp({ id: `b${i}`, title: `t${i}` }, { load: true }));
    for (const op of ops) expect(op.request.Put?.ConditionExpression).toBeUndefined();
    const { written } = await batchWrite(ops);
    expect(written).toBe(30);
    expect(await storedVersion('b0')).toBe('1');
  });

  it('a loaded item keeps its own version, and later locked writes work from it', async () => {
    await batchWrite([Doc.putOp({ id: 'v7', title: 'imported', version: 7 }, { load: true }), Doc.putOp({ id: 'v0', title: 'new' }, { load: true })]);
    expect(await storedVersion('v7')).toBe('7');
    expect((await Doc.get({ id: 'v7' }))?.version).toBe(7);
    // A locked put from the read version, an update with the version read: both succeed.
    await Doc.put({ id: 'v7', title: 'edited', version: 7 });
    expect(await storedVersion('v7')).toBe('8');
    await Doc.update({ id: 'v0' }, { set: { title: 'renamed' } }, { expectedVersion: 1 });
    expect(await storedVersion('v0')).toBe('2');
    // A stale version still conflicts, with the real stored version in the error.
    const stale = await Doc.put({ id: 'v7', title: 'stale', version: 7 }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(VersionConflictError);
    expect((stale as VersionConflictError).currentVersion).toBe(8);
  });

  it('a load overwrites whatever is stored (that is what makes it unconditional)', async () => {
    await Doc.put({ id: 'ow', title: 'first' });
    await Doc.put({ id: 'ow', title: 'second', version: 1 });
    await batchWrite([Doc.putOp({ id: 'ow', title: 'restored', version: 1 }, { load: true })]);
    expect(await Doc.get({ id: 'ow' })).toMatchObject({ title: 'restored', version: 1 });
  });

  it('a load also works inside a transaction', async () => {
    await transactWrite([Doc.putOp({ id: 'tx', title: 'x', version: 3 }, { load: true })]);
    expect(await storedVersion('tx')).toBe('3');
  });

  it('load refuses create and condition (they would make it conditional again)', () => {
    expect(() => Doc.putOp({ id: 'c', title: 'x' }, { load: true, create: true })).toThrow(ConfigurationError);
    expect(() => Doc.putOp({ id: 'c', title: 'x' }, { load: true, condition: (c) => c.exists('title') })).toThrow(ConfigurationError);
  });

  it('without load, batchWrite still refuses the locked put and names the way out', () => {
    return expect(batchWrite([Doc.putOp({ id: 'z', title: 'x' })])).rejects.toThrow(RequestLimitError);
  });

  it("the refusal names the way out", () => {
    return expect(batchWrite([Doc.putOp({ id: 'z', title: 'x' })])).rejects.toThrow(/load: true/);
  });

  it('refuses a second, different entity with the same name on one table; the same definition again is harmless', () => {
    const schema = z.object({ id: z.string(), version: z.number().int().optional() });
    const define = (t: Table) => t.entity('Dup', { schema, keys: { primary: { pk: ['DUP', 'id'], sk: ['DUP'] } } });
    const shared = new Table({ name: 'dup-check', client, partitionKey: 'pk', sortKey: 'sk' });
    define(shared);
    expect(() => define(shared)).not.toThrow();
    // The trap: an unlocked twin of a version-locked entity would read and write the same items.
    const lockedTwin = () => shared.entity('Dup', { schema, keys: { primary: { pk: ['DUP', 'id'], sk: ['DUP'] } }, version: true });
    expect(lockedTwin).toThrow(ConfigurationError);
    expect(lockedTwin).toThrow(/Dup.*already defined/);
    const otherKeys = () => shared.entity('Dup', { schema, keys: { primary: { pk: ['DUP2', 'id'], sk: ['DUP'] } } });
    expect(otherKeys).toThrow(ConfigurationError);
    // A fresh Table object per definition is fine (tests, examples, other services).
    expect(() => define(new Table({ name: 'dup-check', client, partitionKey: 'pk', sortKey: 'sk' }))).not.toThrow();
  });

  it('a failed definition does not reserve the name', () => {
    const t = new Table({ name: 'dup-check-2', client, partitionKey: 'pk', sortKey: 'sk' });
    expect(() => t.entity('Half', { schema: z.object({ id: z.string() }), keys: { primary: { pk: ['H', 'id'] } } } as never)).toThrow(ConfigurationError);
    expect(() => t.entity('Half', { schema: z.object({ id: z.string() }), keys: { primary: { pk: ['H', 'id'], sk: ['H'] } } })).not.toThrow();
  });
});
