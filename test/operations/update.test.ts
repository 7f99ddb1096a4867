import { GetItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { prepareUpdate } from '../../src/actions/update/update-request.js';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConditionFailedError, KeyError, ValidationError, type Table } from '../../src/index.js';
import { countingTransport } from '../helpers/counting-transport.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
const transport = countingTransport(client);
let table: Table<'gsi1'>;

// Attribute names chosen from DynamoDB's reserved words: status, name, ttl, data, count.
const schema = z.object({
  orgId: z.string(),
  itemId: z.string(),
  status: z.enum(['open', 'closed']),
  name: z.string().min(1),
  ttl: z.number().optional(),
  data: z
    .object({ size: z.number(), 'a.b': z.string().optional(), nested: z.object({ deep: z.string() }).optional(), at: z.date().optional() })
    .optional(),
  tags: z.set(z.string()),
  scores: z.set(z.number()).optional(),
  history: z.array(z.object({ at: z.date(), what: z.string() })).default([]),
  count: z.number().default(0),
  owner: z.string().optional(),
  updatedAt: z.date().optional(),
});

function define(t: Table<'gsi1'>) {
  return t.entity('Item', {
    schema,
    keys: {
      primary: { pk: ['ORG', 'orgId'], sk: ['ITEM', 'itemId'] },
      gsi1: { pk: ['OWNER', 'owner'], sk: ['STATUS', 'status', 'ITEM', 'itemId'] },
    },
  });
}
let Item: ReturnType<typeof define>;
const key = { orgId: 'acme', itemId: 'i1' };
const at = new Date('2024-01-02T03:04:05.678Z');

beforeAll(async () => {
  table = await createTestTable(client, { transport });
  Item = define(table);
});

beforeEach(async () => {
  await Item.put({ ...key, status: 'open', name: 'first', tags: new Set(['a', 'b']), data: { size: 1 }, owner: 'ann' });
});

async function raw() {
  const out = await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: 'ORG#acme' }, sk: { S: 'ITEM#i1' } } }));
  return out.Item!;
}

async function rejectsBeforeSending(promise: Promise<unknown>) {
  const before = transport.sent.length;
  const error = await promise.catch((e: unknown) => e);
  expect(transport.sent.length).toBe(before);
  return error as Error & Record<string, unknown>;
}

describe('Entity.update actions', () => {
  it('sets top-level and nested paths, including reserved words, and returns ALL_NEW parsed', async () => {
    const updated = await Item.update(
      key,
      { set: { name: 'renamed', ttl: 123, 'data.size': 5, 'data.at': at, updatedAt: at } },
      { returnValues: 'ALL_NEW' },
    );
    expect(updated).toMatchObject({ name: 'renamed', ttl: 123, data: { size: 5, at }, updatedAt: at, status: 'open' });
    expect(updated.updatedAt).toBeInstanceOf(Date);
    expect((await raw()).updatedAt).toEqual({ S: at.toISOString() });
    expect((await raw()).data?.M?.at).toEqual({ S: at.toISOString() });
  });

  it('sets a map key containing a dot through a segment array, and a deep path', async () => {
    await Item.update(key, (u) => [u.set(['data', 'a.b'], 'dotted'), u.set('data.nested', { deep: 'x' })]);
    await Item.update(key, { set: { 'data.nested.deep': 'y' } });
    expect((await Item.get(key))?.data).toEqual({ size: 1, 'a.b': 'dotted', nested: { deep: 'y' } });
  });

  it('removes optional attributes and list elements; undefined in set removes too', async () => {
    await Item.update(key, { set: { ttl: 5, history: [{ at, what: 'a' }, { at, what: 'b' }] } });
    await Item.update(key, { remove: ['ttl', 'history[0]'] });
    let item = await Item.get(key);
    expect(item?.ttl).toBeUndefined();
    expect(item?.history).toEqual([{ at, what: 'b' }]);
    await Item.update(key, { set: { data: undefined } });
    item = await Item.get(key);
    expect(item?.data).toBeUndefined();
  });

  it('ADDs numbers and set elements, DELETEs set elements (the last one removes the attribute)', async () => {
    await Item.update(key, { add: { count: 3, tags: new Set(['c']), scores: new Set([1, 2]) } });
    await Item.update(key, { add: { count: -1, 'data.size': 2 } });
    let item = await Item.get(key);
    expect(item?.count).toBe(2);
    expect(item?.data?.size).toBe(3);
    expect(item?.tags).toEqual(new Set(['a', 'b', 'c']));
    expect(item?.scores).toEqual(new Set([1, 2]));
    await Item.update(key, { delete: { tags: new Set(['a', 'b', 'c']), scores: new Set([1]) } });
    item = await Item.get(key);
    expect(item?.tags).toEqual(new Set());
    expect((await raw()).tags).toBeUndefined();
    expect(item?.scores).toEqual(new Set([2]));
  });

  it('appends and prepends to lists (creating a missing list), storing dates as ISO', async () => {
    await Item.update(key, { remove: ['history'] });
    await Item.update(key, { append: { history: [{ at, what: 'second' }] } });
    await Item.update(key, { prepend: { history: [{ at, what: 'first' }] } });
    await Item.update(key, (u) => u.append('history', [{ at, what: 'third' }]));
    expect((await Item.get(key))?.history.map((h) => h.what)).toEqual(['first', 'second', 'third']);
    expect((await raw()).history?.L?.[0]?.M?.at).toEqual({ S: at.toISOString() });
  });

  it('if_not_exists sets only a missing value; increments and decrements, also nested', async () => {
    await Item.update(key, { ifNotExists: { ttl: 10 } });
    await Item.update(key, { ifNotExists: { ttl: 99 } });
    await Item.update(key, { increment: { 'data.size': 4, count: 2 } });
    await Item.update(key, (u) => u.decrement('count'));
    const item = await Item.get(key);
    expect(item).toMatchObject({ ttl: 10, count: 1, data: { size: 5 } });
  });

  it('supports arithmetic between attributes and list-index paths', async () => {
    await Item.update(key, { set: { count: 7, history: [{ at, what: 'x' }] } });
    await Item.update(key, (u) => [u.set('ttl', u.plus(u.ref('count'), u.ref('data.size'))), u.set('history[0].what', 'y')]);
    await Item.update(key, (u) => u.set('count', u.minus(u.ref('count'), 2)));
    const item = await Item.get(key);
    expect(item).toMatchObject({ ttl: 8, count: 5, history: [{ at, what: 'y' }] });
  });

  it('returns UPDATED_NEW, UPDATED_OLD and ALL_OLD', async () => {
    const updatedNew = await Item.update(key, { set: { name: 'n2', updatedAt: at } }, { returnValues: 'UPDATED_NEW' });
    expect(updatedNew).toEqual({ name: 'n2', updatedAt: at });
    const updatedOld = await Item.update(key, { set: { name: 'n3' } }, { returnValues: 'UPDATED_OLD' });
    expect(updatedOld).toEqual({ name: 'n2' });
    const allOld = await Item.update(key, { set: { name: 'n4' } }, { returnValues: 'ALL_OLD' });
    expect(allOld?.name).toBe('n3');
    expect(await Item.update(key, { set: { name: 'n5' } })).toBeUndefined();
  });

  it('applies a user condition; a failure carries the current item', async () => {
    await Item.update(key, { set: { name: 'ok' } }, { condition: (c) => c.eq('status', 'open') });
    const error = await Item.update(key, { set: { name: 'no' } }, { condition: (c) => c.eq('status', 'closed') }).catch((e) => e);
    expect(error).toBeInstanceOf(ConditionFailedError);
    expect(error.item).toMatchObject({ name: 'ok' });
    expect((await Item.get(key))?.name).toBe('ok');
  });
});

describe('Entity.update existence', () => {
  it('refuses to create a missing item by default', async () => {
    const error = await Item.update({ orgId: 'acme', itemId: 'ghost' }, { set: { name: 'x' } }).catch((e) => e);
    expect(error).toBeInstanceOf(ConditionFailedError);
    expect(error.message).toMatch(/no such item/);
    expect(await Item.get({ orgId: 'acme', itemId: 'ghost' }, { raw: true })).toBeUndefined();
  });

  it("refuses to update another entity's item under the same key", async () => {
    const Other = table.entity('Other', {
      schema: z.object({ orgId: z.string(), itemId: z.string(), name: z.string() }),
      keys: { primary: { pk: ['ORG', 'orgId'], sk: ['ITEM', 'itemId'] } },
    });
    await expect(Other.update(key, { set: { name: 'hijack' } })).rejects.toBeInstanceOf(ConditionFailedError);
    expect((await Item.get(key))?.name).toBe('first');
  });

  it('upsert creates a whole item (key attributes, entity type, defaults) and needs every required attribute', async () => {
    const newKey = { orgId: 'acme', itemId: 'up1' };
    const error = await rejectsBeforeSending(Item.update(newKey, { set: { name: 'x' } }, { upsert: true }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error.issues as { path: string[] }[]).map((i) => i.path[0])).toEqual(['status']);
    // status is part of gsi1's key, so its other attribute (owner) must come along.
    const created = await Item.update(newKey, { set: { name: 'x', status: 'open', owner: 'dan' } }, { upsert: true, returnValues: 'ALL_NEW' });
    expect(created).toEqual({ ...newKey, name: 'x', status: 'open', owner: 'dan', tags: new Set(), history: [], count: 0 });
    expect((await Item.query('gsi1', { owner: 'dan' })).items.map((i) => i.itemId)).toEqual(['up1']);
    await Item.update(newKey, { increment: { count: 1 }, set: { name: 'y' } });
    expect(await Item.get(newKey)).toMatchObject({ name: 'y', count: 1 });
  });
});

describe('prepareUpdate hooks for other features', () => {
  it('adds bookkeeping SET / if_not_exists values in stored form and lists every assignment', async () => {
    const prepared = prepareUpdate(Item.model, key, { set: { name: 'hooked' } }, { set: { updatedAt: at }, setIfNotExists: { ttl: 5 } });
    expect(prepared.assignments).toEqual([
      { path: ['name'], value: 'hooked' },
      { path: ['updatedAt'], value: at.toISOString() },
      { path: ['ttl'], value: 5 },
    ]);
    await client.send(new UpdateItemCommand(prepared.input));
    expect(await Item.get(key)).toMatchObject({ name: 'hooked', updatedAt: at, ttl: 5 });
    expect(() => prepareUpdate(Item.model, key, { set: { updatedAt: at } }, { set: { updatedAt: at } })).toThrow(ValidationError);
  });
});

describe('Entity.update validation (before any request)', () => {
  it('refuses values that fail the schema, naming the path', async () => {
    const error = await rejectsBeforeSending(Item.update(key, { set: { 'data.size': 'big' as never, name: '' } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error.issues as { path: unknown[] }[]).map((i) => i.path)).toEqual([['data', 'size'], ['name']]);
    expect((await Item.get(key))?.name).toBe('first');
  });

  it('refuses unknown paths, required removals, wrong ADD/DELETE types, empty sets and overlapping paths', async () => {
    const cases: Array<Promise<unknown>> = [
      Item.update(key, (u) => u.set(['nope'], 1)),
      Item.update(key, { remove: ['name'] }),
      Item.update(key, { add: { name: 1 as never } }),
      Item.update(key, { add: { tags: new Set() } }),
      Item.update(key, { delete: { count: new Set([1]) as never } }),
      Item.update(key, { append: { history: [{ at: 'not a date', what: 'x' }] as never } }),
      Item.update(key, { increment: { name: 1 } as never }),
      Item.update(key, { set: { data: { size: 1 } }, increment: { 'data.size': 1 } }),
    ];
    for (const pending of cases) expect(await rejectsBeforeSending(pending)).toBeInstanceOf(ValidationError);
  });

  it('refuses an update that changes nothing', async () => {
    expect(await rejectsBeforeSending(Item.update(key, {}))).toBeInstanceOf(ValidationError);
  });

  it('refuses to change a primary-key attribute with a KeyError', async () => {
    // @ts-expect-error a primary-key attribute (the run-time check is tested here)
    const error = await rejectsBeforeSending(Item.update(key, { set: { itemId: 'i2' } }));
    expect(error).toBeInstanceOf(KeyError);
    expect(error).toMatchObject({ reason: 'key-attribute-update', attribute: 'itemId' });
  });
});

describe('Entity.update index keys', () => {
  async function ownerIndex(owner: string) {
    const out = await client.send(
      new QueryCommand({
        TableName: table.name,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': { S: `OWNER#${owner}` } },
      }),
    );
    return (out.Items ?? []).map((i) => i.gsi1sk?.S);
  }

  it('rebuilds the index key when the update supplies every template attribute', async () => {
    expect(await ownerIndex('ann')).toEqual(['STATUS#open#ITEM#i1']);
    await Item.update(key, { set: { status: 'closed', owner: 'bob' } });
    expect(await ownerIndex('ann')).toEqual([]);
    expect(await ownerIndex('bob')).toEqual(['STATUS#closed#ITEM#i1']);
    const page = await Item.query('gsi1', { owner: 'bob' });
    expect(page.items.map((i) => i.status)).toEqual(['closed']);
  });

  it('refuses an update that changes part of an index key without the rest, naming what is missing', async () => {
    const error = await rejectsBeforeSending(Item.update(key, { set: { status: 'closed' } }));
    expect(error).toBeInstanceOf(KeyError);
    expect(error).toMatchObject({ reason: 'missing-attribute', index: 'gsi1', missing: ['owner'] });
    expect((await Item.get(key))?.status).toBe('open');
  });

  it('removing a template attribute takes the item out of the sparse index; setting it back re-adds it', async () => {
    await Item.update(key, { remove: ['owner'] });
    const stored = await raw();
    expect(stored.gsi1pk).toBeUndefined();
    expect(stored.gsi1sk).toBeUndefined();
    expect(await ownerIndex('ann')).toEqual([]);
    await Item.update(key, { set: { owner: 'cy', status: 'open' } });
    expect(await ownerIndex('cy')).toEqual(['STATUS#open#ITEM#i1']);
  });
});
