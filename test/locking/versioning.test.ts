import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConditionFailedError, ConfigurationError, VersionConflictError, type Table } from '../../src/index.js';
import { versionGuard } from '../../src/extensions/versioning/versioning.js';
import { resolveTimestamps, timestampUpdate } from '../../src/extensions/timestamps/timestamps.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
let table: Table<'gsi1'>;
let now = Date.parse('2026-01-01T00:00:00.000Z');

const docSchema = z.object({
  id: z.string(),
  title: z.string(),
  version: z.number().int().optional(),
  createdAt: z.date().optional(),
  updatedAt: z.date().optional(),
});

function defineDoc(t: Table<'gsi1'>) {
  return t.entity('Doc', { schema: docSchema, keys: { primary: { pk: ['DOC', 'id'], sk: ['DOC'] } }, version: true, timestamps: true });
}
let Doc: ReturnType<typeof defineDoc>;

beforeAll(async () => {
  table = await createTestTable(client, { clock: () => now });
  Doc = defineDoc(table);
});

describe('optimistic locking', () => {
  it('creates with version 1, then requires the version read and increments it', async () => {
    const created = await Doc.put({ id: 'd1', title: 'first' });
    expect(created.version).toBe(1);
    const read = await Doc.get({ id: 'd1' });
    expect(read?.version).toBe(1);
    const saved = await Doc.put({ ...read!, title: 'second' });
    expect(saved.version).toBe(2);
    expect((await Doc.get({ id: 'd1' }))?.version).toBe(2);
  });

  it('rejects a stale put with VersionConflictError carrying the current version', async () => {
    await Doc.put({ id: 'd2', title: 'a' });
    await Doc.put({ id: 'd2', title: 'b', version: 1 });
    const error = await Doc.put({ id: 'd2', title: 'stale', version: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ entity: 'Doc', key: { id: 'd2' }, expectedVersion: 1, currentVersion: 2, exists: true });
    expect((await Doc.get({ id: 'd2' }))?.title).toBe('b');
  });

  it('a put without a version is a create and conflicts with an existing item', async () => {
    await Doc.put({ id: 'd3', title: 'a' });
    const error = await Doc.put({ id: 'd3', title: 'again' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'VersionConflictError', expectedVersion: undefined, currentVersion: 1 });
  });

  it('a version-locked put of a deleted item reports it as gone', async () => {
    const error = await Doc.put({ id: 'gone', title: 'x', version: 4 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'VersionConflictError', expectedVersion: 4, currentVersion: undefined, exists: false });
  });

  it('keeps ConditionFailedError when the caller condition (not the version) failed', async () => {
    await Doc.put({ id: 'd4', title: 'a' });
    const error = await Doc.put({ id: 'd4', title: 'b', version: 1 }, { condition: (c) => c.eq('title', 'other') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConditionFailedError);
  });

  it('two concurrent writers with the same version: one wins, the other gets VersionConflictError', async () => {
    await Doc.put({ id: 'race', title: 'base' });
    const read = (await Doc.get({ id: 'race' }))!;
    const results = await Promise.allSettled([Doc.put({ ...read, title: 'writer A' }), Doc.put({ ...read, title: 'writer B' })]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(VersionConflictError);
    expect(lost[0]!.reason).toMatchObject({ expectedVersion: 1, currentVersion: 2 });
    const stored = await Doc.get({ id: 'race' });
    expect(stored?.version).toBe(2);
    expect(stored?.title).toBe((won[0] as PromiseFulfilledResult<{ title: string }>).value.title);
  });

  it('delete needs the version read: missing → ConfigurationError before sending, stale → conflict, right → deleted', async () => {
    await Doc.put({ id: 'd5', title: 'a' });
    // @ts-expect-error a version-locked delete needs expectedVersion (the run-time check is tested here)
    await expect(Doc.delete({ id: 'd5' })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(Doc.delete({ id: 'd5' }, { expectedVersion: 7 })).rejects.toMatchObject({
      name: 'VersionConflictError',
      expectedVersion: 7,
      currentVersion: 1,
    });
    expect(await Doc.get({ id: 'd5' })).toBeDefined();
    await Doc.delete({ id: 'd5' }, { expectedVersion: 1 });
    expect(await Doc.get({ id: 'd5' })).toBeUndefined();
    await Doc.put({ id: 'd6', title: 'a' });
    await Doc.delete({ id: 'd6' }, { expectedVersion: 'any' });
    expect(await Doc.get({ id: 'd6' })).toBeUndefined();
  });

  it('refuses a version attribute the schema does not declare as an optional number', () => {
    const keys = { primary: { pk: ['X', 'id'], sk: ['X'] } } as const;
    expect(() => table.entity('NoVersion', { schema: z.object({ id: z.string() }), keys, version: true })).toThrow(ConfigurationError);
    expect(() => table.entity('Required', { schema: z.object({ id: z.string(), version: z.number() }), keys, version: true })).toThrow(
      /optional/,
    );
    expect(() =>
      table.entity('Custom', { schema: z.object({ id: z.string(), rev: z.number().optional() }), keys, version: { attribute: 'rev' } }),
    ).not.toThrow();
  });

  it('exposes the guard the update operation uses: require N, set N+1', () => {
    expect(versionGuard({ attribute: 'version' }, 'pk', 3)).toEqual({
      condition: { kind: 'compare', op: '=', left: { kind: 'path', path: ['version'] }, right: { kind: 'value', value: 3 } },
      next: 4,
    });
    expect(versionGuard({ attribute: 'version' }, 'pk', undefined)).toEqual({
      condition: { kind: 'exists', path: ['pk'], negated: true },
      next: 1,
    });
  });
});

describe('managed timestamps', () => {
  it('sets createdAt and updatedAt from the table clock; a later put of the read item keeps createdAt', async () => {
    now = Date.parse('2026-02-01T10:00:00.000Z');
    const created = await Doc.put({ id: 't1', title: 'a' });
    expect(created.createdAt).toEqual(new Date(now));
    expect(created.updatedAt).toEqual(new Date(now));
    const raw = await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: 'DOC#t1' }, sk: { S: 'DOC' } } }));
    expect(raw.Item?.createdAt).toEqual({ S: '2026-02-01T10:00:00.000Z' });

    const read = (await Doc.get({ id: 't1' }))!;
    now = Date.parse('2026-02-02T10:00:00.000Z');
    // A createdAt passed in is kept, an updatedAt passed in is overwritten (the types take both).
    await Doc.put({ ...read, title: 'b', updatedAt: new Date(0) });
    const after = await Doc.get({ id: 't1' });
    expect(after?.createdAt).toEqual(new Date('2026-02-01T10:00:00.000Z'));
    expect(after?.updatedAt).toEqual(new Date('2026-02-02T10:00:00.000Z'));
  });

  it('stores epoch formats under custom names', async () => {
    const Log = table.entity('Log', {
      schema: z.object({ id: z.string(), born: z.number().optional(), touched: z.number().optional() }),
      keys: { primary: { pk: ['LOG', 'id'], sk: ['LOG'] } },
      timestamps: { createdAt: 'born', updatedAt: 'touched', format: 'epoch-s' },
    });
    now = 1_700_000_000_999;
    expect(await Log.put({ id: 'l1' })).toEqual({ id: 'l1', born: 1_700_000_000, touched: 1_700_000_000 });
    const Ms = table.entity('Ms', {
      schema: z.object({ id: z.string(), updatedAt: z.number().optional() }),
      keys: { primary: { pk: ['MS', 'id'], sk: ['MS'] } },
      timestamps: { createdAt: false, format: 'epoch-ms' },
    });
    expect(await Ms.put({ id: 'm1' })).toEqual({ id: 'm1', updatedAt: 1_700_000_000_999 });
    expect(() =>
      table.entity('Bad', {
        schema: z.object({ id: z.string(), createdAt: z.date().optional(), updatedAt: z.date().optional() }),
        keys: { primary: { pk: ['B', 'id'], sk: ['B'] } },
        timestamps: { format: 'epoch-ms' },
      }),
    ).toThrow(ConfigurationError);
  });

  it('gives the update operation SET updatedAt (createdAt only if not exists)', () => {
    const model = resolveTimestamps(Doc.model.shape, true, (m) => { throw new Error(m); })!;
    const at = Date.parse('2026-03-01T00:00:00.000Z');
    expect(timestampUpdate(model, at)).toEqual({ set: { updatedAt: new Date(at) }, setIfNotExists: { createdAt: new Date(at) } });
  });
});

describe('update hook (for Entity.update)', () => {
  it('guardUpdate: requires the version read, sets version+1, updatedAt, createdAt if not exists, and a write token', async () => {
    const { guardUpdate } = await import('../../src/model/apply-extensions.js');
    now = Date.parse('2026-04-01T00:00:00.000Z');
    const { guard, set, setIfNotExists } = guardUpdate(Doc.model, { expectedVersion: 4 });
    expect(guard).toMatchObject({ versioned: true, expectedVersion: 4 });
    expect(guard.condition).toEqual(versionGuard({ attribute: 'version' }, 'pk', 4).condition);
    expect(set).toEqual({ updatedAt: new Date(now), version: 5, _wt: guard.token });
    expect(guard.token).toMatch(/^(\d+\.)?[\w-]{22}$/);
    expect(setIfNotExists).toEqual({ createdAt: new Date(now) });
    expect(() => guardUpdate(Doc.model)).toThrow(ConfigurationError);
    expect(guardUpdate(Doc.model, { expectedVersion: 'any' }).guard.versioned).toBe(false);
    expect(guardUpdate(Doc.model, { expectedVersion: 1, writeToken: false }).set).not.toHaveProperty('_wt');
  });
});
