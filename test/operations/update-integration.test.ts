import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ConditionFailedError,
  ConfigurationError,
  ItemTooLargeError,
  Table,
  ValidationError,
  VersionConflictError,
} from '../../src/index.js';
import { countingTransport } from '../helpers/counting-transport.js';
import { localClient, tableName } from '../helpers/local.js';

/**
 * Entity.update together with the features built beside it: optimistic
 * locking, timestamps, size limits, compression and TTL.
 */
const client = localClient();
const transport = countingTransport(client);
// Ahead of the wall clock: Local's TTL sweeper deletes items expired by real time.
const clock = { now: Date.parse('2099-03-01T12:00:00.000Z') };
let table: Table;

function define(t: Table) {
  return {
    Doc: t.entity('Doc', {
      schema: z.object({
        id: z.string(),
        title: z.string(),
        views: z.number().default(0),
        version: z.number().int().optional(),
        createdAt: z.date().optional(),
        updatedAt: z.date().optional(),
      }),
      keys: { primary: { pk: ['DOC', 'id'], sk: ['DOC'] } },
      version: true,
      timestamps: true,
    }),
    Note: t.entity('Note', {
      schema: z.object({
        id: z.string(),
        body: z.string().optional(),
        meta: z.object({ words: z.number(), tags: z.array(z.string()) }).optional(),
        raw: z.string().optional(),
        extra: z.string().optional(),
        summary: z.string().default('no summary yet'),
        size: z.number().optional(),
        createdAt: z.date().optional(),
        updatedAt: z.date().optional(),
      }),
      keys: { primary: { pk: ['NOTE', 'id'], sk: ['NOTE'] } },
      compress: { body: 'brotli', meta: 'gzip', summary: 'zlib' },
      timestamps: true,
    }),
    Session: t.entity('Session', {
      schema: z.object({ id: z.string(), user: z.string(), hits: z.number().default(0), stale: z.string().optional() }),
      keys: { primary: { pk: ['SESSION', 'id'], sk: ['SESSION'] } },
      ttl: { after: '1h' },
    }),
    Hold: t.entity('Hold', {
      schema: z.object({ id: z.string(), qty: z.number(), until: z.date().optional() }),
      keys: { primary: { pk: ['HOLD', 'id'], sk: ['HOLD'] } },
      ttl: { attribute: 'until' },
    }),
  };
}
let E: ReturnType<typeof define>;

beforeAll(async () => {
  table = new Table({ name: tableName(), client, transport, partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'ttl', clock: () => clock.now });
  await table.create();
  E = define(table);
});

const raw = async (pk: string, sk: string) =>
  (await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: pk }, sk: { S: sk } } }))).Item;

async function rejectsBeforeSending(promise: Promise<unknown>): Promise<unknown> {
  const before = transport.sent.length;
  const error = await promise.catch((e: unknown) => e);
  expect(transport.sent.length).toBe(before);
  return error;
}

describe('update with optimistic locking and timestamps', () => {
  it('requires the version read, increments it, keeps createdAt and bumps updatedAt', async () => {
    clock.now = Date.parse('2099-03-01T12:00:00.000Z');
    const created = await E.Doc.put({ id: 'd1', title: 'first' });
    expect(created).toMatchObject({ version: 1, createdAt: new Date(clock.now), updatedAt: new Date(clock.now) });

    clock.now += 60_000;
    const updated = await E.Doc.update({ id: 'd1' }, { set: { title: 'second' } }, { expectedVersion: 1, returnValues: 'ALL_NEW' });
    expect(updated).toEqual({
      id: 'd1',
      title: 'second',
      views: 0,
      version: 2,
      createdAt: created.createdAt,
      updatedAt: new Date(clock.now),
    });
    // The write token is bookkeeping: stored, never returned.
    expect((await raw('DOC#d1', 'DOC'))?._wt?.S).toMatch(/^(\d+\.)?[\w-]{22}$/);
  });

  it('a stale version fails with VersionConflictError carrying the current version, and changes nothing', async () => {
    await E.Doc.put({ id: 'd2', title: 'a' });
    await E.Doc.update({ id: 'd2' }, { set: { title: 'b' } }, { expectedVersion: 1 });
    const error = await E.Doc.update({ id: 'd2' }, { set: { title: 'stale' } }, { expectedVersion: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ entity: 'Doc', key: { id: 'd2' }, expectedVersion: 1, currentVersion: 2, exists: true });
    expect(await E.Doc.get({ id: 'd2' })).toMatchObject({ title: 'b', version: 2 });
  });

  it('two concurrent updaters holding the same version: one wins, the other gets VersionConflictError', async () => {
    await E.Doc.put({ id: 'race', title: 'base' });
    const results = await Promise.allSettled([
      E.Doc.update({ id: 'race' }, { set: { title: 'A' } }, { expectedVersion: 1 }),
      E.Doc.update({ id: 'race' }, { set: { title: 'B' } }, { expectedVersion: 1 }),
    ]);
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(VersionConflictError);
    expect(lost[0]!.reason).toMatchObject({ expectedVersion: 1, currentVersion: 2 });
    const stored = await E.Doc.get({ id: 'race' });
    expect(stored?.version).toBe(2);
    expect(['A', 'B']).toContain(stored?.title);
  });

  it('a missing item is a version conflict with exists: false (as for puts)', async () => {
    const error = await E.Doc.update({ id: 'nope' }, { set: { title: 'x' } }, { expectedVersion: 3 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'VersionConflictError', expectedVersion: 3, exists: false });
  });

  it('expectedVersion is required; "any" skips the check but still increments the version', async () => {
    await E.Doc.put({ id: 'd3', title: 'a' });
    // @ts-expect-error a version-locked update needs expectedVersion (the run-time check is tested here)
    expect(await rejectsBeforeSending(E.Doc.update({ id: 'd3' }, { set: { title: 'b' } }))).toBeInstanceOf(ConfigurationError);
    await E.Doc.update({ id: 'd3' }, { add: { views: 1 } }, { expectedVersion: 'any' });
    expect(await E.Doc.get({ id: 'd3' })).toMatchObject({ views: 1, version: 2 });
    // A holder of version 1 now conflicts.
    await expect(E.Doc.update({ id: 'd3' }, { set: { title: 'c' } }, { expectedVersion: 1 })).rejects.toBeInstanceOf(VersionConflictError);
  });

  it('upsert with "any" creates at version 1 with both timestamps', async () => {
    clock.now = Date.parse('2099-03-02T00:00:00.000Z');
    const made = await E.Doc.update({ id: 'u1' }, { set: { title: 'new' } }, { upsert: true, expectedVersion: 'any', returnValues: 'ALL_NEW' });
    expect(made).toEqual({ id: 'u1', title: 'new', views: 0, version: 1, createdAt: new Date(clock.now), updatedAt: new Date(clock.now) });
  });

  it('refuses hand-written version and timestamps before sending', async () => {
    await E.Doc.put({ id: 'd4', title: 'a' });
    for (const changes of [{ set: { version: 7 } }, { set: { createdAt: new Date() } }, { remove: ['updatedAt' as const] }, { add: { version: 1 } }]) {
      const error = await rejectsBeforeSending(E.Doc.update({ id: 'd4' }, changes as never, { expectedVersion: 1 }));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).message).toMatch(/version attribute|is managed/);
    }
    expect(await E.Doc.get({ id: 'd4' })).toMatchObject({ version: 1 });
  });

  it('a caller condition that fails stays a ConditionFailedError', async () => {
    await E.Doc.put({ id: 'd5', title: 'a' });
    const error = await E.Doc.update({ id: 'd5' }, { set: { title: 'b' } }, { expectedVersion: 1, condition: (c) => c.eq('title', 'zzz') }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConditionFailedError);
  });
});

describe('update limits', () => {
  it('refuses an oversize value before any request', async () => {
    await E.Note.put({ id: 'n1', raw: 'small' });
    const error = await rejectsBeforeSending(E.Note.update({ id: 'n1' }, { set: { raw: 'x'.repeat(410_000) } }));
    expect(error).toBeInstanceOf(ItemTooLargeError);
    expect((error as ItemTooLargeError).largest?.[0]?.attribute).toBe('raw');
    expect((await E.Note.get({ id: 'n1' }))?.raw).toBe('small');
  });

  it("maps DynamoDB's own rejection of an item grown past the limit to ItemTooLargeError", async () => {
    // The value fits on its own (the local check passes); with the stored item it does not.
    await E.Note.put({ id: 'grow', raw: 'r'.repeat(300_000) });
    const before = transport.sent.length;
    const error = await E.Note.update({ id: 'grow' }, { set: { extra: 'e'.repeat(200_000) } }).catch((e: unknown) => e);
    expect(transport.sent.length).toBe(before + 1);
    expect(error).toBeInstanceOf(ItemTooLargeError);
    expect((await E.Note.get({ id: 'grow' }))?.extra).toBeUndefined();
  });

  it('refuses numbers DynamoDB cannot store before any request', async () => {
    const error = await rejectsBeforeSending(E.Note.update({ id: 'n1' }, { set: { size: 1e126 } }));
    expect(error).toBeInstanceOf(ValidationError);
  });
});

describe('update of compressed attributes', () => {
  it('stores a whole-value SET compressed and reads it back', async () => {
    await E.Note.put({ id: 'c1', body: 'old' });
    const text = 'lorem ipsum dolor sit amet '.repeat(2_000);
    await E.Note.update({ id: 'c1' }, { set: { body: text, meta: { words: 5, tags: ['a', 'b'] } } });
    const stored = await raw('NOTE#c1', 'NOTE');
    expect(stored?.body?.B).toBeInstanceOf(Uint8Array);
    expect(stored!.body!.B!.length).toBeLessThan(text.length / 10);
    expect(stored?.meta?.B).toBeInstanceOf(Uint8Array);
    expect(await E.Note.get({ id: 'c1' })).toMatchObject({ body: text, meta: { words: 5, tags: ['a', 'b'] } });
    // if_not_exists on itself and REMOVE also work on the whole value.
    await E.Note.update({ id: 'c1' }, (u) => [u.ifNotExists('body', 'ignored'), u.remove('meta')]);
    const after = await E.Note.get({ id: 'c1' });
    expect(after?.body).toBe(text);
    expect(after?.meta).toBeUndefined();
  });

  it('an upsert stores a compressed attribute\'s default compressed, as a put would', async () => {
    await E.Note.update({ id: 'c4' }, { set: { raw: 'x' } }, { upsert: true });
    expect((await raw('NOTE#c4', 'NOTE'))?.summary?.B).toBeInstanceOf(Uint8Array);
    expect((await E.Note.get({ id: 'c4' }))?.summary).toBe('no summary yet');
  });

  it('a large compressible value passes the size check because it is measured compressed', async () => {
    await E.Note.put({ id: 'c2' });
    const text = 'a'.repeat(600_000);
    await E.Note.update({ id: 'c2' }, { set: { body: text } });
    expect((await E.Note.get({ id: 'c2' }))?.body).toBe(text);
  });

  it('refuses nested paths, append, arithmetic and copies of compressed attributes before sending', async () => {
    await E.Note.put({ id: 'c3', meta: { words: 1, tags: [] } });
    const attempts = [
      E.Note.update({ id: 'c3' }, { set: { 'meta.words': 2 } }),
      E.Note.update({ id: 'c3' }, { append: { 'meta.tags': ['x'] } }),
      E.Note.update({ id: 'c3' }, { increment: { 'meta.words': 1 } }),
      E.Note.update({ id: 'c3' }, { remove: ['meta.words'] }),
      E.Note.update({ id: 'c3' }, (u) => u.set('raw', u.ref('body'))),
      E.Note.update({ id: 'c3' }, (u) => u.set('body', u.ref('raw'))),
    ];
    for (const attempt of attempts) {
      const error = await rejectsBeforeSending(attempt);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).message).toMatch(/compressed/);
    }
    expect(await E.Note.get({ id: 'c3' })).toMatchObject({ meta: { words: 1, tags: [] } });
  });
});

describe('update and TTL', () => {
  const ttlOf = async (pk: string, sk: string) => Number((await raw(pk, sk))?.ttl?.N);

  it('expiresAt sets the expiry, null removes it; without it the expiry is kept', async () => {
    clock.now = Date.now();
    await E.Session.put({ id: 's1', user: 'ann' });
    const seconds = Math.floor(clock.now / 1000);
    expect(await ttlOf('SESSION#s1', 'SESSION')).toBe(seconds + 3600);
    await E.Session.update({ id: 's1' }, { add: { hits: 1 } });
    expect(await ttlOf('SESSION#s1', 'SESSION')).toBe(seconds + 3600);
    await E.Session.update({ id: 's1' }, { add: { hits: 1 } }, { expiresAt: { after: '2h' } });
    expect(await ttlOf('SESSION#s1', 'SESSION')).toBe(seconds + 7200);
    await E.Session.update({ id: 's1' }, { add: { hits: 1 } }, { expiresAt: null });
    expect((await raw('SESSION#s1', 'SESSION'))?.ttl).toBeUndefined();
    expect(await E.Session.get({ id: 's1' })).toEqual({ id: 's1', user: 'ann', hits: 3 });
  });

  it('refuses invalid expiries before sending', async () => {
    const error = await rejectsBeforeSending(E.Session.update({ id: 's1' }, { add: { hits: 1 } }, { expiresAt: Date.now() }));
    expect(error).toMatchObject({ name: 'TtlError', reason: 'milliseconds' });
  });

  it('changing the attribute an expiry follows recomputes the TTL', async () => {
    clock.now = Date.now();
    await E.Hold.put({ id: 'h1', qty: 1 });
    const until = new Date(clock.now + 86_400_000);
    await E.Hold.update({ id: 'h1' }, { set: { until } });
    expect(await ttlOf('HOLD#h1', 'HOLD')).toBe(Math.floor(until.getTime() / 1000));
    await E.Hold.update({ id: 'h1' }, { remove: ['until'] });
    expect((await raw('HOLD#h1', 'HOLD'))?.ttl).toBeUndefined();
  });

  it('an expired item that DynamoDB has not deleted yet fails like a missing item', async () => {
    clock.now = Date.now();
    await E.Session.put({ id: 's2', user: 'bob' });
    clock.now += 2 * 3_600_000; // past its expiry; Local never deletes it in this test's time
    const error = await E.Session.update({ id: 's2' }, { add: { hits: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConditionFailedError);
    expect((error as Error).message).toMatch(/expired/);
    expect((await raw('SESSION#s2', 'SESSION'))?.hits).toEqual({ N: '0' });
    // includeExpired updates it in place (here with a new life).
    await E.Session.update({ id: 's2' }, { add: { hits: 1 } }, { includeExpired: true, expiresAt: { after: '1h' } });
    expect(await E.Session.get({ id: 's2' })).toEqual({ id: 's2', user: 'bob', hits: 1 });
  });

  it('an upsert over an expired leftover creates the item afresh (old attributes gone, new expiry)', async () => {
    clock.now = Date.now();
    await E.Session.put({ id: 's3', user: 'old', hits: 9, stale: 'leftover' });
    clock.now += 2 * 3_600_000;
    const sent = transport.sent.length;
    const made = await E.Session.update({ id: 's3' }, { set: { user: 'new' } }, { upsert: true, returnValues: 'ALL_NEW' });
    expect(made).toEqual({ id: 's3', user: 'new', hits: 0 });
    // Failed upsert, delete of the unchanged leftover, upsert again.
    expect(transport.sent.slice(sent)).toEqual(['UpdateItem', 'DeleteItem', 'UpdateItem']);
    expect(await ttlOf('SESSION#s3', 'SESSION')).toBe(Math.floor(clock.now / 1000) + 3600);
  });
});
