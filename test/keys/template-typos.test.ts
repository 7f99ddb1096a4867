import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, Table } from '../../src/index.js';
import { localClient } from '../helpers/local.js';

const client = localClient();
const table = new Table({ name: 'typo_table', client, partitionKey: 'pk', sortKey: 'sk' });
const schema = z.object({ tenantId: z.string(), orderId: z.string(), status: z.enum(['open', 'done']), createdAt: z.date() });

const thrown = (fn: () => unknown): ConfigurationError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    return e as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
};

describe('key templates refuse static segments that look like attributes', () => {
  it('refuses a case-only difference, naming the segment and the attribute (the tenant collision)', () => {
    const e = thrown(() =>
      // @ts-expect-error -- "tenantID" is static text that looks like the attribute tenantId
      table.entity('Order', { schema, keys: { primary: { pk: ['TENANT', 'tenantID'], sk: ['ORDER', 'orderId'] } } }),
    );
    expect(e.message).toContain('"tenantID"');
    expect(e.message).toContain('"tenantId"');
    expect(e.message).toContain('{ static: ');
  });

  it('refuses near misses: a typo of one or two letters, a transposition, snake case', () => {
    for (const typo of ['tenantIdd', 'tennantId', 'tenatnId', 'tenant_id', 'TENANT_ID', 'orderID', 'creaetdAt', 'createdat']) {
      const e = thrown(() => table.entity('Order', { schema, keys: { primary: { pk: ['TENANT', typo], sk: ['ORDER', 'orderId'] } } } as never));
      expect(e.message).toContain(`"${typo}"`);
    }
  });

  it('keeps the usual labels: a label next to its own attribute, short words, different words', () => {
    const Order = table.entity('OrderLabels', {
      schema,
      keys: { primary: { pk: ['TENANT', 'tenantId', 'STATUS', 'status'], sk: ['ORDER', 'orderId', 'AT', 'createdAt'] } },
    });
    expect(Order.model.primary.pk.attributes).toEqual(['tenantId', 'status']);
    const Meta = table.entity('Meta', { schema: z.object({ user: z.string(), users: z.number() }), keys: { primary: { pk: ['USER', 'user'], sk: ['META'] } } });
    expect(Meta.model.primary.sk!.attributes).toEqual([]);
  });

  it('accepts { static } for a segment that legitimately looks like an attribute, and stores it verbatim', () => {
    const Order = table.entity('OrderStatic', {
      schema,
      keys: { primary: { pk: ['TENANT', { static: 'tenantID' }, 'tenantId'], sk: [{ static: 'orderId' }, 'orderId'] } },
    });
    const stored = Order.toStored({ tenantId: 't1', orderId: 'o1', status: 'open', createdAt: new Date(0) });
    expect(stored.pk).toBe('TENANT#tenantID#t1');
    expect(stored.sk).toBe('orderId#o1');
    expect(Order.model.primary.pk.attributes).toEqual(['tenantId']);
  });

  it('refuses malformed segments with ConfigurationError', () => {
    for (const bad of [{ static: 5 }, { attribute: 'x' }, 7, null]) {
      thrown(() => table.entity('Order', { schema, keys: { primary: { pk: ['T', bad], sk: ['O', 'orderId'] } } } as never));
    }
  });
});
