/** What the consumer was doing when an error happened. */
export type ConsumerActivity = 'sync' | 'balance' | 'renew' | 'take' | 'read' | 'checkpoint' | 'release' | 'handoff';

/**
 * Everything the polling consumer reports, as one discriminated union
 * (`onEvent`). Handlers run synchronously; what they throw is ignored.
 */
export type ConsumerEvent =
  /** A shard appeared in the stream and got its lease row. */
  | { readonly type: 'shard-discovered'; readonly shardId: string; readonly parent: string | undefined }
  /** This consumer took the lease of a shard (free, expired, or handed over) and starts reading after `checkpoint`. */
  | { readonly type: 'lease-taken'; readonly shardId: string; readonly from: string | undefined; readonly checkpoint: string | undefined }
  /** The lease was taken by another consumer (this one did not renew it in time): reading stopped. */
  | { readonly type: 'lease-lost'; readonly shardId: string }
  /** This consumer gave the lease up (`stop()`, a handoff, or the shard finished); `to` is the consumer it was handed to. */
  | { readonly type: 'lease-released'; readonly shardId: string; readonly to: string | undefined; readonly checkpoint: string | undefined }
  /** This consumer asked `owner` to hand a lease over (balancing). */
  | { readonly type: 'handoff-requested'; readonly shardId: string; readonly owner: string }
  /** A closed shard was read to its end; its children may now be read. */
  | { readonly type: 'shard-finished'; readonly shardId: string }
  /** A batch ran: records applied, not applied, and the checkpoint now stored (or kept in memory, when the write failed). */
  | {
      readonly type: 'progress';
      readonly shardId: string;
      readonly applied: number;
      readonly notApplied: number;
      readonly skipped: number;
      readonly checkpoint: string | undefined;
    }
  /**
   * After every read: `atTip` when the read returned nothing new (lag 0);
   * otherwise `lagMs` is the age of the newest record read (DynamoDB Streams
   * has no `MillisBehindLatest`). `lastRecordAgeMs` is the age of the last
   * record read from the shard so far (`undefined` before the first).
   * Creation times are whole seconds on AWS (minutes on DynamoDB Local).
   */
  | { readonly type: 'lag'; readonly shardId: string; readonly atTip: boolean; readonly lagMs: number; readonly lastRecordAgeMs: number | undefined }
  /**
   * The shard iterator was replaced: `expired` (older than 15 minutes),
   * `trimmed` (`TrimmedDataAccessException`: DynamoDB Local's empty-shard bug,
   * or records past the 24 h retention on AWS), `retry` (after a failed batch).
   * `from` is the sequence number it restarts after (`undefined`: the shard's start).
   */
  | { readonly type: 'iterator-reset'; readonly shardId: string; readonly reason: 'expired' | 'trimmed' | 'retry'; readonly from: string | undefined }
  /** A batch had records not applied; they are read again after `retryDelayMs`. */
  | { readonly type: 'batch-failed'; readonly shardId: string; readonly failures: readonly { readonly recordId: string; readonly error: unknown }[] }
  /** A Streams API or lease-table call failed; the consumer goes on (retrying) unless it says otherwise. */
  | { readonly type: 'error'; readonly during: ConsumerActivity; readonly shardId: string | undefined; readonly error: unknown };

/** Calls the event hook, shielding the consumer from what it throws. @internal */
export function emitter(onEvent: ((event: ConsumerEvent) => void) | undefined): (event: ConsumerEvent) => void {
  if (!onEvent) return () => undefined;
  return (event) => {
    try {
      onEvent(event);
    } catch {
      // an observer must not change what the consumer does
    }
  };
}
