/**
 * Streams: a Lambda handler that keeps a search index in step with an orders
 * table, fed the REAL records of its own DynamoDB Local's stream, with a
 * failure in the middle of the batch. Shows the failure contract: the failed
 * record and every later record of the same order are reported, Lambda
 * redelivers from the lowest one, and the handler's dedupe by `record.id`
 * makes the redelivery safe.
 * Run: npx tsx examples/streams-lambda.ts
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { z } from 'zod';
import { Table } from '../src/index.js';
import { dynamoDBStreamHandler, streamDecoder } from '../src/streams.js';
import { startDynamoDBLocal } from '../src/testing/index.js';
import { check, step } from './support/check.js';

const local = await startDynamoDBLocal();
const streams = new DynamoDBStreamsClient({ endpoint: local.endpoint, region: local.region, credentials: { accessKeyId: local.accessKeyId, secretAccessKey: 'local' } });
try {
  const table = new Table({ name: 'shop', client: local.client, partitionKey: 'pk', sortKey: 'sk', stream: 'NEW_AND_OLD_IMAGES' });
  await table.create();
  const Order = table.entity('Order', {
    schema: z.object({ orderId: z.string(), customer: z.string(), status: z.enum(['open', 'shipped', 'cancelled']), total: z.number() }),
    keys: { primary: { pk: ['ORDER', 'orderId'], sk: ['ORDER'] } },
  });

  step('Writing orders: o1 and o2 change several times, interleaved');
  await Order.put({ orderId: 'o1', customer: 'ada', status: 'open', total: 10 });
  await Order.put({ orderId: 'o2', customer: 'bo', status: 'open', total: 20 });
  await Order.update({ orderId: 'o1' }, { set: { status: 'shipped' } });
  await Order.update({ orderId: 'o2' }, { set: { total: 25 } });
  await Order.update({ orderId: 'o2' }, { set: { status: 'cancelled' } });
  await Order.delete({ orderId: 'o1' });

  // The search index (a Map here) and the ids of the records already applied (a table in production).
  const index = new Map<string, { status: string; total: number }>();
  const applied = new Set<string>();
  let indexDown = true; // the index refuses o2's first modify once
  const decoder = streamDecoder([Order], { view: 'NEW_AND_OLD_IMAGES' });
  const handler = dynamoDBStreamHandler(decoder, {
    Order: {
      insert: (r) => void index.set(r.keys.orderId, { status: r.newItem.status, total: r.newItem.total }),
      modify: (r) => {
        if (applied.has(r.id)) return; // a redelivered record: already in the index
        if (r.keys.orderId === 'o2' && indexDown) throw new Error('search index unavailable');
        console.log(`  ${r.keys.orderId}: ${r.oldItem.status}/${r.oldItem.total} → ${r.newItem.status}/${r.newItem.total}`);
        index.set(r.keys.orderId, { status: r.newItem.status, total: r.newItem.total });
        applied.add(r.id);
      },
      remove: (r) => void index.delete(r.keys.orderId),
    },
  });

  step('Lambda delivers the batch; o2 fails at its first modify');
  const event: DynamoDBStreamEvent = { Records: (await readStream(table.name)).map(toLambdaRecord) };
  check('six records from the real stream', event.Records.map((r) => r.eventName), ['INSERT', 'INSERT', 'MODIFY', 'MODIFY', 'MODIFY', 'REMOVE']);
  const first = await handler(event);
  const seq = (i: number) => event.Records[i]!.dynamodb!.SequenceNumber!;
  console.log(`  batchItemFailures: ${first.batchItemFailures.map((f) => f.itemIdentifier).join(', ')}`);
  check("o2's failed modify and its later modify are reported", first.batchItemFailures, [{ itemIdentifier: seq(3) }, { itemIdentifier: seq(4) }]);
  check('o2 stays at its last good state (no later change applied)', index.get('o2'), { status: 'open', total: 20 });
  check('o1 went on independently (shipped, then removed)', index.has('o1'), false);

  step('Lambda retries from the lowest reported sequence number to the end of the batch');
  indexDown = false;
  const lowest = first.batchItemFailures.map((f) => BigInt(f.itemIdentifier)).reduce((a, b) => (a < b ? a : b));
  const retry = await handler({ Records: event.Records.filter((r) => BigInt(r.dynamodb!.SequenceNumber!) >= lowest) });
  check('the retry succeeds', retry.batchItemFailures, []);
  check('o2 applied in order', index.get('o2'), { status: 'cancelled', total: 25 });
  check('the index matches the table', index.get('o2'), await Order.get({ orderId: 'o2' }).then((o) => o && { status: o.status, total: o.total }));
  console.log('streams-lambda: all checks passed');
} finally {
  streams.destroy();
  await local.stop();
}

/** Every record of the table's stream (Local: one shard), retrying Local's empty-shard TrimmedDataAccessException. */
async function readStream(tableName: string): Promise<_Record[]> {
  const { Table: description } = await local.client.send(new DescribeTableCommand({ TableName: tableName }));
  const StreamArn = description!.LatestStreamArn!;
  const shard = (await streams.send(new DescribeStreamCommand({ StreamArn }))).StreamDescription!.Shards![0]!;
  const out: _Record[] = [];
  let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  while (iterator) {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
    out.push(...(page.Records ?? []));
    if (!page.Records?.length) break;
    iterator = page.NextShardIterator;
  }
  return out;
}

/** A Streams API record as Lambda delivers it (epoch seconds; this table has no binaries to base64). */
function toLambdaRecord(r: _Record): DynamoDBRecord {
  const d = r.dynamodb!;
  return {
    eventID: r.eventID!,
    eventName: r.eventName as DynamoDBRecord['eventName'],
    eventSource: 'aws:dynamodb',
    awsRegion: r.awsRegion!,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(d.ApproximateCreationDateTime!.getTime() / 1000),
      Keys: d.Keys as never,
      ...(d.NewImage && { NewImage: d.NewImage as never }),
      ...(d.OldImage && { OldImage: d.OldImage as never }),
      SequenceNumber: d.SequenceNumber!,
      SizeBytes: d.SizeBytes!,
      StreamViewType: d.StreamViewType as never,
    },
  };
}
