/**
 * Streams: the polling consumer, for services outside Lambda. Two consumers
 * of one application keep a projection (order totals per customer) in step
 * with an orders table's stream, sharing its shards through leases kept in a
 * tablewright table. One is stopped gracefully (it checkpoints and releases
 * its lease); the other takes over and goes on from the checkpoint, so every
 * change is applied once and in order.
 * Run: npx tsx examples/stream-consumer.ts
 */
import { z } from 'zod';
import { Table } from '../src/index.js';
import { streamConsumer, streamDecoder, type ConsumerEvent, type StreamConsumer } from '../src/streams.js';
import { startDynamoDBLocal } from '../src/testing/index.js';
import { check, step } from './support/check.js';

const local = await startDynamoDBLocal();
const consumers: StreamConsumer[] = [];
try {
  const shop = new Table({ name: 'shop', client: local.client, partitionKey: 'pk', sortKey: 'sk', stream: 'NEW_AND_OLD_IMAGES' });
  const leases = new Table({ name: 'stream-leases', client: local.client, partitionKey: 'pk', sortKey: 'sk' });
  await Promise.all([shop.create(), leases.create()]);
  const Order = shop.entity('Order', {
    schema: z.object({ orderId: z.string(), customer: z.string(), total: z.number() }),
    keys: { primary: { pk: ['ORDER', 'orderId'], sk: ['ORDER'] } },
  });

  // The projection, and the ids of the changes applied (a table in production: the dedupe of at-least-once).
  const totals = new Map<string, number>();
  const applied = new Map<string, string>(); // record id → consumer
  const decoder = streamDecoder([Order], { view: 'NEW_AND_OLD_IMAGES' });
  const start = async (name: string) => {
    const consumer = streamConsumer({
      decoder,
      callbacks: {
        Order: (r) => {
          if (applied.has(r.id)) return; // redelivered after a takeover: already counted
          const before = r.oldItem?.total ?? 0;
          const after = r.kind === 'insert' || r.kind === 'modify' ? r.newItem.total : 0;
          const customer = (r.newItem ?? r.oldItem)!.customer;
          totals.set(customer, (totals.get(customer) ?? 0) + after - before);
          applied.set(r.id, name);
        },
      },
      leaseTable: leases,
      application: 'customer-totals',
      workerId: name,
      pollIntervalMs: 100,
      leaseDurationMs: 3000,
      onEvent: (e: ConsumerEvent) => {
        if (e.type === 'lease-taken') console.log(`  ${name} reads shard …${e.shardId.slice(-8)} after ${e.checkpoint ?? 'its start'}`);
        if (e.type === 'lease-released') console.log(`  ${name} released shard …${e.shardId.slice(-8)} at ${e.checkpoint}`);
      },
    });
    consumers.push(consumer);
    await consumer.start();
    return consumer;
  };
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 300 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
  };

  step('Two consumers start; DynamoDB Local has one shard, so one of them reads it');
  const first = await start('consumer-1');
  const second = await start('consumer-2');
  for (let i = 1; i <= 6; i++) await Order.put({ orderId: `o${i}`, customer: i % 2 ? 'ada' : 'bo', total: 10 * i });
  await Order.update({ orderId: 'o1' }, { set: { total: 15 } });
  await until(() => applied.size === 7);
  const reader = first.shards.length === 1 ? first : second;
  const other = reader === first ? second : first;
  check('one consumer holds the shard', [first.shards.length + second.shards.length, reader.shards.length], [1, 1]);
  check('totals after 7 changes', Object.fromEntries(totals), { ada: 15 + 30 + 50, bo: 20 + 40 + 60 });

  step(`${reader.workerId} stops gracefully: in-flight records finish, it checkpoints and releases the lease`);
  await reader.stop();
  await Order.put({ orderId: 'o7', customer: 'ada', total: 70 });
  await Order.delete({ orderId: 'o2' });
  await until(() => applied.size === 9);
  check(`${other.workerId} took the shard over`, other.shards.length, 1);
  check('the two new changes were applied by it', [...applied.values()].slice(-2), [other.workerId, other.workerId]);
  check('every change applied exactly once', applied.size, 9);
  check('totals after 9 changes', Object.fromEntries(totals), { ada: 15 + 30 + 50 + 70, bo: 40 + 60 });
} finally {
  await Promise.all(consumers.map((c) => c.stop()));
  await local.stop();
}
