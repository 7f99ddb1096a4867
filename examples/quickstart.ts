/**
 * Quickstart: model two entities in one table, write them, read them back.
 * Run: npx tsx examples/quickstart.ts   (starts its own DynamoDB Local; needs Java)
 */
import { z } from 'zod';
import { ConditionFailedError, Table, ValidationError } from '../src/index.js';
import { startDynamoDBLocal } from '../src/testing/index.js';
import { check } from './support/check.js';

const local = await startDynamoDBLocal();
try {
  const table = new Table({
    name: 'quickstart',
    client: local.client,
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: { byEmail: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } },
  });
  await table.create();

  const User = table.entity('User', {
    schema: z.object({
      orgId: z.string(),
      userId: z.string(),
      email: z.email(),
      name: z.string(),
      joinedAt: z.date(),
      roles: z.set(z.enum(['admin', 'billing', 'member'])),
    }),
    keys: {
      primary: { pk: ['ORG', 'orgId'], sk: ['USER', 'userId'] },
      byEmail: { pk: ['EMAIL', 'email'], sk: ['USER'] },
    },
  });

  const Order = table.entity('Order', {
    schema: z.object({ orgId: z.string(), orderId: z.string(), total: z.number().nonnegative(), placedAt: z.date() }),
    keys: { primary: { pk: ['ORG', 'orgId'], sk: ['ORDER', 'placedAt', 'orderId'] } },
  });

  const joinedAt = new Date('2024-01-15T09:30:00.000Z');
  await User.put({ orgId: 'acme', userId: 'ada', email: 'ada@acme.io', name: 'Ada', joinedAt, roles: new Set(['admin']) });
  await Order.put({ orgId: 'acme', orderId: 'o-1', total: 42.5, placedAt: new Date('2024-02-01T10:00:00Z') });

  const ada = await User.get({ orgId: 'acme', userId: 'ada' });
  check('typed read', ada, { orgId: 'acme', userId: 'ada', email: 'ada@acme.io', name: 'Ada', joinedAt, roles: new Set(['admin']) });
  check('stored keys', User.toStored({ orgId: 'acme', userId: 'ada', email: 'ada@acme.io', name: 'Ada', joinedAt, roles: new Set(['admin']) }).gsi1pk, 'EMAIL#ada@acme.io');

  const order = await Order.get({ orgId: 'acme', orderId: 'o-1', placedAt: new Date('2024-02-01T10:00:00Z') });
  check('order total', order?.total, 42.5);

  const invalid = await User.put({ orgId: 'acme', userId: 'bob', email: 'nope', name: 'Bob', joinedAt, roles: new Set() }).catch((e: unknown) => e);
  check('invalid email refused', invalid instanceof ValidationError && invalid.issues[0]?.path[0], 'email');

  const duplicate = await User.create({ orgId: 'acme', userId: 'ada', email: 'x@acme.io', name: 'X', joinedAt, roles: new Set() }).catch((e: unknown) => e);
  check('create() refuses to overwrite', duplicate instanceof ConditionFailedError, true);

  await User.delete({ orgId: 'acme', userId: 'ada' });
  check('deleted', await User.get({ orgId: 'acme', userId: 'ada' }), undefined);
  console.log('quickstart: all checks passed');
} finally {
  await local.stop();
}
