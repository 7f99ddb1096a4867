import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBStreamsClient, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFaultProxy } from '../../src/testing/index.js';
import { streamConsumer, streamDecoder, type ConsumerEvent } from '../../src/streams.js';
import { leaseStore } from '../../src/streams/consumer/lease-store.js';
import { startStreamsApiDouble, type StreamsApiDouble } from '../doubles/streams-api.double.js';
import { tableName } from '../helpers/local.js';
import { counterTable, leaseTable, leaseTableCore, perKeyOrderViolations, until, writeVersions, type Applied } from './consumer-fixture.js';
import { killHard, readLog, spawnConsumer } from './consumer-process.js';
import { localClients, readStreamUntil } from './local-stream.js';

/**
 * Shard lineage, several shards and several consumers, on the streams
 * double (DynamoDB Local has one shard). The records it serves are the REAL
 * records of Local's stream for a Counter table, distributed over the
 * double's shards by key, so each key's versions stay in order across a
 * parent and its child.
 */
const { client, streams: _localStreams } = localClients();
const KEYS = 16;
const VERSIONS = 4;
const counter = counterTable(client, tableName('shards'));
const Counter = counter.Counter;
let byKey: Map<string, _Record[]>;
const keys = Array.from({ length: KEYS }, (_, i) => `k${i}`);

beforeAll(async () => {
  await counter.table.create();
  await writeVersions(counter.table, Counter, keys, VERSIONS);
  const records = await readStreamUntil(client, _localStreams, counter.table.name, KEYS * VERSIONS);
  byKey = new Map(keys.map((k) => [k, []]));
  for (const r of records) byKey.get(r.dynamodb!.NewImage!.pk!.S!.slice(2))!.push(r);
});

const open: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.stop()));
});

const version = (key: string, v: number) => byKey.get(key)![v - 1]!;

async function setup(pageSize = 100) {
  const double = await startStreamsApiDouble({ pageSize });
  open.push({ stop: () => double.close() });
  const leases = leaseTable(client, tableName('leases'));
  await leases.create();
  return { double, leases };
}

function consumer(double: StreamsApiDouble, leases: ReturnType<typeof leaseTableCore>, name: string, log: (Applied & { by: string })[], events: ConsumerEvent[] = [], extra: { leaseDurationMs?: number } = {}) {
  const streamsClient = new DynamoDBStreamsClient({ endpoint: double.endpoint, region: 'us-east-1', credentials: { accessKeyId: name, secretAccessKey: 'x' } });
  const c = streamConsumer({
    decoder: streamDecoder([Counter], { view: 'NEW_AND_OLD_IMAGES' }),
    callbacks: { Counter: (r) => void (r.newItem && log.push({ id: r.id, key: r.keys.key, v: r.newItem.v, seq: r.sequenceNumber!, by: name })) },
    leaseTable: leases,
    application: 'shards-test',
    workerId: name,
    streamArn: double.streamArn,
    streamsClient,
    pollIntervalMs: 30,
    retryDelayMs: 30,
    leaseDurationMs: extra.leaseDurationMs ?? 1500,
    renewIntervalMs: 100,
    shardSyncIntervalMs: 100,
    onEvent: (e) => events.push(e),
  });
  open.push({ stop: async () => (await c.stop(), streamsClient.destroy()) });
  return c;
}


describe('streamConsumer on a multi-shard stream (streams double)', () => {
  it('reads a child shard only after its parent is drained, finds shards split while running, and survives expired and trimmed iterators', async () => {
    const { double, leases } = await setup(2); // DescribeStream pages of 2 shards
    // Even keys: version 1 in parent P, versions 2–3 in children P1/P2. Odd keys: all in root R.
    double.addShard('P');
    double.addShard('R');
    const even = keys.filter((_, i) => i % 2 === 0);
    const odd = keys.filter((_, i) => i % 2 === 1);
    const parentSeqs = new Set(double.append('P', even.map((k) => version(k, 1))));
    double.splitShard('P', ['P1', 'P2']);
    const childSeqs = new Set([
      ...double.append('P1', even.filter((_, i) => i % 2 === 0).flatMap((k) => [version(k, 2), version(k, 3)])),
      ...double.append('P2', even.filter((_, i) => i % 2 === 1).flatMap((k) => [version(k, 2), version(k, 3)])),
    ]);
    double.append('R', odd.flatMap((k) => [version(k, 1), version(k, 2), version(k, 3)]));
    const log: (Applied & { by: string })[] = [];
    const events: ConsumerEvent[] = [];
    const c = consumer(double, leases, 'solo', log, events);
    await c.start();
    await until(() => log.length === KEYS * 3, 20_000, 'versions 1-3');

    const index = (seqs: Set<string>) => log.flatMap((e, i) => (seqs.has(e.seq) ? [i] : []));
    expect(Math.max(...index(parentSeqs))).toBeLessThan(Math.min(...index(childSeqs)));
    expect(events.some((e) => e.type === 'shard-finished' && e.shardId === 'P')).toBe(true);

    // While running: R splits, version 4 of the odd keys lands in its children; iterators expire.
    double.expireIterators();
    double.splitShard('R', ['R1', 'R2']);
    double.append('R1', odd.filter((_, i) => i % 2 === 0).map((k) => version(k, 4)));
    double.append('R2', odd.filter((_, i) => i % 2 === 1).map((k) => version(k, 4)));
    // P1 gets version 4 of its keys after a trim of nothing it has not read: reads go on.
    double.append('P1', even.filter((_, i) => i % 2 === 0).map((k) => version(k, 4)));
    double.append('P2', even.filter((_, i) => i % 2 === 1).map((k) => version(k, 4)));
    await until(() => log.length === KEYS * 4, 20_000, 'version 4');

    expect(perKeyOrderViolations(log)).toEqual([]);
    expect(new Set(log.map((e) => e.id)).size).toBe(KEYS * 4);
    expect(events.filter((e) => e.type === 'shard-discovered').map((e) => (e as { shardId: string }).shardId).sort()).toEqual(['P', 'P1', 'P2', 'R', 'R1', 'R2']);
    expect(events.some((e) => e.type === 'iterator-reset' && e.reason === 'expired')).toBe(true);
    expect(events.some((e) => e.type === 'error')).toBe(false);
  });

  it('restarts at the trim horizon when the records after its checkpoint were trimmed (and says so)', async () => {
    const { double, leases } = await setup();
    double.addShard('T');
    const seqs = double.append('T', keys.map((k) => version(k, 1)));
    const log: (Applied & { by: string })[] = [];
    const events: ConsumerEvent[] = [];
    // A checkpoint left by an earlier consumer at the 2nd record; records 1–8 are trimmed since.
    const store = leaseStore(leases, `shards-test ${double.streamArn}`);
    await store.create('T', undefined);
    const [lease] = await store.list();
    await store.take(lease!, 'gone');
    await store.checkpoint('T', 'gone', seqs[1], false);
    await store.release('T', 'gone');
    double.trim('T', 8);
    const c = consumer(double, leases, 'after-trim', log, events);
    await c.start();
    await until(() => log.length === KEYS - 8, 20_000, 'untrimmed records');
    expect(log.map((e) => e.key)).toEqual(keys.slice(8));
    expect(events.some((e) => e.type === 'iterator-reset' && e.reason === 'trimmed')).toBe(true);
  });

  it('two consumers share the shards (the second is handed half of them) and no record is processed by both', async () => {
    const { double, leases } = await setup();
    const shards = ['S0', 'S1', 'S2', 'S3'];
    for (const s of shards) double.addShard(s);
    const shardOf = (k: string) => shards[keys.indexOf(k) % shards.length]!;
    const feed = (v: number) => {
      for (const s of shards) double.append(s, keys.filter((k) => shardOf(k) === s).map((k) => version(k, v)));
    };
    feed(1);
    const log: (Applied & { by: string })[] = [];
    const eventsA: ConsumerEvent[] = [];
    const eventsB: ConsumerEvent[] = [];
    // A long lease, so a loaded machine's slow renewals never look like expiry here: B's share must come by handoff.
    const a = consumer(double, leases, 'alpha', log, eventsA, { leaseDurationMs: 8000 });
    await a.start();
    await until(() => a.shards.length === 4 && log.length === KEYS, 20_000, 'alpha holds every shard');
    const b = consumer(double, leases, 'bravo', log, eventsB, { leaseDurationMs: 8000 });
    await b.start();
    feed(2);
    await until(() => b.shards.length === 2 && a.shards.length === 2, 20_000, 'balanced 2/2');
    feed(3);
    feed(4);
    await until(() => log.length === KEYS * 4, 20_000, 'every record');

    const ids = log.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length); // no record applied twice, by either
    expect(perKeyOrderViolations(log)).toEqual([]);
    expect(eventsB.filter((e) => e.type === 'handoff-requested')).toHaveLength(2);
    expect(eventsA.filter((e) => e.type === 'lease-released' && e.to === 'bravo')).toHaveLength(2);
    expect(log.filter((e) => e.v >= 3).some((e) => e.by === 'bravo')).toBe(true);
  });

  it('a third consumer takes over the shards of a killed one (child process, SIGKILL); only records after its checkpoints repeat', async () => {
    const { double, leases } = await setup();
    const shards = ['S0', 'S1', 'S2', 'S3'];
    for (const s of shards) double.addShard(s);
    const seqShard = new Map<string, string>();
    for (let v = 1; v <= VERSIONS; v++) {
      for (const [i, s] of shards.entries()) {
        const batch = keys.filter((_, k) => k % shards.length === i).map((k) => version(k, v));
        for (const seq of double.append(s, batch)) seqShard.set(seq, s);
      }
    }
    const log: (Applied & { by: string })[] = [];
    const a = consumer(double, leases, 'alpha', log);
    const dir = mkdtempSync(join(tmpdir(), 'consumer-'));
    const childLog = join(dir, 'killed.log');
    // The child starts first and takes every shard; it applies slowly (20 ms a record).
    const child = await spawnChild(double, leases.name, childLog, 'killed');
    await until(() => existsSync(childLog) && readLog(childLog).length >= 6, 30_000, 'the child applying records');
    await a.start();
    await until(() => a.shards.length === 2, 20_000, 'alpha handed its share of 2');
    await killHard(child);
    const atKill = await leaseStore(leases, `shards-test ${double.streamArn}`).list();
    const killedHeld = atKill.filter((l) => l.owner === 'killed');
    expect(killedHeld.length).toBeGreaterThan(0);
    const c = consumer(double, leases, 'charlie', log);
    await c.start();
    await until(() => new Set([...log.map((e) => e.id), ...readLog(childLog).map((e) => e.id)]).size === KEYS * VERSIONS, 30_000, 'every record, by someone');

    const killed = readLog(childLog);
    const checkpointOf = new Map(atKill.map((l) => [l.shardId, l.checkpoint]));
    const afterCheckpoint = (e: Applied) => {
      const cp = checkpointOf.get(seqShard.get(e.seq)!);
      return cp === undefined || BigInt(e.seq) > BigInt(cp);
    };
    const killedIds = new Set(killed.map((e) => e.id));
    const repeated = log.filter((e) => killedIds.has(e.id));
    expect(repeated.every(afterCheckpoint)).toBe(true);
    expect(new Set(log.map((e) => e.id)).size).toBe(log.length); // alpha and charlie never overlap
    // Each key's history: what the killed consumer applied, then what the others applied after it.
    expect(perKeyOrderViolations([...killed, ...log])).toEqual([]);
    const takenFromKilled = killedHeld.map((l) => l.shardId);
    let after = atKill;
    await until(async () => {
      after = await leaseStore(leases, `shards-test ${double.streamArn}`).list();
      return after.filter((l) => takenFromKilled.includes(l.shardId)).every((l) => l.owner !== 'killed');
    }, 20_000, 'the killed consumer\'s leases taken over');
    expect(after.filter((l) => takenFromKilled.includes(l.shardId)).every((l) => l.owner === 'alpha' || l.owner === 'charlie')).toBe(true);
    expect(after.some((l) => l.owner === 'charlie' && takenFromKilled.includes(l.shardId))).toBe(true);
  });

  it('lease-table writes and reads that fail intermittently (throttling, resets, lost responses) lose nothing and apply nothing twice', async () => {
    const { double, leases } = await setup();
    const { accessKeyId } = await client.config.credentials();
    const proxy = await startFaultProxy({
      target: inject('dynamoEndpoint'),
      seed: 13,
      rates: { throttling: 0.15, 'reset-before': 0.1, 'reset-after': 0.1 },
    });
    open.push({ stop: () => proxy.stop() });
    const flaky = new DynamoDBClient({ endpoint: proxy.endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'local' }, maxAttempts: 1 });
    open.push({ stop: async () => flaky.destroy() });
    for (const s of ['F0', 'F1']) double.addShard(s);
    const feed = (v: number) => ['F0', 'F1'].forEach((s, i) => double.append(s, keys.filter((_, k) => k % 2 === i).map((k) => version(k, v))));
    feed(1);
    feed(2);
    const log: (Applied & { by: string })[] = [];
    const events: ConsumerEvent[] = [];
    const c = consumer(double, leaseTableCore(flaky, leases.name), 'flaky', log, events, { leaseDurationMs: 3000 });
    await c.start();
    feed(3);
    feed(4);
    await until(() => log.length >= KEYS * VERSIONS, 30_000, 'every record');
    await c.stop();
    expect(proxy.stats().requests).toBeGreaterThan(0);
    expect(Object.values(proxy.stats().injected).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'error')).toBe(true); // the faults reached the consumer
    expect(new Set(log.map((e) => e.id)).size).toBe(log.length);
    expect(log).toHaveLength(KEYS * VERSIONS);
    expect(perKeyOrderViolations(log)).toEqual([]);
  });
});


function spawnChild(double: StreamsApiDouble, leaseTableName: string, log: string, workerId: string) {
  return spawnConsumer(client, {
    tableName: counter.table.name,
    leaseTableName,
    application: 'shards-test',
    log,
    workerId,
    leaseDurationMs: 1500,
    delayMs: 20,
    batchSize: 5,
    streamsEndpoint: double.endpoint,
    streamsAccessKeyId: workerId,
    streamArn: double.streamArn,
  });
}
