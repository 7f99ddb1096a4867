import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConditionFailedError, KeyError, Table, type Transport } from '../../src/index.js';
import { competingTransport } from '../helpers/competing-transport.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
const base = await createTestTable(client);

const orderConfig = {
  schema: z.object({ id: z.string(), status: z.enum(['open', 'shipped', 'lost']), placedAt: z.date(), note: z.string().optional() }),
  keys: { primary: { pk: ['ORDER', 'id'], sk: ['ORDER'] }, gsi1: { pk: ['STATUS', 'status'], sk: ['placedAt', 'id'] } },
} as const;
const tableOn = (transport?: Transport) =>
  new Table({ name: base.name, client, partitionKey: 'pk', sortKey: 'sk', indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } }, ...(transport && { transport }) });
const Order = base.entity('Order', orderConfig);

const t0 = new Date('2026-01-01T00:00:00.000Z');
const t1 = new Date('2026-02-02T00:00:00.000Z');

/** The index entries of one status, as stored. */
const byStatus = async (status: string) =>
  (
    await client.send(
      new QueryCommand({
        TableName: base.name,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': { S: `STATUS#${status}` } },
      }),
    )
  ).Items?.map((i) => i.gsi1sk?.S) ?? [];

describe('changing one attribute of an index key', () => {
  it('without the option: KeyError, whose message names the option', async () => {
    await Order.put({ id: 'o1', status: 'open', placedAt: t0 });
    const error = await Order.update({ id: 'o1' }, { set: { status: 'shipped' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyError);
    expect((error as Error).message).toMatch(/readMissingKeyAttributes: true/);
  });

  it('readMissingKeyAttributes: reads placedAt (consistent) and rebuilds the index key', async () => {
    await Order.put({ id: 'o2', status: 'open', placedAt: t0, note: 'n' });
    await Order.update({ id: 'o2' }, { set: { status: 'shipped' } }, { readMissingKeyAttributes: true });
    expect(await Order.get({ id: 'o2' })).toEqual({ id: 'o2', status: 'shipped', placedAt: t0, note: 'n' });
    expect(await byStatus('shipped')).toContain(`${t0.toISOString()}#o2`);
    expect(await byStatus('open')).not.toContain(`${t0.toISOString()}#o2`);
  });

  it('a concurrent change of placedAt between the read and the write: retried, the index key follows the new value', async () => {
    await Order.put({ id: 'o3', status: 'open', placedAt: t0 });
    const transport = competingTransport(client, 'UpdateItem', () => Order.update({ id: 'o3' }, { set: { placedAt: t1, status: 'open' } }));
    const Racing = tableOn(transport).entity('Order', orderConfig);
    await Racing.update({ id: 'o3' }, { set: { status: 'lost' } }, { readMissingKeyAttributes: true });
    expect(transport.sent.filter((o) => o === 'UpdateItem')).toHaveLength(2);
    expect(transport.sent.filter((o) => o === 'GetItem')).toHaveLength(2);
    expect(await Order.get({ id: 'o3' })).toEqual({ id: 'o3', status: 'lost', placedAt: t1 });
    expect(await byStatus('lost')).toEqual([`${t1.toISOString()}#o3`]);
  });

  it('retries are bounded: a key attribute that keeps changing ends in ConditionFailedError', async () => {
    await Order.put({ id: 'o4', status: 'open', placedAt: t0 });
    let n = 0;
    const transport = competingTransport(
      client,
      'UpdateItem',
      () => Order.update({ id: 'o4' }, { set: { placedAt: new Date(t0.getTime() + ++n * 1000), status: 'open' } }),
      100,
    );
    const Racing = tableOn(transport).entity('Order', orderConfig);
    const error = await Racing.update({ id: 'o4' }, { set: { status: 'lost' } }, { readMissingKeyAttributes: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConditionFailedError);
    expect((error as Error).message).toMatch(/changed.*3 attempts/);
    expect(transport.sent.filter((o) => o === 'UpdateItem')).toHaveLength(3);
    expect((await Order.get({ id: 'o4' }))?.status).toBe('open');
  });

  it('a missing item is still a missing item (no read-and-create)', async () => {
    const error = await Order.update({ id: 'none' }, { set: { status: 'lost' } }, { readMissingKeyAttributes: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConditionFailedError);
    expect((error as Error).message).toMatch(/no such item/);
  });

  it('a user condition still applies and is not retried', async () => {
    await Order.put({ id: 'o5', status: 'open', placedAt: t0 });
    const error = await Order.update({ id: 'o5' }, { set: { status: 'lost' } }, { readMissingKeyAttributes: true, condition: (c) => c.eq('status', 'shipped') }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConditionFailedError);
    expect((await Order.get({ id: 'o5' }))?.status).toBe('open');
  });
});
