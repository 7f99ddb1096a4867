import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { batchGet, ConditionFailedError, ConfigurationError, Table, transactGet, TtlError } from '../../src/index.js';
import { localClient, tableName } from '../helpers/local.js';

const client = localClient();

/** A clock the test moves; starts at wall-clock time. */
const clock = { now: Date.now() };
let table: Table;
const schema = z.object({ cartId: z.string(), sku: z.string(), qty: z.number().int(), holdUntil: z.date().optional() });

function entities(t: Table) {
  return {
    Reservation: t.entity('Reservation', {
      schema,
      keys: { primary: { pk: ['CART', 'cartId'], sk: ['SKU', 'sku'] } },
      ttl: { after: '15m' },
    }),
    Hold: t.entity('Hold', { schema, keys: { primary: { pk: ['HOLD', 'cartId'], sk: ['SKU', 'sku'] } }, ttl: { attribute: 'holdUntil' } }),
  };
}
let E: ReturnType<typeof entities>;

beforeAll(async () => {
  table = new Table({ name: tableName(), client, partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'ttl', clock: () => clock.now });
  await table.create();
  E = entities(table);
});

const raw = async (pk: string, sk: string) =>
  (await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: pk }, sk: { S: sk } } }))).Item;

describe('TTL on writes', () => {
  it('stores epoch seconds computed from the entity rule, a schema field, or the call', async () => {
    clock.now = Date.now();
    await E.Reservation.put({ cartId: 'c1', sku: 'a', qty: 1 });
    expect(Number((await raw('CART#c1', 'SKU#a'))?.ttl?.N)).toBe(Math.floor(clock.now / 1000) + 900);

    const holdUntil = new Date(clock.now + 3_600_000);
    await E.Hold.put({ cartId: 'c1', sku: 'a', qty: 1, holdUntil });
    expect(Number((await raw('HOLD#c1', 'SKU#a'))?.ttl?.N)).toBe(Math.floor(holdUntil.getTime() / 1000));
    await E.Hold.put({ cartId: 'c1', sku: 'b', qty: 1 });
    expect((await raw('HOLD#c1', 'SKU#b'))?.ttl).toBeUndefined();

    await E.Reservation.put({ cartId: 'c1', sku: 'b', qty: 1 }, { expiresAt: { after: '2h' } });
    expect(Number((await raw('CART#c1', 'SKU#b'))?.ttl?.N)).toBe(Math.floor(clock.now / 1000) + 7200);
    await E.Reservation.put({ cartId: 'c1', sku: 'c', qty: 1 }, { expiresAt: null });
    expect((await raw('CART#c1', 'SKU#c'))?.ttl).toBeUndefined();
    // the TTL attribute is bookkeeping: never part of the parsed item
    expect(await E.Reservation.get({ cartId: 'c1', sku: 'a' })).toEqual({ cartId: 'c1', sku: 'a', qty: 1 });
  });

  it('refuses expiries DynamoDB would ignore, before sending and without touching stored data', async () => {
    await expect(E.Reservation.put({ cartId: 'c2', sku: 'a', qty: 1 }, { expiresAt: Date.now() })).rejects.toMatchObject({
      name: 'TtlError',
      reason: 'milliseconds',
    });
    await expect(
      E.Hold.put({ cartId: 'c2', sku: 'a', qty: 1, holdUntil: new Date('2001-01-01T00:00:00Z') }),
    ).rejects.toBeInstanceOf(TtlError);
    expect(await raw('HOLD#c2', 'SKU#a')).toBeUndefined();
  });

  it('refuses TTL config that cannot work', () => {
    const noTtl = new Table({ name: tableName(), client, partitionKey: 'pk', sortKey: 'sk' });
    expect(() => noTtl.entity('X', { schema, keys: { primary: { pk: ['X', 'cartId'], sk: ['sku'] } }, ttl: { after: '1d' } })).toThrow(
      ConfigurationError,
    );
    expect(() =>
      table.entity('X', { schema, keys: { primary: { pk: ['X', 'cartId'], sk: ['sku'] } }, ttl: { attribute: 'sku' } }),
    ).toThrow(/must be a z.date\(\) or z.number\(\)/);
    expect(() =>
      table.entity('X', { schema: z.object({ id: z.string(), ttl: z.number() }), keys: { primary: { pk: ['id'], sk: ['X'] } } }),
    ).toThrow(/collides/);
  });
});

describe('expired items are hidden from get', () => {
  it('get hides an item whose TTL passed by the injected clock; includeExpired shows it', async () => {
    clock.now = Date.now();
    // expires in 15 minutes by the wall clock, so DynamoDB Local will not delete it during the test
    await E.Reservation.put({ cartId: 'c3', sku: 'a', qty: 2 });
    expect(await E.Reservation.get({ cartId: 'c3', sku: 'a' })).toMatchObject({ qty: 2 });

    clock.now += 16 * 60_000;
    expect(await E.Reservation.get({ cartId: 'c3', sku: 'a' })).toBeUndefined();
    expect(await E.Reservation.get({ cartId: 'c3', sku: 'a' }, { attributes: ['qty'] })).toBeUndefined();
    expect(await E.Reservation.get({ cartId: 'c3', sku: 'a' }, { includeExpired: true })).toMatchObject({ qty: 2 });
    expect(await raw('CART#c3', 'SKU#a')).toBeDefined(); // still stored: hidden, not deleted
  });

  it('batchGet and transactGet read expired items as missing; includeExpired shows them', async () => {
    clock.now = Date.now();
    await E.Reservation.put({ cartId: 'c6', sku: 'short', qty: 1 }, { expiresAt: { after: '10m' } });
    await E.Reservation.put({ cartId: 'c6', sku: 'long', qty: 2 }, { expiresAt: { after: '2h' } });
    await E.Reservation.put({ cartId: 'c6', sku: 'never', qty: 3 }, { expiresAt: null });
    const ops = [
      E.Reservation.getOp({ cartId: 'c6', sku: 'short' }),
      E.Reservation.getOp({ cartId: 'c6', sku: 'long' }),
      E.Reservation.getOp({ cartId: 'c6', sku: 'never' }),
    ] as const;
    clock.now += 30 * 60_000; // 'short' has expired by the injected clock, not by the wall clock
    expect((await batchGet(ops)).map((i) => i?.qty)).toEqual([undefined, 2, 3]);
    expect((await transactGet(ops)).map((i) => i?.qty)).toEqual([undefined, 2, 3]);
    expect((await batchGet(ops, { includeExpired: true })).map((i) => i?.qty)).toEqual([1, 2, 3]);
    expect((await transactGet(ops, { includeExpired: true })).map((i) => i?.qty)).toEqual([1, 2, 3]);
  });

  it('extendExpiry / removeExpiry move the expiry, but not for items already expired', async () => {
    clock.now = Date.now();
    await E.Reservation.put({ cartId: 'c4', sku: 'a', qty: 1 });
    const extended = await E.Reservation.extendExpiry({ cartId: 'c4', sku: 'a' }, { after: '1h' });
    expect(extended.qty).toBe(1);
    expect(Number((await raw('CART#c4', 'SKU#a'))?.ttl?.N)).toBe(Math.floor(clock.now / 1000) + 3600);

    clock.now += 2 * 3_600_000; // now expired by our clock
    await expect(E.Reservation.extendExpiry({ cartId: 'c4', sku: 'a' }, { after: '1h' })).rejects.toBeInstanceOf(ConditionFailedError);
    await E.Reservation.removeExpiry({ cartId: 'c4', sku: 'a' }, { includeExpired: true });
    expect((await raw('CART#c4', 'SKU#a'))?.ttl).toBeUndefined();
    expect(await E.Reservation.get({ cartId: 'c4', sku: 'a' })).toMatchObject({ qty: 1 });
    await expect(E.Reservation.extendExpiry({ cartId: 'nope', sku: 'a' }, { after: '1h' })).rejects.toBeInstanceOf(ConditionFailedError);
  });

  it('notExpired() as a write condition', async () => {
    clock.now = Date.now();
    await E.Reservation.put({ cartId: 'c5', sku: 'a', qty: 1 });
    await E.Reservation.delete({ cartId: 'c5', sku: 'a' }, { condition: E.Reservation.notExpired() });
    await E.Reservation.put({ cartId: 'c5', sku: 'b', qty: 1 });
    clock.now += 60 * 60_000;
    await expect(E.Reservation.delete({ cartId: 'c5', sku: 'b' }, { condition: E.Reservation.notExpired() })).rejects.toBeInstanceOf(
      ConditionFailedError,
    );
  });
});

describe("DynamoDB Local's own TTL deletion", () => {
  it('reads stay consistent before, during and after the deletion', async () => {
    const realTable = new Table({ name: tableName(), client, partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'ttl' });
    const ensured = await realTable.ensure();
    expect(ensured.created).toBe(true);
    const Short = entities(realTable).Reservation;
    await Short.put({ cartId: 'r1', sku: 'a', qty: 1 }, { expiresAt: { after: '2s' } });
    const ttl = Number(
      (await client.send(new GetItemCommand({ TableName: realTable.name, Key: { pk: { S: 'CART#r1' }, sk: { S: 'SKU#a' } } })))
        .Item?.ttl?.N,
    );

    // Poll until Local has deleted it (it does so within ~1–8 s of expiry); bounded.
    const deadline = Date.now() + 60_000;
    let deleted = false;
    while (!deleted && Date.now() < deadline) {
      const before = Date.now();
      const item = await Short.get({ cartId: 'r1', sku: 'a' });
      const evenExpired = await Short.get({ cartId: 'r1', sku: 'a' }, { includeExpired: true });
      const stored = (
        await client.send(new GetItemCommand({ TableName: realTable.name, Key: { pk: { S: 'CART#r1' }, sk: { S: 'SKU#a' } } }))
      ).Item;
      // Once the TTL has passed, get() never returns the item, deleted or not.
      if (Math.floor(before / 1000) >= ttl) expect(item).toBeUndefined();
      // includeExpired reads what is stored: if the item is still there at the later raw read,
      // it was there at the earlier includeExpired read (deletion is one-way)
      if (stored) expect(evenExpired).toMatchObject({ qty: 1 });
      deleted = stored === undefined && Math.floor(Date.now() / 1000) >= ttl;
      if (!deleted) await new Promise((r) => setTimeout(r, 100));
    }
    expect(deleted).toBe(true);
    expect(await Short.get({ cartId: 'r1', sku: 'a' }, { includeExpired: true })).toBeUndefined();
    await realTable.delete();
  }, 90_000);
});

describe('expired items are filtered from queries, scans, counts and collections', () => {
  it('hides expired items server side; pages, cursors and counts stay correct', async () => {
    clock.now = Date.now();
    // sku s0..s9 in sort order; the first three and s7 expire after 10 minutes, the rest after 2 hours
    const expiring = new Set([0, 1, 2, 7]);
    for (let i = 0; i < 10; i++) {
      await E.Reservation.put({ cartId: 'q1', sku: `s${i}`, qty: i }, { expiresAt: { after: expiring.has(i) ? '10m' : '2h' } });
    }
    const all = async (options: { includeExpired?: boolean } = {}) => {
      const pages: number[][] = [];
      for await (const page of E.Reservation.queryPages('primary', { cartId: 'q1' }, { limit: 3, ...options })) {
        pages.push(page.items.map((i) => i.qty));
      }
      return pages;
    };
    expect((await all()).flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    clock.now += 30 * 60_000; // four items expired by the injected clock (not by the wall clock: still stored)
    const pages = await all();
    expect(pages[0]).toEqual([]); // the first page held only expired items: empty, but with a cursor
    expect(pages.flat()).toEqual([3, 4, 5, 6, 8, 9]);
    expect(await E.Reservation.count('primary', { cartId: 'q1' })).toBe(6);
    expect(await E.Reservation.count('primary', { cartId: 'q1' }, { includeExpired: true })).toBe(10);
    expect((await all({ includeExpired: true })).flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const scanned: number[] = [];
    for await (const page of E.Reservation.scanPages({ filter: (c) => c.eq('cartId', 'q1') })) scanned.push(...page.items.map((i) => i.qty));
    expect(scanned.sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 8, 9]);

    const cart = table.collection({ reservations: E.Reservation });
    const grouped = await cart.query({ cartId: 'q1' });
    expect(grouped.items.reservations.map((i) => i.qty)).toEqual([3, 4, 5, 6, 8, 9]);
    const everything = await cart.query({ cartId: 'q1' }, { includeExpired: true });
    expect(everything.items.reservations).toHaveLength(10);
  });
});
