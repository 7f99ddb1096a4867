import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, CursorError, KeyError, Table, type SortKeyInput } from '../../src/index.js';
import { countingTransport } from '../helpers/counting-transport.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
const transport = countingTransport(client);
type Indexes = 'gsi1' | 'lsi1';
let table: Table<Indexes>;

const orgSchema = z.object({ orgId: z.string(), name: z.string() });
const userSchema = z.object({ orgId: z.string(), userId: z.string(), email: z.string(), status: z.string() });
const orderSchema = z.object({
  orgId: z.string(),
  orderId: z.string(),
  createdAt: z.date(),
  status: z.enum(['open', 'shipped']),
  total: z.number(),
  note: z.string().optional(),
});

function define(t: Table<Indexes>) {
  const Org = t.entity('Org', { schema: orgSchema, keys: { primary: { pk: ['ORG', 'orgId'], sk: ['ORG'] } } });
  const User = t.entity('User', {
    schema: userSchema,
    keys: { primary: { pk: ['ORG', 'orgId'], sk: ['USER', 'userId'] }, gsi1: { pk: ['EMAIL', 'email'], sk: ['USER'] } },
  });
  const Order = t.entity('Order', {
    schema: orderSchema,
    keys: {
      primary: { pk: ['ORG', 'orgId'], sk: ['ORDER', 'createdAt', 'orderId'] },
      gsi1: { pk: ['STATUS', 'status'], sk: ['AT', 'createdAt'] },
      lsi1: { sk: ['TOTAL', 'total'] },
    },
  });
  return { Org, User, Order };
}
let E: ReturnType<typeof define>;
const day = (d: number) => new Date(Date.UTC(2024, 0, d));

beforeAll(async () => {
  table = await createTestTable<Indexes>(client, {
    transport,
    indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }, lsi1: { type: 'local' as const, sortKey: 'lsi1sk' } },
  });
  E = define(table);
  await E.Org.put({ orgId: 'acme', name: 'Acme' });
  for (const userId of ['u1', 'u10', 'u2', 'v1']) await E.User.put({ orgId: 'acme', userId, email: `${userId}@acme.io`, status: 'active' });
  for (let d = 1; d <= 6; d++) {
    await E.Order.put({ orgId: 'acme', orderId: `o${d}`, createdAt: day(d), status: d % 2 ? 'open' : 'shipped', total: d * 10 });
  }
  await E.Order.put({ orgId: 'other', orderId: 'x', createdAt: day(1), status: 'open', total: 1 });
});

const ids = (items: { orderId: string }[]) => items.map((o) => o.orderId);

describe('Entity.query', () => {
  it("returns only the entity's items, narrowing to the static sort-key prefix", async () => {
    const orders = await E.Order.query('primary', { orgId: 'acme' });
    expect(ids(orders.items)).toEqual(['o1', 'o2', 'o3', 'o4', 'o5', 'o6']);
    expect(orders.cursor).toBeUndefined();
    // Without the USER# prefix, limit 1 would evaluate the first ORDER# item and return nothing.
    const users = await E.User.query('primary', { orgId: 'acme' }, { limit: 1 });
    expect(users.items.map((u) => u.userId)).toEqual(['u1']);
    const org = await E.Org.query('primary', { orgId: 'acme' });
    expect(org.items).toEqual([{ orgId: 'acme', name: 'Acme' }]);
  });

  it('sort-key conditions on the template: eq, beginsWith (template and partial string), between, gt/ge/lt/le', async () => {
    const q = (sort: SortKeyInput<{ readonly createdAt: Date; readonly orderId: string }>) =>
      E.Order.query('primary', { orgId: 'acme' }, { sort }).then((p) => ids(p.items));
    expect(await q((k) => k.eq({ createdAt: day(3), orderId: 'o3' }))).toEqual(['o3']);
    expect(await q((k) => k.eq({ createdAt: day(3), orderId: 'o' }))).toEqual([]);
    expect(await q((k) => k.beginsWith({ createdAt: day(4) }))).toEqual(['o4']);
    expect(await q((k) => k.between({ createdAt: day(2) }, { createdAt: day(4) }))).toEqual(['o2', 'o3', 'o4']);
    expect(await q((k) => k.gt({ createdAt: day(4) }))).toEqual(['o5', 'o6']);
    expect(await q((k) => k.ge({ createdAt: day(4) }))).toEqual(['o4', 'o5', 'o6']);
    expect(await q((k) => k.lt({ createdAt: day(2) }))).toEqual(['o1']);
    expect(await q((k) => k.le({ createdAt: day(2) }))).toEqual(['o1', 'o2']);
    expect(await q((k) => k.gt({ createdAt: day(2), orderId: 'o2' }))).toEqual(['o3', 'o4', 'o5', 'o6']);
    expect(await q((k) => k.le({ createdAt: day(2), orderId: 'o2' }))).toEqual(['o1', 'o2']);
    const users = await E.User.query('primary', { orgId: 'acme' }, { sort: (k) => k.beginsWith({ userId: 'u1' }, { partial: true }) });
    expect(users.items.map((u) => u.userId)).toEqual(['u1', 'u10']);
    const exact = await E.User.query('primary', { orgId: 'acme' }, { sort: (k) => k.eq({ userId: 'u1' }) });
    expect(exact.items.map((u) => u.userId)).toEqual(['u1']);
  });

  it('descending order, filter, projection', async () => {
    const page = await E.Order.query(
      'primary',
      { orgId: 'acme' },
      { order: 'desc', filter: (c) => c.gt('total', 25), attributes: ['orderId', 'total'] },
    );
    expect(page.items).toEqual([
      { orderId: 'o6', total: 60 },
      { orderId: 'o5', total: 50 },
      { orderId: 'o4', total: 40 },
      { orderId: 'o3', total: 30 },
    ]);
  });

  it('queries a GSI by its partition template and an LSI with a consistent read', async () => {
    const open = await E.Order.query('gsi1', { status: 'open' }, { sort: (k) => k.ge({ createdAt: day(2) }) });
    expect(ids(open.items)).toEqual(['o3', 'o5']);
    const byEmail = await E.User.query('gsi1', { email: 'u2@acme.io' });
    expect(byEmail.items.map((u) => u.userId)).toEqual(['u2']);
    const big = await E.Order.query('lsi1', { orgId: 'acme' }, { consistent: true, sort: (k) => k.ge({ total: 50 }) });
    expect(ids(big.items)).toEqual(['o5', 'o6']);
  });

  it('refuses bad queries before sending', async () => {
    const before = transport.sent.length;
    await expect(E.Order.query('gsi1', { status: 'open' }, { consistent: true })).rejects.toBeInstanceOf(ConfigurationError);
    // @ts-expect-error orgId is required
    await expect(E.Order.query('primary', {})).rejects.toMatchObject({ name: 'KeyError', missing: ['orgId'] });
    // @ts-expect-error Org has no gsi1 keys
    await expect(E.Org.query('gsi1', {})).rejects.toMatchObject({ reason: 'unknown-index' });
    await expect(E.Order.query('primary', { orgId: 'acme' }, { sort: (k) => k.ge({ orderId: 'o1' }) })).rejects.toBeInstanceOf(KeyError);
    await expect(E.Order.query('primary', { orgId: 'acme' }, { limit: 0 })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(E.Order.query('primary', { orgId: 'acme' }, { cursor: 'garbage!' })).rejects.toMatchObject({ name: 'CursorError', reason: 'malformed' });
    expect(transport.sent.length).toBe(before);
  });

  it('paginates with opaque cursors, iterates pages and counts', async () => {
    const first = await E.Order.query('primary', { orgId: 'acme' }, { limit: 4 });
    expect(ids(first.items)).toEqual(['o1', 'o2', 'o3', 'o4']);
    expect(first.cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = await E.Order.query('primary', { orgId: 'acme' }, { limit: 4, cursor: first.cursor! });
    expect(ids(second.items)).toEqual(['o5', 'o6']);
    const seen: string[] = [];
    let pages = 0;
    for await (const page of E.Order.queryPages('primary', { orgId: 'acme' }, { limit: 2 })) {
      pages++;
      seen.push(...ids(page.items));
    }
    expect(seen).toEqual(['o1', 'o2', 'o3', 'o4', 'o5', 'o6']);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(await E.Order.count('primary', { orgId: 'acme' })).toBe(6);
    expect(await E.Order.count('primary', { orgId: 'acme' }, { filter: (c) => c.eq('status', 'open') })).toBe(3);
    expect(await E.User.count('primary', { orgId: 'acme' })).toBe(4);
  });

  it('refuses a cursor made for another entity or index', async () => {
    const users = await E.User.query('primary', { orgId: 'acme' }, { limit: 1 });
    await expect(E.Order.query('primary', { orgId: 'acme' }, { cursor: users.cursor! })).rejects.toMatchObject({ reason: 'foreign' });
    await expect(E.User.query('gsi1', { email: 'u1@acme.io' }, { cursor: users.cursor! })).rejects.toBeInstanceOf(CursorError);
  });

  it('signs cursors with the table secret; tampered, unsigned and foreign-secret cursors are refused', async () => {
    const config = (secret: string) => ({
      name: table.name,
      client,
      partitionKey: 'pk',
      sortKey: 'sk',
      indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }, lsi1: { type: 'local' as const, sortKey: 'lsi1sk' } },
      cursorSecret: secret,
    });
    const signed = define(new Table<Indexes>(config('s3cret')));
    const other = define(new Table<Indexes>(config('another')));
    const first = await signed.Order.query('primary', { orgId: 'acme' }, { limit: 3 });
    const cursor = first.cursor!;
    expect(cursor).toContain('.');
    const next = await signed.Order.query('primary', { orgId: 'acme' }, { limit: 3, cursor });
    expect(ids(next.items)).toEqual(['o4', 'o5', 'o6']);

    // Point the cursor at another organisation's partition and keep the signature.
    const [body, signature] = cursor.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));
    payload.k.pk.S = 'ORG#other';
    const forged = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
    await expect(signed.Order.query('primary', { orgId: 'acme' }, { cursor: forged })).rejects.toMatchObject({ reason: 'tampered' });
    await expect(signed.Order.query('primary', { orgId: 'acme' }, { cursor: body! })).rejects.toMatchObject({ reason: 'unsigned' });
    await expect(other.Order.query('primary', { orgId: 'acme' }, { cursor })).rejects.toMatchObject({ reason: 'tampered' });
  });
});

describe('collections', () => {
  it('reads a shared partition in one query, grouped by entity and typed', async () => {
    const org = table.collection({ org: E.Org, users: E.User, orders: E.Order });
    const { items, cursor } = await org.query({ orgId: 'acme' });
    expect(cursor).toBeUndefined();
    expect(items.org).toEqual([{ orgId: 'acme', name: 'Acme' }]);
    expect(items.users.map((u) => u.email).sort()).toEqual(['u10@acme.io', 'u1@acme.io', 'u2@acme.io', 'v1@acme.io']);
    expect(items.orders.map((o) => o.createdAt)).toEqual([1, 2, 3, 4, 5, 6].map(day));
  });

  it('pages through a collection', async () => {
    const org = table.collection({ users: E.User, orders: E.Order });
    let users = 0;
    let orders = 0;
    for await (const page of org.pages({ orgId: 'acme' }, { limit: 3 })) {
      users += page.items.users.length;
      orders += page.items.orders.length;
    }
    expect([users, orders]).toEqual([4, 6]);
  });

  it('refuses members that do not share the partition-key template', () => {
    const Stray = table.entity('Stray', {
      schema: z.object({ orgId: z.string() }),
      keys: { primary: { pk: ['TENANT', 'orgId'], sk: ['STRAY'] } },
    });
    // @ts-expect-error different templates are a compile error too (the run-time check is tested here)
    expect(() => table.collection({ users: E.User, stray: Stray })).toThrow(ConfigurationError);
    // @ts-expect-error the same on an index
    expect(() => table.collection({ users: E.User, orders: E.Order }, { index: 'gsi1' })).toThrow(/different partition-key templates/);
    expect(() => table.collection({ org: E.Org, users: E.User }, { index: 'gsi1' })).toThrow(/no key templates/);
  });

  it('works on a GSI shared by its members', async () => {
    const Member = table.entity('Member', {
      schema: z.object({ id: z.string(), team: z.string() }),
      keys: { primary: { pk: ['MEMBER', 'id'], sk: ['MEMBER'] }, gsi1: { pk: ['TEAM', 'team'], sk: ['MEMBER', 'id'] } },
    });
    const Task = table.entity('Task', {
      schema: z.object({ id: z.string(), team: z.string(), done: z.boolean() }),
      keys: { primary: { pk: ['TASK', 'id'], sk: ['TASK'] }, gsi1: { pk: ['TEAM', 'team'], sk: ['TASK', 'id'] } },
    });
    await Member.put({ id: 'm1', team: 'red' });
    await Task.put({ id: 't1', team: 'red', done: false });
    await Task.put({ id: 't2', team: 'blue', done: true });
    const team = table.collection({ members: Member, tasks: Task }, { index: 'gsi1' });
    const { items } = await team.query({ team: 'red' });
    expect(items).toEqual({ members: [{ id: 'm1', team: 'red' }], tasks: [{ id: 't1', team: 'red', done: false }] });
    await expect(team.query({ team: 'red' }, { consistent: true })).rejects.toBeInstanceOf(ConfigurationError);
  });
});

describe('scans', () => {
  it('Entity.scan returns only that entity; table.scan returns raw items', async () => {
    const orders: string[] = [];
    for await (const page of E.Order.scanPages({ limit: 3 })) orders.push(...ids(page.items));
    expect(orders.sort()).toEqual(['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'x']);
    const filtered = await E.Order.scan({ filter: (c) => c.eq('orgId', 'other') });
    expect(ids(filtered.items)).toEqual(['x']);
    const all = await table.scan({ filter: (c) => c.in('_et', ['Org', 'User', 'Order']) });
    expect(all.items.length).toBe(1 + 4 + 7);
    expect(all.items[0]).toHaveProperty('pk');
  });

  it('scans an index; refuses a consistent scan of a GSI and a bad segment before sending', async () => {
    const shipped = await E.Order.scan({ index: 'gsi1', filter: (c) => c.eq('status', 'shipped') });
    expect(ids(shipped.items).sort()).toEqual(['o2', 'o4', 'o6']);
    const before = transport.sent.length;
    await expect(E.Order.scan({ index: 'gsi1', consistent: true })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(E.Order.scan({ segment: { index: 2, total: 2 } })).rejects.toBeInstanceOf(ConfigurationError);
    expect(() => E.Order.parallelScan({ segments: 0 })).toThrow(ConfigurationError);
    expect(() => table.parallelScan({ segments: 2, index: 'gsi1', consistent: true })).toThrow(ConfigurationError);
    expect(transport.sent.length).toBe(before);
  });
});
