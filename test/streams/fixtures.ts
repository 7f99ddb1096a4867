import type { StreamViewType } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { createTestTable } from '../helpers/local.js';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** A table with a stream of the given view type and two entities: Order and Customer. */
export async function streamTable(client: DynamoDBClient, view: StreamViewType) {
  const table = await createTestTable(client, { stream: view, indexes: {} as never });
  const Order = table.entity('Order', {
    schema: z.object({
      orgId: z.string(),
      orderId: z.string(),
      total: z.number(),
      status: z.enum(['open', 'shipped', 'cancelled']),
      placedAt: z.date(),
      tags: z.set(z.string()),
      attachment: z.instanceof(Uint8Array).optional(),
    }),
    keys: { primary: { pk: ['ORG', 'orgId'], sk: ['ORDER', 'orderId'] } },
  });
  const Customer = table.entity('Customer', {
    schema: z.object({ orgId: z.string(), customerId: z.number(), name: z.string() }),
    keys: { primary: { pk: ['ORG', 'orgId'], sk: ['CUSTOMER', 'customerId'] } },
  });
  return { table, Order, Customer };
}

export const placedAt = new Date('2026-11-30T10:00:00.000Z');
