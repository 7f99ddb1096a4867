/**
 * Writes that used to trap users: bulk loads of version-locked items,
 * counters resent across calls, status changes that touch an index key,
 * and exact bigint counters.
 * Run: npx tsx examples/safe-writes.ts (starts its own DynamoDB Local).
 */
import { z } from 'zod';
import { batchWrite, ConditionFailedError, Table, writeIdempotently } from '../src/index.js';
import { startDynamoDBLocal } from '../src/testing/index.js';
import { check, step } from './support/check.js';

const local = await startDynamoDBLocal();
try {
  const table = new Table({
    name: 'shop',
    client: local.client,
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: { byStatus: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } },
  });
  await table.create();

  const Order = table.entity('Order', {
    schema: z.object({
      id: z.string(),
      status: z.enum(['open', 'shipped']),
      placedAt: z.date(),
      version: z.number().int().optional(),
    }),
    keys: { primary: { pk: ['ORDER', 'id'], sk: ['ORDER'] }, byStatus: { pk: ['STATUS', 'status'], sk: ['PLACED', 'placedAt', 'id'] } },
    version: true,
  });
  const Stats = table.entity('Stats', {
    schema: z.object({ id: z.string(), views: z.number().optional(), bytes: z.bigint().optional() }),
    keys: { primary: { pk: ['STATS', 'id'], sk: ['STATS'] } },
  });

  step('1. Bulk load version-locked items: putOp(item, { load: true }) is unconditional, batchWrite takes it');
  const placedAt = new Date('2026-01-01T00:00:00.000Z');
  const imported = [{ id: 'a', status: 'open' as const, placedAt, version: 4 }, { id: 'b', status: 'open' as const, placedAt }];
  const { written } = await batchWrite(imported.map((o) => Order.putOp(o, { load: true })));
  check('both written', written, 2);
  check('the item keeps its version; one without gets 1', [(await Order.get({ id: 'a' }))?.version, (await Order.get({ id: 'b' }))?.version], [4, 1]);

  step('2. Change status (part of the byStatus key) without resending placedAt');
  await Order.update({ id: 'a' }, { set: { status: 'shipped' } }, { expectedVersion: 4, readMissingKeyAttributes: true });
  const shipped = await Order.query('byStatus', { status: 'shipped' });
  check('the index key was rebuilt from the stored placedAt', shipped.items.map((o) => [o.id, o.version]), [['a', 5]]);

  step('3. A counter resent under the same idempotency key applies once');
  const hit = Stats.updateOp({ id: 'home' }, { add: { views: 1 } }, { upsert: true });
  const first = await writeIdempotently(hit, { idempotencyKey: 'request-1' });
  const again = await writeIdempotently(hit, { idempotencyKey: 'request-1' });
  check('one increment, one derived token', [(await Stats.get({ id: 'home' }))?.views, first.token === again.token], [1, true]);

  step('4. Exact bigint counters beyond 2^53');
  await Stats.update({ id: 'home' }, { add: { bytes: 2n ** 60n } });
  await Stats.update({ id: 'home' }, { increment: { bytes: 1n } });
  check('exact', (await Stats.get({ id: 'home' }))?.bytes, 2n ** 60n + 1n);

  step('5. An update of a missing item says how to create it');
  const missing = await Stats.update({ id: 'nope' }, { add: { views: 1 } }).catch((e: unknown) => e);
  check('ConditionFailedError names upsert', missing instanceof ConditionFailedError && /pass upsert: true/.test(missing.message), true);
} finally {
  await local.stop();
}
