/**
 * TTL: a cart reservation that expires and disappears from get and query
 * before DynamoDB deletes it. DynamoDB deletes expired items only eventually
 * (often days later, ~seconds on DynamoDB Local); tablewright hides them at once.
 * Run: npx tsx examples/ttl.ts
 */
import { z } from 'zod';
import { ConditionFailedError, Table, TtlError } from '../src/index.js';
import { startDynamoDBLocal } from '../src/testing/index.js';
import { check, step } from './support/check.js';

const local = await startDynamoDBLocal();
try {
  // An injected clock lets the example jump forward in time; production code leaves it out.
  const clock = { now: Date.now() };
  const table = new Table({
    name: 'shop',
    client: local.client,
    partitionKey: 'pk',
    sortKey: 'sk',
    ttlAttribute: 'expiresAt',
    clock: () => clock.now,
  });
  step('ensure() creates the table and enables TTL on expiresAt');
  await table.ensure();
  check('TTL enabled, no drift', (await table.describe()).drift, []);

  const Reservation = table.entity('Reservation', {
    schema: z.object({ cartId: z.string(), sku: z.string(), qty: z.number().int().positive() }),
    keys: { primary: { pk: ['CART', 'cartId'], sk: ['HOLD', 'sku'] } },
    ttl: { after: '15m' }, // every reservation holds stock for 15 minutes
  });

  step('Reserving three items for 15 minutes, one for 2 hours');
  for (const sku of ['book', 'pen', 'mug']) await Reservation.put({ cartId: 'c1', sku, qty: 1 });
  await Reservation.put({ cartId: 'c1', sku: 'lamp', qty: 1 }, { expiresAt: { after: '2h' } });
  check('all four visible', (await Reservation.query('primary', { cartId: 'c1' })).items.length, 4);

  step('The customer extends the pen reservation by an hour');
  await Reservation.extendExpiry({ cartId: 'c1', sku: 'pen' }, { after: '1h' });

  step('20 minutes later (by the injected clock): DynamoDB has not deleted anything yet');
  clock.now += 20 * 60_000;
  check('get hides the expired book', await Reservation.get({ cartId: 'c1', sku: 'book' }), undefined);
  const live = (await Reservation.query('primary', { cartId: 'c1' })).items.map((r) => r.sku).sort();
  console.log(`  query returns: ${live.join(', ')}`);
  check('query returns only live reservations', live, ['lamp', 'pen']);
  check('count agrees', await Reservation.count('primary', { cartId: 'c1' }), 2);
  const stored = (await Reservation.query('primary', { cartId: 'c1' }, { includeExpired: true })).items.length;
  console.log(`  still stored (includeExpired: true): ${stored}`);
  check('expired items are hidden, not deleted', stored, 4);

  step('Writes respect expiry too');
  const late = await Reservation.extendExpiry({ cartId: 'c1', sku: 'mug' }, { after: '1h' }).catch((e: unknown) => e);
  check('an expired reservation cannot be extended', late instanceof ConditionFailedError, true);
  const ms = await Reservation.put({ cartId: 'c1', sku: 'cup', qty: 1 }, { expiresAt: Date.now() }).catch((e: unknown) => e);
  console.log(`  ${(ms as Error).message}`);
  check('epoch milliseconds are refused', ms instanceof TtlError && ms.reason, 'milliseconds');

  console.log('ttl: all checks passed');
} finally {
  await local.stop();
}
