import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Table } from '../../src/index.js';
import { backfill } from '../../src/admin.js';
import { competingTransport } from '../helpers/competing-transport.js';
import { createTestTable, localClient } from '../helpers/local.js';

/**
 * A backfill racing the application, made deterministic: the application's
 * write lands between the backfill's read and its rewrite. The rewrite's
 * condition fails, the backfill reads again and applies its change on top.
 */
const client = localClient();
const schema = z.object({ id: z.string(), balance: z.number(), note: z.string().optional(), touched: z.number().optional() });
const keys = { primary: { pk: ['ACC', 'id'], sk: ['ACC'] } } as const;

describe('backfill against a concurrent write', () => {
  it('never overwrites the write: the transform is applied again to the new value', async () => {
    const created = await createTestTable(client);
    const App = created.entity('Account', { schema, keys });
    await App.put({ id: 'a', balance: 10 });
    // The backfill's table sends through a transport that lets the application write first.
    const transport = competingTransport(client, 'UpdateItem', () => App.put({ id: 'a', balance: 99, note: 'deposit' }));
    const Backfilling = new Table({ name: created.name, client, partitionKey: 'pk', sortKey: 'sk', transport }).entity('Account', { schema, keys });
    const seen: unknown[] = [];
    const report = await backfill(Backfilling, {
      id: 'touch',
      totalSegments: 1,
      transform: (item) => ({ ...item, touched: (item.touched ?? 0) + 1 }),
      onItem: (e) => seen.push(e.outcome),
    });
    expect(report).toMatchObject({ rewritten: 1, failed: 0 });
    expect(transport.sent.filter((op) => op === 'UpdateItem')).toHaveLength(2); // the first rewrite failed its condition
    expect(await App.get({ id: 'a' })).toEqual({ id: 'a', balance: 99, note: 'deposit', touched: 1 });
    expect(seen).toEqual(['rewritten']);
  });

  it('a deleted item is skipped; a transform returning undefined leaves items alone; a dry run writes nothing', async () => {
    const created = await createTestTable(client);
    const App = created.entity('Account', { schema, keys });
    await App.put({ id: 'gone', balance: 1 });
    await App.put({ id: 'kept', balance: 2 });
    const transport = competingTransport(client, 'UpdateItem', () => App.delete({ id: 'gone' }));
    const Backfilling = new Table({ name: created.name, client, partitionKey: 'pk', sortKey: 'sk', transport }).entity('Account', { schema, keys });
    const outcomes: string[] = [];
    const dry = await backfill(App, { id: 'dry', totalSegments: 1, dryRun: true, transform: (i) => ({ ...i, balance: i.balance * 2 }) });
    expect(dry).toMatchObject({ rewritten: 2, dryRun: true });
    expect((await App.get({ id: 'kept' }))?.balance).toBe(2);
    const report = await backfill(Backfilling, {
      id: 'double',
      totalSegments: 1,
      transform: (i) => (i.id === 'gone' ? { ...i, balance: i.balance * 2 } : undefined),
      onItem: (e) => outcomes.push(`${String(e.key.id)}:${e.outcome}:${e.reason ?? ''}`),
    });
    expect(report).toMatchObject({ rewritten: 0, skipped: 2, failed: 0 });
    expect(outcomes.sort()).toEqual(['gone:skipped:gone', 'kept:skipped:unchanged']);
    expect(await App.get({ id: 'gone' })).toBeUndefined();
  });

  it('refuses a backfill without versions or transform, and bad options, before any request', async () => {
    const created = await createTestTable(client);
    const App = created.entity('Account', { schema, keys });
    await expect(backfill(App, { id: 'x' })).rejects.toMatchObject({ name: 'ConfigurationError' });
    await expect(backfill(App, { id: 'x', transform: (i) => i, writeUnitsPerSecond: -1 })).rejects.toMatchObject({ name: 'ConfigurationError' });
    await expect(backfill(App, { id: 'bad id', transform: (i) => i })).rejects.toMatchObject({ name: 'ConfigurationError' });
  });
});
