/**
 * Testing a service under faults: the fault proxy of `tablewright/testing`
 * sits between the client and DynamoDB Local and injects what AWS does and
 * Local never does — throttling, 5xx, connection resets before and after a
 * write is applied, partial batches. The checks compare what Local holds with
 * what the service meant to write: nothing lost, nothing applied twice.
 * Run: npx tsx examples/fault-proxy.ts
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { batchWrite, Table } from '../src/index.js';
import { startDynamoDBLocal, startFaultProxy } from '../src/testing/index.js';
import { check, step } from './support/check.js';

const local = await startDynamoDBLocal();
const proxy = await startFaultProxy({
  target: local.endpoint,
  seed: 42, // the same seed replays the same faults
  rates: { throttling: 0.05, 'internal-error': 0.05, 'reset-before': 0.05, 'reset-after': 0.05, 'partial-batch': 0.3 },
  maxFaultsPerCall: 2, // below the client's maxAttempts (3): every call gets through in the end
});
const client = new DynamoDBClient({ region: local.region, endpoint: proxy.endpoint, credentials: { accessKeyId: local.accessKeyId, secretAccessKey: 'local' }, maxAttempts: 3 });
try {
  const table = new Table({ name: 'faults', client, partitionKey: 'pk', sortKey: 'sk' });
  await new Table({ name: 'faults', client: local.client, partitionKey: 'pk', sortKey: 'sk' }).create();
  const Reading = table.entity('Reading', {
    schema: z.object({ sensor: z.string(), at: z.number().int(), value: z.number() }),
    keys: { primary: { pk: ['SENSOR', 'sensor'], sk: ['AT', 'at'] } },
  });

  step('A 500-item batch write through 30 % partial batches, throttling, 5xx and resets');
  const readings = Array.from({ length: 500 }, (_, at) => ({ sensor: 's1', at, value: at * 0.5 }));
  await batchWrite(readings.map((r) => Reading.putOp(r)), { retry: { maxAttempts: 30, baseDelayMs: 5, maxDelayMs: 50 } });
  const back = [];
  for await (const page of Reading.queryPages('primary', { sensor: 's1' }, { consistent: true })) back.push(...page.items);
  check('every reading stored once, exactly as written', back, readings);

  step('100 creates whose responses are sometimes lost after DynamoDB applied them');
  proxy.setRates({ 'reset-after': 0.2 });
  let created = 0;
  for (let at = 1000; at < 1100; at++) {
    // A lost response makes the SDK resend; the resend fails its not-exists condition,
    // and tablewright recognises its own write token on the stored item: the create succeeded.
    await Reading.create({ sensor: 's2', at, value: 1 });
    created++;
  }
  check('all 100 creates reported success', created, 100);
  check('and 100 items are stored', (await Reading.count('primary', { sensor: 's2' }, { consistent: true })), 100);

  const stats = proxy.stats();
  console.log(`\n  faults injected: ${JSON.stringify(Object.fromEntries(Object.entries(stats.injected).filter(([, n]) => n > 0)))}`);
  console.log(`  lost responses: ${stats.lostResponses}, batch items handed back: ${stats.heldBack}`);
  check('faults really happened: responses lost, batch items handed back', stats.lostResponses > 0 && stats.heldBack > 0, true);
} finally {
  client.destroy();
  await proxy.stop();
  await local.stop();
}
