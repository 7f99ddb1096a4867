import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { Table } from '../../src/index.js';

/**
 * The entity the type tests (`*.test-d.ts`, checked by `npm run typecheck`,
 * never run) are written against. Nothing here is executed.
 */
declare const client: DynamoDBClient;

export const table = new Table({
  name: 'types',
  client,
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } },
});

export const Order = table.entity('Order', {
  schema: z.object({
    orgId: z.string(),
    orderId: z.string(),
    status: z.enum(['open', 'shipped']),
    total: z.number(),
    placedAt: z.date(),
    tags: z.set(z.string()),
    lines: z.array(z.object({ sku: z.string(), qty: z.number() })),
    address: z.object({ city: z.string() }),
    note: z.string().optional(),
    blob: z.instanceof(Uint8Array).optional(),
  }),
  keys: {
    primary: { pk: ['ORG', 'orgId'], sk: ['ORDER', 'orderId'] },
    gsi1: { pk: ['ORG', 'orgId', 'STATUS', 'status'], sk: ['AT', 'placedAt'] },
  },
});
