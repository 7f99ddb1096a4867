import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { streamConsumer, streamDecoder, type ConsumerEvent } from '../../src/streams.js';
import { leaseStore } from '../../src/streams/consumer/lease-store.js';
import { tableName } from '../helpers/local.js';
import { counterTable, leaseTable, perKeyOrderViolations, until, writeVersions, type Applied } from './consumer-fixture.js';
import { killHard, readLog, spawnConsumer } from './consumer-process.js';
import { localClients } from './local-stream.js';

/**
 * The polling consumer on DynamoDB Local's real stream (one shard). The
 * workload is a knob: STREAMS_FULL=1 (`npm run test:streams-full`) writes
 * 5,000 versions over 200 keys; the default profile writes 1,000.
 */
const FULL = process.env.STREAMS_FULL === '1';
const KEYS = 200;
const PER_KEY = FULL ? 25 : 5;
const TOTAL = KEYS * PER_KEY;
const TIMEOUT = FULL ? 300_000 : 120_000;

const { client, streams } = localClients();
const keys = Array.from({ length: KEYS }, (_, i) => `k${i}`);
const { table, Counter } = counterTable(client, tableName('cons'));
const leases = leaseTable(client, tableName('lease'));

beforeAll(async () => {
  await Promise.all([table.create(), leases.create()]);
  await writeVersions(table, Counter, keys, PER_KEY);
}, TIMEOUT);

const decoder = streamDecoder([Counter], { view: 'NEW_AND_OLD_IMAGES' });

describe('streamConsumer on DynamoDB Local', () => {
  it(
    `applies ${TOTAL} writes over ${KEYS} keys (and more written while it runs) exactly once, each key in order; a failed record is retried from there`,
    async () => {
      const log: Applied[] = [];
      const failOnce = new Set(keys.filter((_, i) => i % 17 === 0).map((k) => `${k}:3`));
      const events: ConsumerEvent[] = [];
      const consumer = streamConsumer({
        decoder,
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
        leaseDurationMs: 5000,
        onEvent: (e) => events.push(e),
      });
      await consumer.start();
      await writeVersions(table, Counter, keys.slice(0, 20), 1, PER_KEY + 1); // while it runs
      await until(() => log.length >= TOTAL + 20, TIMEOUT, 'every write applied');
      const mark = events.length;
      await until(() => events.slice(mark).some((e) => e.type === 'lag' && e.atTip), 20_000, 'a read at the tip');
      await consumer.stop();

      expect(perKeyOrderViolations(log)).toEqual([]);
      expect(new Set(log.map((e) => e.id)).size).toBe(log.length); // nothing applied twice
      expect(log).toHaveLength(TOTAL + 20);
      expect(failOnce.size).toBe(0);
      expect(events.filter((e) => e.type === 'batch-failed').length).toBeGreaterThan(0);
      expect(events.some((e) => e.type === 'error' || e.type === 'lease-lost')).toBe(false);
      // stop() checkpointed the last record and released the lease
      const released = events.filter((e) => e.type === 'lease-released');
      expect(released).toHaveLength(1);
      const lastSeq = log.map((e) => BigInt(e.seq)).reduce((a, b) => (a > b ? a : b));
      expect(BigInt((released[0] as { checkpoint: string }).checkpoint)).toBe(lastSeq);
      const tip = events.slice(mark).find((e) => e.type === 'lag' && e.atTip);
      expect(tip).toMatchObject({ lagMs: 0, lastRecordAgeMs: expect.any(Number) });
      expect(events.filter((e) => e.type === 'progress').reduce((n, e) => n + (e as { applied: number }).applied, 0)).toBeGreaterThanOrEqual(TOTAL);
    },
    TIMEOUT,
  );

  it(
    'a consumer killed mid-way (child process, SIGKILL) and restarted loses nothing; only records after its last checkpoint repeat',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'consumer-local-'));
      const childLog = join(dir, 'killed.log');
      const child = await spawnConsumer(client, {
        tableName: table.name,
        leaseTableName: leases.name,
        application: 'kill-test',
        log: childLog,
        workerId: 'killed',
        leaseDurationMs: 1500,
        delayMs: 2,
        batchSize: 50,
      });
      await until(() => readLog(childLog).length >= Math.min(300, TOTAL / 3), TIMEOUT, 'the child applying records');
      await killHard(child);
      const killed = readLog(childLog);
      expect(killed.length).toBeLessThan(TOTAL + 20);
      const store = leaseStore(leases, `kill-test ${(await streamArn())}`);
      const [atKill] = await store.list();
      expect(atKill!.owner).toBe('killed');
      const checkpoint = BigInt(atKill!.checkpoint ?? '0');

      const log: Applied[] = [];
      const events: ConsumerEvent[] = [];
      const restarted = streamConsumer({
        decoder,
        callbacks: { Counter: (r) => void (r.newItem && log.push({ id: r.id, key: r.keys.key, v: r.newItem.v, seq: r.sequenceNumber! })) },
        leaseTable: leases,
        application: 'kill-test',
        streamsClient: streams,
        pollIntervalMs: 50,
        leaseDurationMs: 1500,
        renewIntervalMs: 200,
        onEvent: (e) => events.push(e),
      });
      await restarted.start();
      const all = () => new Set([...killed, ...log].map((e) => e.id));
      await until(() => all().size >= TOTAL + 20, TIMEOUT, 'every record, by one of them');
      await restarted.stop();

      // It resumed after the checkpoint (after the lease expired), and what repeats is after it.
      expect(events.find((e) => e.type === 'lease-taken')).toMatchObject({ from: 'killed', checkpoint: atKill!.checkpoint });
      expect(log.every((e) => BigInt(e.seq) > checkpoint)).toBe(true);
      expect(killed.filter((e) => BigInt(e.seq) <= checkpoint).length).toBeGreaterThan(0);
      const repeats = log.filter((e) => killed.some((k) => k.id === e.id));
      expect(repeats.every((e) => BigInt(e.seq) > checkpoint)).toBe(true);
      expect(new Set(log.map((e) => e.id)).size).toBe(log.length);
      expect(perKeyOrderViolations([...killed, ...log])).toEqual([]);
    },
    TIMEOUT,
  );

  it('reads a shard whose first iterator was taken while it was empty (DynamoDB Local raises TrimmedDataAccessException once another table is written)', async () => {
    const fresh = counterTable(client, tableName('empty'));
    await fresh.table.create();
    // Local raises it when the next iterator of the first (empty) read is used after another table and
    // then this shard were written. A further empty read in between (a slow machine polls more often
    // than the writes land) gives a good iterator, so the consumer's second read waits for the writes.
    const gated = new DynamoDBStreamsClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: await streams.config.credentials() });
    let release!: () => void;
    const writesDone = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    gated.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'GetRecordsCommand' && ++reads === 2) await writesDone;
        return next(args);
      },
      { step: 'initialize', name: 'holdSecondRead' },
    );
    const log: string[] = [];
    const events: ConsumerEvent[] = [];
    const consumer = streamConsumer({
      decoder: streamDecoder([fresh.Counter]),
      callbacks: { Counter: (r) => void log.push(r.keys.key) },
      leaseTable: leases,
      application: 'empty-shard',
      streamsClient: gated,
      pollIntervalMs: 30,
      onEvent: (e) => events.push(e),
    });
    await consumer.start();
    await until(() => events.some((e) => e.type === 'lag'), 20_000, 'a first read of the empty shard');
    await Counter.put({ key: 'elsewhere', v: 1 }); // another table is written first
    await fresh.Counter.put({ key: 'a', v: 1 });
    await fresh.Counter.put({ key: 'b', v: 1 });
    release();
    await until(() => log.length >= 2, 20_000, 'both records');
    gated.destroy();
    await consumer.stop();
    expect(log).toEqual(['a', 'b']);
    expect(events.some((e) => e.type === 'iterator-reset' && e.reason === 'trimmed')).toBe(true);
    expect(events.some((e) => e.type === 'error')).toBe(false);
  });
});

async function streamArn(): Promise<string> {
  const { DescribeTableCommand } = await import('@aws-sdk/client-dynamodb');
  return (await client.send(new DescribeTableCommand({ TableName: table.name }))).Table!.LatestStreamArn!;
}
