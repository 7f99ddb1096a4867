import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, type StreamViewType } from '@aws-sdk/client-dynamodb';
import { ConfigurationError, TableNotFoundError } from '../../errors.js';
import { mapAwsError } from '../../request/map-error.js';
import { batchOptions } from '../stream-batch.js';
import type { StreamEntity } from '../stream-change.js';
import { emitter } from './consumer-events.js';
import { consumerSettings, type StreamConsumerOptions } from './consumer-options.js';
import { balance, observe, type Observation } from './lease-balancer.js';
import { leaseStore, type ConsumerHeartbeat, type LeaseStore, type ShardLease } from './lease-store.js';
import { ShardWorker, type WorkerContext } from './shard-worker.js';
import { loadStreamsApi, type StreamsApi } from './streams-api.js';

interface State {
  leases: ShardLease[];
  consumers: ConsumerHeartbeat[];
  shards: Set<string>;
  observations: Map<string, Observation>;
  syncedAt: number;
}

/** A running (or stopped) polling consumer. */
export interface StreamConsumer {
  /** This consumer's id in the lease rows. */
  readonly workerId: string;
  /** Resolves the stream, lists its shards, writes missing leases, then reads in the background. */
  start(): Promise<void>;
  /**
   * Stops gracefully: records in flight finish, each shard's checkpoint is
   * written and its lease released (so another consumer takes it at once).
   * Idempotent.
   */
  stop(): Promise<void>;
  /** The shards this consumer reads now. */
  readonly shards: readonly string[];
}

/**
 * A polling consumer for a table's DynamoDB stream, for services outside
 * Lambda: the same decoder, callbacks and per-item failure contract as
 * {@link dynamoDBStreamHandler}, with shard discovery and lineage (a child is
 * read only after its parent is drained), and leases and checkpoints in a
 * tablewright table so that several processes share the shards, a dead one's
 * shards are taken over after its lease expires, and a restart resumes after
 * the last checkpoint. At-least-once: records after the last stored
 * checkpoint may run again (dedupe by `record.id`). See docs/streams.md for
 * the lease rules and the failure contract.
 *
 * Needs the optional peer `@aws-sdk/client-dynamodb-streams`.
 *
 * @example
 * ```ts
 * import { streamConsumer, streamDecoder } from 'tablewright/streams';
 *
 * declare const search: { update(key: object, status: string): Promise<void> };
 * const leaseTable = new Table({ name: 'stream-leases', client, partitionKey: 'pk', sortKey: 'sk' });
 * const consumer = streamConsumer({
 *   decoder: streamDecoder([Order], { view: 'NEW_AND_OLD_IMAGES' }),
 *   callbacks: (r) => (r.kind === 'modify' ? search.update(r.keys, r.newItem.status) : undefined),
 *   leaseTable,
 *   application: 'search-indexer',
 *   onEvent: (e) => void (e.type === 'error' && console.error(e.error)),
 * });
 * await consumer.start();
 * process.on('SIGTERM', () => void consumer.stop());
 * ```
 */
export function streamConsumer<E extends StreamEntity, V extends StreamViewType>(options: StreamConsumerOptions<E, V>): StreamConsumer {
  const settings = consumerSettings(options as never);
  const run = batchOptions(options);
  const me = options.workerId ?? randomUUID();
  const clock = options.clock ?? Date.now;
  const emit = emitter(options.onEvent);
  const stopper = new AbortController();
  const workers = new Map<string, ShardWorker<E, V>>();
  let started: Promise<void> | undefined;
  let loop: Promise<void> | undefined;
  let stopped: Promise<void> | undefined;
  let close: () => void = () => undefined;
  let leave: () => Promise<void> = async () => undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopper.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        stopper.signal.removeEventListener('abort', done);
        resolve();
      }
      stopper.signal.addEventListener('abort', done);
    });

  const begin = async () => {
    const table = options.decoder.entities.values().next().value!.model.table;
    const streamArn = options.streamArn ?? (await latestStreamArn(table));
    const loaded = await loadStreamsApi(table.client, options.streamsClient);
    close = loaded.close;
    const store = leaseStore(options.leaseTable, `${options.application} ${streamArn}`);
    const ctx: WorkerContext<E, V> = {
      api: loaded.api,
      streamArn,
      store,
      me,
      decoder: options.decoder,
      callbacks: options.callbacks,
      batch: options,
      run,
      ...settings,
      clock,
      sleep,
      emit,
      stopping: () => stopper.signal.aborted,
    };
    const state = { leases: [] as ShardLease[], consumers: [] as ConsumerHeartbeat[], shards: new Set<string>(), observations: new Map<string, Observation>(), syncedAt: -Infinity };
    leave = () => store.leave(me);
    try {
      await store.heartbeat(me);
      await refresh(store, state);
      await syncShards(loaded.api, streamArn, store, state);
    } catch (error) {
      // A missing lease table or stream is the caller's to fix; a transient failure is retried by the loop.
      if (error instanceof ConfigurationError || error instanceof TableNotFoundError) throw error;
      emit({ type: 'error', during: 'sync', shardId: undefined, error });
    }
    loop = (async () => {
      while (!stopper.signal.aborted) {
        await round(ctx, state);
        await sleep(settings.renewIntervalMs);
      }
    })();
  };

  const refresh = async (store: LeaseStore, state: State) => {
    const [leases, consumers] = await Promise.all([store.list(), store.consumers()]);
    state.leases = leases;
    state.consumers = consumers;
    state.observations = observe(state.observations, leases, clock(), consumers);
  };

  const syncShards = async (api: StreamsApi, streamArn: string, store: LeaseStore, state: State) => {
    const shards = await api.listShards(streamArn);
    state.shards = new Set(shards.map((s) => s.shardId));
    const known = new Set(state.leases.map((l) => l.shardId));
    let created = false;
    for (const shard of shards) {
      if (known.has(shard.shardId)) continue;
      if (await store.create(shard.shardId, shard.parentShardId)) {
        created = true;
        emit({ type: 'shard-discovered', shardId: shard.shardId, parent: shard.parentShardId });
      }
    }
    state.syncedAt = clock();
    if (created) await refresh(store, state);
  };

  const round = async (ctx: WorkerContext<E, V>, state: State) => {
    try {
      await ctx.store.heartbeat(me);
    } catch (error) {
      emit({ type: 'error', during: 'renew', shardId: undefined, error });
    }
    for (const [shardId, worker] of workers) {
      const sentAt = clock();
      try {
        const lease = await ctx.store.renew(shardId, me);
        if (lease === undefined) worker.markLost();
        else worker.renewed(sentAt, lease);
      } catch (error) {
        emit({ type: 'error', during: 'renew', shardId, error });
      }
    }
    try {
      await refresh(ctx.store, state);
      if (clock() - state.syncedAt >= settings.shardSyncIntervalMs) await syncShards(ctx.api, ctx.streamArn, ctx.store, state);
    } catch (error) {
      emit({ type: 'error', during: 'sync', shardId: undefined, error });
      return;
    }
    if (stopper.signal.aborted) return;
    // Leases the table says are ours with no worker: handed over to us, or a take whose response was lost.
    for (const lease of state.leases) {
      if (lease.owner === me && !lease.finished && !workers.has(lease.shardId) && state.shards.has(lease.shardId)) startWorker(ctx, lease, clock(), undefined);
    }
    const decision = balance({
      me,
      leases: state.leases,
      consumers: state.consumers,
      observations: state.observations,
      streamShards: state.shards,
      now: clock(),
      leaseDurationMs: settings.leaseDurationMs,
    });
    for (const lease of decision.take) {
      const sentAt = clock();
      try {
        const taken = await ctx.store.take(lease, me);
        if (taken) startWorker(ctx, taken, sentAt, lease.owner);
      } catch (error) {
        emit({ type: 'error', during: 'take', shardId: lease.shardId, error });
      }
    }
    if (decision.handoff) {
      try {
        if (await ctx.store.requestHandoff(decision.handoff, me)) emit({ type: 'handoff-requested', shardId: decision.handoff.shardId, owner: decision.handoff.owner! });
      } catch (error) {
        emit({ type: 'error', during: 'handoff', shardId: decision.handoff.shardId, error });
      }
    }
  };

  const startWorker = (ctx: WorkerContext<E, V>, lease: ShardLease, takenAt: number, from: string | undefined) => {
    emit({ type: 'lease-taken', shardId: lease.shardId, from, checkpoint: lease.checkpoint });
    const worker = new ShardWorker(ctx, lease, takenAt);
    workers.set(lease.shardId, worker);
    void worker.done.then(
      () => workers.get(lease.shardId) === worker && workers.delete(lease.shardId),
      (error: unknown) => {
        workers.delete(lease.shardId);
        emit({ type: 'error', during: 'read', shardId: lease.shardId, error });
      },
    );
  };

  return {
    workerId: me,
    get shards() {
      return [...workers.keys()];
    },
    start() {
      if (stopper.signal.aborted) return Promise.reject(new ConfigurationError('streamConsumer: a stopped consumer cannot start again; create a new one'));
      started ??= begin();
      return started;
    },
    stop() {
      stopped ??= (async () => {
        stopper.abort();
        await started?.catch(() => undefined);
        await loop;
        await Promise.all([...workers.values()].map((w) => w.done.catch(() => undefined)));
        // Gone: the others need not wait a lease duration to stop counting this consumer.
        await leave().catch((error: unknown) => emit({ type: 'error', during: 'release', shardId: undefined, error }));
        close();
      })();
      return stopped;
    },
  };
}

async function latestStreamArn(table: { name: string; client: import('@aws-sdk/client-dynamodb').DynamoDBClient }): Promise<string> {
  let arn: string | undefined;
  try {
    arn = (await table.client.send(new DescribeTableCommand({ TableName: table.name }))).Table?.LatestStreamArn;
  } catch (error) {
    throw mapAwsError(error, { table: table.name });
  }
  if (!arn) throw new ConfigurationError(`streamConsumer: table ${table.name} has no stream; enable one (stream: 'NEW_AND_OLD_IMAGES') or pass streamArn`);
  return arn;
}
