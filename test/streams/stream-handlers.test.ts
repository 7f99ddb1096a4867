import type { DynamoDBStreamEvent, KinesisStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { StreamRecordError } from '../../src/errors.js';
import { dynamoDBStreamHandler, kinesisStreamHandler, processDynamoDBRecords, streamDecoder } from '../../src/streams.js';
import { placedAt, streamTable } from './fixtures.js';
import { localClients, readStreamUntil, toKinesisRecord, toLambdaRecord } from './local-stream.js';

const { client, streams } = localClients();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes versions 1..n of orders a, b, c interleaved (a1 b1 c1 a2 b2 c2 …) and returns the real records as a Lambda event. */
async function interleavedBatch(n: number) {
  const { table, Order, Customer } = await streamTable(client, 'NEW_AND_OLD_IMAGES');
  for (let v = 1; v <= n; v++) {
    for (const orderId of ['a', 'b', 'c']) {
      await Order.put({ orgId: 'o', orderId, total: v, status: 'open', placedAt, tags: new Set() });
    }
  }
  const records = await readStreamUntil(client, streams, table.name, 3 * n);
  const event: DynamoDBStreamEvent = { Records: records.map((r) => toLambdaRecord(r)) };
  return { table, Order, Customer, records, event, decoder: streamDecoder([Order, Customer], { view: 'NEW_AND_OLD_IMAGES' }) };
}

describe('Lambda handlers on real DynamoDB Local records', () => {
  it('reports a mid-batch failure so Lambda resumes at it, and applies no later record of that item', async () => {
    const { event, decoder } = await interleavedBatch(3);
    const applied: string[] = [];
    let failOnce = true;
    const handler = dynamoDBStreamHandler(decoder, {
      Order: {
        insert: (r) => void applied.push(`${r.keys.orderId}${r.newItem.total}`),
        modify: async (r) => {
          await sleep(Math.random() * 5);
          if (r.keys.orderId === 'b' && r.newItem.total === 2 && failOnce) throw new Error('search index down');
          applied.push(`${r.keys.orderId}${r.newItem.total}`);
        },
      },
    });
    const response = await handler(event);
    const seq = (i: number) => event.Records[i]!.dynamodb!.SequenceNumber!;
    // b2 (index 4) failed, b3 (index 7) was held back; both reported, the lowest is b2.
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: seq(4) }, { itemIdentifier: seq(7) }] });
    expect(applied.filter((x) => x.startsWith('b'))).toEqual(['b1']);
    expect(applied.filter((x) => x.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(applied.filter((x) => x.startsWith('c'))).toEqual(['c1', 'c2', 'c3']);

    // Lambda redelivers from the lowest reported sequence number to the end of the batch.
    failOnce = false;
    const lowest = response.batchItemFailures.map((f) => BigInt(f.itemIdentifier)).reduce((a, b) => (a < b ? a : b));
    const again = await handler({ Records: event.Records.filter((r) => BigInt(r.dynamodb!.SequenceNumber!) >= lowest) });
    expect(again).toEqual({ batchItemFailures: [] });
    expect(applied.filter((x) => x.startsWith('b'))).toEqual(['b1', 'b2', 'b3']);
  });

  it('keeps per-item order under concurrency and never exceeds the limit', async () => {
    const { event, decoder } = await interleavedBatch(6);
    const seen = new Map<string, number[]>();
    let inFlight = 0;
    let peak = 0;
    const result = await processDynamoDBRecords(
      decoder,
      event.Records,
      async (r) => {
        if (r.entity !== 'Order' || r.kind === 'remove' || r.kind === 'expire') return;
        inFlight++;
        peak = Math.max(peak, inFlight);
        await sleep(Math.random() * 10);
        seen.set(r.keys.orderId, [...(seen.get(r.keys.orderId) ?? []), r.newItem.total]);
        inFlight--;
      },
      { concurrency: 2 },
    );
    expect(result.applied).toBe(18);
    expect(result.batchItemFailures).toEqual([]);
    for (const id of ['a', 'b', 'c']) expect(seen.get(id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(peak).toBe(2);
  });

  it('runs one record at a time in batch order when sequential', async () => {
    const { event, decoder, records } = await interleavedBatch(2);
    const order: string[] = [];
    await processDynamoDBRecords(decoder, event.Records, (r) => void order.push(r.id), { sequential: true });
    expect(order).toEqual(records.map((r) => r.eventID));
  });

  it('fails unknown and invalid records unless a catch-all takes them', async () => {
    const { event, decoder } = await interleavedBatch(1);
    const orderOnly = streamDecoder([decoder.entities.get('Order')!], { view: 'NEW_AND_OLD_IMAGES' });
    // Pretend b's record belongs to an entity this decoder does not know.
    const foreign = structuredClone(event.Records);
    foreign[1]!.dynamodb!.NewImage!._et = { S: 'Invoice' };
    const failed = await processDynamoDBRecords(orderOnly, foreign, () => undefined);
    expect(failed.failures.map((f) => [f.itemIdentifier, (f.error as StreamRecordError).reason])).toEqual([
      [foreign[1]!.dynamodb!.SequenceNumber, 'unknown-record'],
    ]);
    const unknown: string[] = [];
    const taken = await processDynamoDBRecords(orderOnly, foreign, () => undefined, { unknown: (r) => void unknown.push(r.entity!) });
    expect(taken.batchItemFailures).toEqual([]);
    expect(unknown).toEqual(['Invoice']);
  });

  it('throws (whole batch retried) when a failed record has no sequence number', async () => {
    const { event, decoder } = await interleavedBatch(1);
    delete (event.Records[0]!.dynamodb as { SequenceNumber?: string }).SequenceNumber;
    const handler = dynamoDBStreamHandler(decoder, () => {
      throw new Error('boom');
    });
    await expect(handler(event)).rejects.toMatchObject({ name: 'StreamRecordError', reason: 'no-identifier' });
  });

  it('Kinesis: decodes the wrapped records, orders an item by creation time, skips repeats, reports Kinesis sequence numbers', async () => {
    const { table, records, decoder } = await interleavedBatch(2);
    const wrapped = records.map((r) => toKinesisRecord(r, table.name));
    // Deliver a's second change before its first (out of order) and c's first twice.
    const a1 = wrapped[0]!;
    const a2 = wrapped[3]!;
    // Local truncates creation times to the minute: give a2 a later time than a1, as AWS would.
    const bump = (rec: typeof a2, ms: number) => {
      const change = JSON.parse(Buffer.from(rec.kinesis.data, 'base64').toString());
      change.dynamodb.ApproximateCreationDateTime += ms;
      rec.kinesis.data = Buffer.from(JSON.stringify(change)).toString('base64');
    };
    bump(a2, 5);
    const repeat = structuredClone(wrapped[2]!);
    repeat.kinesis.sequenceNumber = String(BigInt(wrapped.at(-1)!.kinesis.sequenceNumber) + 1n);
    const event: KinesisStreamEvent = { Records: [a2, wrapped[1]!, wrapped[2]!, a1, wrapped[4]!, wrapped[5]!, repeat] };
    const applied: string[] = [];
    const handler = kinesisStreamHandler(decoder, {
      Order: (r) => {
        if (r.kind === 'remove' || r.kind === 'expire') return;
        if (r.keys.orderId === 'c' && r.newItem.total === 2) throw new Error('c2 fails');
        applied.push(`${r.keys.orderId}${r.newItem.total}`);
      },
    });
    const response = await handler(event);
    expect(applied.filter((x) => x.startsWith('a'))).toEqual(['a1', 'a2']);
    expect(applied.filter((x) => x.startsWith('c'))).toEqual(['c1']);
    expect(applied.filter((x) => x === 'c1')).toHaveLength(1);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: wrapped[5]!.kinesis.sequenceNumber }]);
  });
});

describe('Powertools BatchProcessor interop', () => {
  it('a per-invocation record handler keeps per-item order and reports held-back records', async () => {
    const { BatchProcessor, EventType, processPartialResponse } = await import('@aws-lambda-powertools/batch');
    const { streamRecordHandler } = await import('../../src/streams.js');
    const { event, decoder } = await interleavedBatch(3);
    const applied: string[] = [];
    const callbacks = {
      Order: (r: { kind: string; keys: { orderId: string }; newItem?: { total: number } | undefined }) => {
        if (r.keys.orderId === 'a' && r.newItem?.total === 2) throw new Error('a2 fails');
        applied.push(`${r.keys.orderId}${r.newItem?.total}`);
      },
    };
    const response = await processPartialResponse(event, streamRecordHandler(decoder, callbacks), new BatchProcessor(EventType.DynamoDBStreams), {
      processInParallel: false,
    });
    const seq = (i: number) => event.Records[i]!.dynamodb!.SequenceNumber!;
    // a2 (index 3) failed, a3 (index 6) held back.
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: seq(3) }, { itemIdentifier: seq(6) }]);
    expect(applied).toEqual(['a1', 'b1', 'c1', 'b2', 'c2', 'b3', 'c3']);
  });
});
