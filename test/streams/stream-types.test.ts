import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent, KinesisStreamEvent } from 'aws-lambda';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { Table } from '../../src/index.js';
import { TableCore } from '../../src/core.js';
import {
  dynamoDBStreamHandler,
  kinesisStreamHandler,
  streamDecoder,
  type DecodedRecord,
  type DynamoDBStreamEventLike,
  type KinesisStreamEventLike,
} from '../../src/streams.js';

// Type-level checks (run by `npm run typecheck`); the one runtime assertion keeps vitest honest.
const table = new Table({ name: 'types', client: new DynamoDBClient({ region: 'us-east-1' }), partitionKey: 'pk', sortKey: 'sk' });
const Order = table.entity('Order', {
  schema: z.object({ orgId: z.string(), orderId: z.string(), status: z.enum(['open', 'shipped']), placedAt: z.date() }),
  keys: { primary: { pk: ['ORG', 'orgId'], sk: ['ORDER', 'orderId'] } },
});
const Customer = table.entity('Customer', {
  schema: z.object({ orgId: z.string(), customerId: z.number(), name: z.string() }),
  keys: { primary: { pk: ['ORG', 'orgId'], sk: ['CUSTOMER', 'customerId'] } },
});

describe('stream record types', () => {
  it('narrows by entity and kind, with images typed by the declared view', () => {
    const decoder = streamDecoder([Order, Customer], { view: 'NEW_AND_OLD_IMAGES' });
    const r = {} as DecodedRecord<typeof Order | typeof Customer, 'NEW_AND_OLD_IMAGES'>;
    expectTypeOf(decoder.decode).returns.toEqualTypeOf<typeof r>();
    if (r.entity === 'Order' && r.kind === 'modify') {
      expectTypeOf(r.oldItem.status).toEqualTypeOf<'open' | 'shipped'>();
      expectTypeOf(r.newItem.placedAt).toEqualTypeOf<Date>();
      expectTypeOf(r.keys).toEqualTypeOf<{ readonly orgId: string; readonly orderId: string }>();
    }
    if (r.entity === 'Customer' && r.kind === 'insert') {
      expectTypeOf(r.newItem.customerId).toEqualTypeOf<number>();
      expectTypeOf(r.oldItem).toEqualTypeOf<undefined>();
      // @ts-expect-error Customers have no status
      void r.newItem.status;
    }
    if (r.kind === 'remove' || r.kind === 'expire') expectTypeOf(r.newItem).toEqualTypeOf<undefined>();
    if (r.kind === 'unknown') expectTypeOf(r.entity).toEqualTypeOf<string | undefined>();
    if (r.kind === 'invalid') expectTypeOf(r.entity).toEqualTypeOf<'Order' | 'Customer'>();
    expect(decoder.entities.size).toBe(2);
  });

  it('KEYS_ONLY and undeclared views: images absent or maybe absent', () => {
    const keysOnly = {} as DecodedRecord<typeof Order, 'KEYS_ONLY'>;
    if (keysOnly.kind === 'modify') {
      expectTypeOf(keysOnly.newItem).toEqualTypeOf<undefined>();
      expectTypeOf(keysOnly.keys.orderId).toEqualTypeOf<string>();
    }
    const undeclared = streamDecoder([Order]).decode({});
    if (undeclared.kind === 'modify') expectTypeOf(undeclared.oldItem).toEqualTypeOf<z.output<typeof Order.schema> | undefined>();
  });

  it('accepts the Lambda event types and core entities; callbacks are typed per entity and kind', () => {
    expectTypeOf<DynamoDBStreamEvent>().toExtend<DynamoDBStreamEventLike>();
    expectTypeOf<KinesisStreamEvent>().toExtend<KinesisStreamEventLike>();
    const core = new TableCore({ name: 'core', client: new DynamoDBClient({ region: 'us-east-1' }), partitionKey: 'pk' });
    const Tag = core.entity('Tag', { schema: z.object({ tag: z.string() }), keys: { primary: { pk: ['TAG', 'tag'] } } });
    streamDecoder([Tag]);
    const decoder = streamDecoder({ Order, Customer }, { view: 'NEW_AND_OLD_IMAGES' });
    dynamoDBStreamHandler(decoder, {
      Order: { modify: (r) => expectTypeOf(r.oldItem.status).toEqualTypeOf<'open' | 'shipped'>() },
      Customer: (r) => expectTypeOf(r.entity).toEqualTypeOf<'Customer'>(),
    });
    kinesisStreamHandler(decoder, (r) => expectTypeOf(r.entity).toEqualTypeOf<'Order' | 'Customer'>());
    // @ts-expect-error no such entity
    dynamoDBStreamHandler(decoder, { Invoice: () => undefined });
    // @ts-expect-error no such kind
    dynamoDBStreamHandler(decoder, { Order: { upsert: () => undefined } });
  });
});
