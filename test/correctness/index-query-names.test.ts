import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Table, count, query } from '../../src/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

/**
 * A query of an index whose sort-key template starts with an attribute and
 * has no sort condition sends only the partition-key condition, and names
 * only the attributes it uses (DynamoDB refuses an unused
 * ExpressionAttributeNames entry with a ValidationException).
 */
const client = localClient();
let table: Table<'gsi1'>;
const schema = z.object({ id: z.string(), status: z.enum(['open', 'done']), placedAt: z.date(), total: z.number() });
const define = (t: Table<'gsi1'>) =>
  t.entity('IndexedOrder', {
    schema,
    keys: { primary: { pk: ['O', 'id'], sk: ['O'] }, gsi1: { pk: ['ST', 'status'], sk: ['placedAt', 'id'] } },
  });

beforeAll(async () => {
  table = await createTestTable(client);
  const E = define(table);
  for (let i = 1; i <= 3; i++) await E.put({ id: `o${i}`, status: 'open', placedAt: new Date(Date.UTC(2024, 0, i)), total: i });
});

describe('query of an index whose sort key starts with an attribute, no sort condition', () => {
  it('Entity.query returns the partition in sort-key order', async () => {
    const E = define(table);
    expect((await E.query('gsi1', { status: 'open' })).items.map((o) => o.id)).toEqual(['o1', 'o2', 'o3']);
    expect((await E.query('gsi1', { status: 'open' }, { order: 'desc', limit: 2 })).items.map((o) => o.id)).toEqual(['o3', 'o2']);
  });

  it('with a filter and a projection, and through the free functions and count', async () => {
    const E = define(table);
    const page = await query(E, 'gsi1', { status: 'open' }, { filter: (c) => c.gt('total', 1), attributes: ['id'] });
    expect(page.items).toEqual([{ id: 'o2' }, { id: 'o3' }]);
    expect(await count(E, 'gsi1', { status: 'open' })).toBe(3);
  });

  it('an empty beginsWith (no leading value) sends no sort-key condition either', async () => {
    const E = define(table);
    expect((await E.query('gsi1', { status: 'open' }, { sort: (k) => k.beginsWith({}) })).items).toHaveLength(3);
  });
});
