import { describe, expect, it } from 'vitest';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { streamConsumer, streamDecoder, type ConsumerEvent } from '../../src/streams.js';
import { tableName } from '../helpers/local.js';
import { counterTable, leaseTable, perKeyOrderViolations, until, writeVersions, type Applied } from './consumer-fixture.js';
import { localClients } from './local-stream.js';

/**
 * The polling consumer on DynamoDB Local's real stream (one shard). The
 * workload size is a knob: STREAMS_FULL=1 (npm run test:streams-full) writes
 * 5,000 versions over 200 keys; the default profile writes 1,000.
 */
const FULL = process.env.STREAMS_FULL === '1';
const KEYS = 200;
const PER_KEY = FULL ? 25 : 5;

const { client, streams } = localClients();

async function tables() {
  const { table, Counter } = counterTable(client, tableName('cons'));
  const leases = leaseTable(client, tableName('lease'));
  await Promise.all([table.create(), leases.create()]);
  return { table, Counter, leases };
}

describe('streamConsumer on DynamoDB Local', () => {
  it(`applies ${KEYS * PER_KEY} writes over ${KEYS} keys exactly once, each key in order, with failures in the middle retried from the failed record`, async () => {
    const { table, Counter, leases } = await tables();
    const keys = Array.from({ length: KEYS }, (_, i) => `k${i}`);
    const log: Applied[] = [];
    const failOnce = new Set(keys.filter((_, i) => i % 17 === 0).map((k) => `${k}:3`));
    const events: ConsumerEvent[] = [];
    const consumer = streamConsumer({
      decoder: streamDecoder([Counter], { view: 'NEW_AND_OLD_IMAGES' }),
      callbacks: {
        Counter: (r) => {
          if (r.kind === 'remove' || r.kind === 'expire') return;
          const tag = `${r.keys.key}:${r.newItem.v}`;
          if (failOnce.delete(tag)) throw new Error(`refusing ${tag} once`);
          log.push({ id: r.id, key: r.keys.key, v: r.newItem.v, seq: r.sequenceNumber! });
        },
      },
      leaseTable: leases,
      application: 'order-test',
      streamsClient: streams,
      pollIntervalMs: 50,
      retryDelayMs: 20,
      leaseDurationMs: 3000,
      onEvent: (e) => events.push(e),
    });
    let t = Date.now();
    await consumer.start();
    console.log('start', Date.now() - t); t = Date.now();
    await writeVersions(table, Counter, keys, PER_KEY);
    console.log('write', Date.now() - t); t = Date.now();
    await until(() => log.length >= KEYS * PER_KEY, 60_000, 'every write applied');
    console.log('consume', Date.now() - t); t = Date.now();
    await consumer.stop();
    console.log('stop', Date.now() - t); t = Date.now();
    const counts: Record<string, number> = {};
    for (const e of events) counts[e.type] = (counts[e.type] ?? 0) + 1;
    console.log(counts, events.filter((e) => e.type === 'error' || e.type === 'iterator-reset').slice(0, 5));

    expect(perKeyOrderViolations(log)).toEqual([]);
    expect(new Set(log.map((e) => e.id)).size).toBe(log.length); // no record applied twice
    expect(log).toHaveLength(KEYS * PER_KEY);
    expect(failOnce.size).toBe(0);
    expect(events.filter((e) => e.type === 'batch-failed').length).toBeGreaterThan(0);
    // stop() checkpointed the last record and released the lease
    const released = events.filter((e) => e.type === 'lease-released');
    expect(released).toHaveLength(1);
    const lastSeq = log.map((e) => BigInt(e.seq)).reduce((a, b) => (a > b ? a : b));
    expect(BigInt((released[0] as { checkpoint: string }).checkpoint)).toBeGreaterThanOrEqual(lastSeq);
  });
});
