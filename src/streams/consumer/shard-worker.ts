import type { StreamViewType } from '@aws-sdk/client-dynamodb';
import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import { StreamRecordError } from '../../errors.js';
import { processDynamoDBRecords } from '../dynamodb-stream-handler.js';
import { dispatchRecord, type StreamCallbacks } from '../record-dispatch.js';
import type { StreamBatchOptions } from '../stream-batch.js';
import type { DecodedRecord, StreamEntity } from '../stream-change.js';
import type { StreamDecoder } from '../stream-decoder.js';
import type { ConsumerEvent } from './consumer-events.js';
import type { LeaseStore, ShardLease } from './lease-store.js';
import { ShardReader } from './shard-reader.js';
import type { StreamsApi } from './streams-api.js';

/** What a shard worker shares with its consumer. @internal */
export interface WorkerContext<E extends StreamEntity, V extends StreamViewType> {
  readonly api: StreamsApi;
  readonly streamArn: string;
  readonly store: LeaseStore;
  readonly me: string;
  readonly decoder: StreamDecoder<E, V>;
  readonly callbacks: StreamCallbacks<E, V>;
  readonly batch: StreamBatchOptions;
  readonly run: { readonly concurrency: number; readonly sequential: boolean };
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  readonly retryDelayMs: number;
  readonly leaseDurationMs: number;
  readonly clock: () => number;
  /** Waits, or returns early when the consumer stops. */
  readonly sleep: (ms: number) => Promise<void>;
  readonly emit: (event: ConsumerEvent) => void;
  readonly stopping: () => boolean;
}

const seq = (record: _Record) => record.dynamodb?.SequenceNumber;
const atOrBefore = (a: string, b: string) => BigInt(a) <= BigInt(b);

/**
 * Reads one leased shard: pages in order, each run with the Lambda handlers'
 * contract (per-item order, an item stops at its first failure), the
 * checkpoint moved to the last record before the first one not applied, and
 * the rest read again after `retryDelayMs` (records applied meanwhile are
 * remembered and skipped). Stops when the consumer stops, the lease is lost
 * or handed over, or the shard is finished, and releases the lease.
 * @internal
 */
export class ShardWorker<E extends StreamEntity, V extends StreamViewType> {
  readonly shardId: string;
  /** Resolves when the worker has stopped and released (or lost) its lease. */
  readonly done: Promise<void>;
  private lease: ShardLease;
  private readonly reader: ShardReader;
  /** Last time (on the consumer's clock) a write proved the lease ours: the time it was sent. */
  private confirmedAt: number;
  private lost = false;
  private handoffTo: string | undefined;
  /** Checkpoint in memory: ahead of the stored one when its write failed. */
  private position: string | undefined;
  /** Records applied after the checkpoint (a failed batch is read again): id → sequence number. */
  private readonly appliedAhead = new Map<string, string>();
  private lastRecordTime: number | undefined;

  constructor(
    private readonly ctx: WorkerContext<E, V>,
    lease: ShardLease,
    takenAt: number,
  ) {
    this.shardId = lease.shardId;
    this.lease = lease;
    this.confirmedAt = takenAt;
    this.position = lease.checkpoint;
    this.reader = new ShardReader(ctx.api, ctx.streamArn, lease.shardId, lease.checkpoint, ctx.emit);
    this.done = this.loop();
  }

  /** A renewal succeeded (sent at `sentAt`); `lease` is the row it returned. */
  renewed(sentAt: number, lease: ShardLease): void {
    this.confirmedAt = Math.max(this.confirmedAt, sentAt);
    this.lease = lease;
    if (lease.handoffTo !== undefined && lease.handoffTo !== this.ctx.me) this.handoffTo = lease.handoffTo;
  }

  /** Another consumer holds the lease now. */
  markLost(): void {
    if (!this.lost) this.ctx.emit({ type: 'lease-lost', shardId: this.shardId });
    this.lost = true;
  }

  /** Whether this consumer may still apply records: holds the lease and renewed it within the lease duration. */
  holds(): boolean {
    return !this.lost && this.ctx.clock() - this.confirmedAt < this.ctx.leaseDurationMs;
  }

  private shouldStop(): boolean {
    return this.lost || this.handoffTo !== undefined || this.ctx.stopping();
  }

  private async loop(): Promise<void> {
    const { ctx } = this;
    while (!this.shouldStop()) {
      if (!this.holds()) {
        // Renewals failed for a whole lease duration: another consumer may take the shard now.
        await ctx.sleep(ctx.pollIntervalMs);
        continue;
      }
      let read;
      try {
        read = await this.reader.read(ctx.batchSize);
      } catch (error) {
        ctx.emit({ type: 'error', during: 'read', shardId: this.shardId, error });
        await ctx.sleep(ctx.retryDelayMs);
        continue;
      }
      if (read.reset) {
        await ctx.sleep(ctx.pollIntervalMs);
        continue;
      }
      this.reportLag(read.records);
      if (read.records.length > 0) {
        const clean = await this.apply(read.records);
        if (!clean) {
          await ctx.sleep(ctx.retryDelayMs);
          continue;
        }
      }
      if (read.end) {
        await this.finish();
        return;
      }
      if (read.records.length === 0) await ctx.sleep(ctx.pollIntervalMs);
    }
    await this.exit();
  }

  /** Runs one page; `false` when some records were not applied (they are read again). */
  private async apply(records: readonly _Record[]): Promise<boolean> {
    const { ctx } = this;
    const before = this.position;
    const fresh = records.filter((r) => !(r.eventID !== undefined && this.appliedAhead.has(r.eventID)));
    const guard = (record: DecodedRecord<E, V>) => {
      if (!this.holds()) {
        throw new StreamRecordError({
          reason: 'lease-lost',
          message: `stream record ${record.id} not applied: this consumer no longer holds the lease of shard ${this.shardId}`,
          recordId: record.id,
          entity: record.entity,
        });
      }
      return dispatchRecord(record, ctx.callbacks, ctx.batch);
    };
    const result = await processDynamoDBRecords(ctx.decoder, fresh, guard as StreamCallbacks<E, V>, { ...ctx.batch, unknown: guard as never, invalid: guard as never }, ctx.run);
    const notApplied = new Set(result.failures.map((f) => f.record.raw));
    const firstFailed = records.findIndex((r) => notApplied.has(r));
    const upTo = firstFailed === -1 ? seq(records.at(-1)!) : firstFailed === 0 ? before : seq(records[firstFailed - 1]!);
    if (firstFailed !== -1) {
      for (let i = firstFailed; i < records.length; i++) {
        const r = records[i]!;
        if (r.eventID !== undefined && !notApplied.has(r) && seq(r) !== undefined) this.appliedAhead.set(r.eventID, seq(r)!);
      }
    }
    if (upTo !== undefined) for (const [id, s] of this.appliedAhead) if (atOrBefore(s, upTo)) this.appliedAhead.delete(id);
    const stored = await this.checkpoint(upTo, false);
    ctx.emit({
      type: 'progress',
      shardId: this.shardId,
      applied: result.applied,
      notApplied: result.failures.length,
      skipped: records.length - fresh.length,
      checkpoint: stored,
    });
    if (firstFailed === -1) return true;
    ctx.emit({ type: 'batch-failed', shardId: this.shardId, failures: result.failures.map((f) => ({ recordId: f.record.id, error: f.error })) });
    this.reader.restartAfter(upTo);
    ctx.emit({ type: 'iterator-reset', shardId: this.shardId, reason: 'retry', from: upTo });
    return false;
  }

  /** Stores the checkpoint; returns the position kept (stored, or in memory when the write failed). */
  private async checkpoint(sequenceNumber: string | undefined, finished: boolean): Promise<string | undefined> {
    if (sequenceNumber !== undefined) this.position = sequenceNumber;
    if (!finished && this.position === this.lease.checkpoint) return this.position;
    if (this.lost) return this.position;
    const sentAt = this.ctx.clock();
    try {
      const lease = await this.ctx.store.checkpoint(this.shardId, this.ctx.me, this.position, finished);
      if (lease === undefined) this.markLost();
      else this.renewed(sentAt, lease);
    } catch (error) {
      this.ctx.emit({ type: 'error', during: 'checkpoint', shardId: this.shardId, error });
      if (finished) throw error;
    }
    return this.position;
  }

  private async finish(): Promise<void> {
    for (let attempt = 0; !this.lost; attempt++) {
      try {
        await this.checkpoint(undefined, true);
        break;
      } catch {
        if (this.ctx.stopping() && attempt >= 2) return this.exit();
        await this.ctx.sleep(this.ctx.retryDelayMs);
      }
    }
    if (this.lost) return;
    this.ctx.emit({ type: 'shard-finished', shardId: this.shardId });
    await this.release(undefined);
  }

  private async exit(): Promise<void> {
    if (this.lost) return;
    await this.checkpoint(undefined, false);
    if (!this.lost) await this.release(this.handoffTo);
  }

  private async release(to: string | undefined): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        if (!(await this.ctx.store.release(this.shardId, this.ctx.me, to))) return this.markLost();
        this.ctx.emit({ type: 'lease-released', shardId: this.shardId, to, checkpoint: this.position });
        return;
      } catch (error) {
        this.ctx.emit({ type: 'error', during: 'release', shardId: this.shardId, error });
        if (attempt < 2) await this.ctx.sleep(this.ctx.retryDelayMs);
      }
    }
    // Not released: the lease expires after its duration and another consumer takes it from the checkpoint.
  }

  private reportLag(records: readonly _Record[]): void {
    const now = this.ctx.clock();
    const newest = records.at(-1)?.dynamodb?.ApproximateCreationDateTime;
    if (newest instanceof Date) this.lastRecordTime = newest.getTime();
    const atTip = records.length === 0;
    this.ctx.emit({
      type: 'lag',
      shardId: this.shardId,
      atTip,
      lagMs: atTip || this.lastRecordTime === undefined ? 0 : Math.max(0, now - this.lastRecordTime),
      lastRecordAgeMs: this.lastRecordTime === undefined ? undefined : Math.max(0, now - this.lastRecordTime),
    });
  }
}
