import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConditionFailedError, TransactionCanceledError, type Table } from '../../src/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
let table: Table<'gsi1'>;
const schema = z.object({ id: z.string(), status: z.enum(['open', 'shipped']), at: z.date(), tags: z.set(z.string()) });
const define = (t: Table<'gsi1'>) => ({
  Order: t.entity('Order', { schema, keys: { primary: { pk: ['ORDER', 'id'], sk: ['ORDER'] } } }),
  Other: t.entity('Other', { schema, keys: { primary: { pk: ['ORDER', 'id'], sk: ['OTHER'] } } }),
});
let E: ReturnType<typeof define>;
const at = new Date('2024-01-02T03:04:05.000Z');

beforeAll(async () => {
  table = await createTestTable(client);
  E = define(table);
  await E.Order.put({ id: 'a', status: 'shipped', at, tags: new Set(['x']) });
});

describe('condition failures give the current item typed by entity', () => {
  it('ConditionFailedError.itemOf parses the stored item with the entity (dates and sets restored, keys stripped)', async () => {
    const error = await E.Order.update({ id: 'a' }, { set: { status: 'open' } }, { condition: (c) => c.eq('status', 'open') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConditionFailedError);
    const failure = error as ConditionFailedError;
    expect(failure.item?.['pk']).toBe('ORDER#a'); // as stored
    expect(failure.itemOf(E.Order)).toEqual({ id: 'a', status: 'shipped', at, tags: new Set(['x']) });
    expect(failure.itemOf(E.Other)).toBeUndefined(); // another entity's failure
  });

  it('TransactionCanceledError.itemOf parses the item of one operation', async () => {
    const error = await table
      .transactWrite([E.Order.conditionOp({ id: 'a' }, (c) => c.eq('status', 'open')), E.Other.putOp({ id: 'b', status: 'open', at, tags: new Set(['y']) })])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCanceledError);
    const canceled = error as TransactionCanceledError;
    expect(canceled.itemOf(0, E.Order)).toEqual({ id: 'a', status: 'shipped', at, tags: new Set(['x']) });
    expect(canceled.itemOf(0, E.Other)).toBeUndefined();
    expect(canceled.itemOf(1, E.Other)).toBeUndefined(); // no item returned for the put
    expect(canceled.itemOf(5, E.Order)).toBeUndefined();
  });
});
