/**
 * Capacity and cost: record a workload with the meter, see what each entity
 * and operation consumed (DynamoDB's own ConsumedCapacity), compare it with
 * tablewright's prediction, and price a month of it under on-demand and
 * provisioned capacity and both table classes.
 * Run: npx tsx examples/capacity.ts
 */
import { z } from 'zod';
import { estimateMonthlyCost, formatCostEstimate, predictReadCapacity, predictWriteCapacity } from '../src/admin.js';
import { observeRequests, Table, type RequestEvent } from '../src/index.js';
import { CapacityMeter } from '../src/observability.js';
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
  await table.ensure();
  const Order = table.entity('Order', {
    schema: z.object({ orderId: z.string(), status: z.enum(['open', 'shipped']), notes: z.string() }),
    keys: { primary: { pk: ['ORDER', 'orderId'], sk: ['ORDER'] }, byStatus: { pk: ['STATUS', 'status'], sk: ['ORDER', 'orderId'] } },
  });

  step('Record a workload: 20 orders of about 1.5 KB, each read twice and shipped once');
  const meter = new CapacityMeter();
  const detach = meter.attach(table);
  const seen: RequestEvent[] = [];
  const stop = observeRequests(table, (e) => seen.push(e));
  const orders = Array.from({ length: 20 }, (_, i) => ({ orderId: `o${i}`, status: 'open' as const, notes: 'n'.repeat(1400) }));
  for (const order of orders) await Order.put(order);
  for (const order of orders) {
    await Order.get({ orderId: order.orderId });
    await Order.get({ orderId: order.orderId }, { consistent: true });
    await Order.update({ orderId: order.orderId }, { set: { status: 'shipped' } });
  }
  detach();
  stop();
  const recorded = meter.snapshot();
  for (const row of recorded.rows) console.log(`  ${row.entity}.${row.operation}: ${row.requests} requests, ${row.readUnits} RCU, ${row.writeUnits} WCU`);
  check('a second listener saw the same 80 requests, each once, none retried', [seen.length, seen.every((e) => e.ok && e.attempts === 1)], [80, true]);
  check('the meter asked for capacity on every request', seen.every((e) => e.consumed !== undefined), true);

  step('What DynamoDB reported equals what tablewright predicted');
  const put = predictWriteCapacity(Order, { after: orders[0]! });
  const shipped = { ...orders[0]!, status: 'shipped' as const };
  const update = predictWriteCapacity(Order, { before: orders[0]!, after: shipped });
  const eventual = predictReadCapacity('get', [Order.size(orders[0]!)]);
  const strong = predictReadCapacity('get', [Order.size(orders[0]!)], { consistency: 'strong' });
  const row = (operation: string) => recorded.rows.find((r) => r.operation === operation)!;
  console.log(`  put ${put.total} WCU (table ${put.table}, byStatus ${put.indexes.byStatus}); update ${update.total} WCU (the index key changed: delete + put)`);
  check('puts: 20 × predicted write units', row('PutItem').writeUnits, 20 * put.total);
  check('updates: 20 × predicted (the larger of before and after, plus the moved index entry)', row('UpdateItem').writeUnits, 20 * update.total);
  check('gets: 20 × (eventual + strong) predicted read units', row('GetItem').readUnits, 20 * (eventual.total + strong.total));
  check('totals', [recorded.readUnits, recorded.writeUnits, recorded.requests], [20 * (eventual.total + strong.total), 20 * (put.total + update.total), 80]);

  step('A month of it: the recorded workload repeated 500,000 times, 50 GB stored');
  const workload = meter.workload({ storageGb: 50, repeatsPerMonth: 500_000 });
  const estimate = estimateMonthlyCost(workload, { targetUtilization: 0.7 });
  console.log(formatCostEstimate(estimate));
  check('monthly read and write units', [workload.readUnits, workload.writeUnits], [recorded.readUnits * 500_000, recorded.writeUnits * 500_000]);
  const onDemand = estimate.options.find((o) => o.mode === 'on-demand' && o.tableClass === 'STANDARD')!;
  const expected = (workload.readUnits / 1e6) * estimate.prices.onDemandReadPerMillion + (workload.writeUnits / 1e6) * estimate.prices.onDemandWritePerMillion;
  check('on-demand Standard throughput = units × list price', onDemand.throughput.toFixed(6), expected.toFixed(6));
  check('four options, cheapest first', estimate.options.map((o) => o.total).every((t, i, all) => i === 0 || all[i - 1]! <= t), true);
} finally {
  await local.stop();
}
