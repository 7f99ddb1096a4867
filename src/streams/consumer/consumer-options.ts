import type { StreamViewType } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { ConfigurationError } from '../../errors.js';
import type { TableCore } from '../../facades/table-core.js';
import type { StreamCallbacks } from '../record-dispatch.js';
import type { StreamBatchOptions } from '../stream-batch.js';
import type { StreamEntity } from '../stream-change.js';
import type { StreamDecoder } from '../stream-decoder.js';
import type { ConsumerEvent } from './consumer-events.js';

/** Options of {@link streamConsumer}. */
export interface StreamConsumerOptions<E extends StreamEntity, V extends StreamViewType> extends StreamBatchOptions {
  /** Decodes the records (its entities' table is the one whose stream is read). */
  readonly decoder: StreamDecoder<E, V>;
  /** The same callbacks as the Lambda handlers take. */
  readonly callbacks: StreamCallbacks<E, V>;
  /**
   * The tablewright table (`Table` or `TableCore`, with a sort key) the lease
   * and checkpoint rows live in: its own table, or the application's table
   * (rows of entity `TablewrightStreamLease`, keys `STREAM-LEASE#<group>` /
   * `SHARD#<shardId>`). It must exist.
   */
  readonly leaseTable: TableCore;
  /** The consumer group: consumers with the same name share the shards and the checkpoints. */
  readonly application: string;
  /** This consumer's id in the lease rows. Default: a random UUID (a restarted process is a new consumer). */
  readonly workerId?: string | undefined;
  /** The stream to read. Default: the `LatestStreamArn` of the decoder's table (one DescribeTable at start). */
  readonly streamArn?: string | undefined;
  /** The Streams API client. Default: one built from the table client's region, endpoint and credentials. */
  readonly streamsClient?: DynamoDBStreamsClient | undefined;
  /** GetRecords `Limit` (1–1,000). Default 1,000. */
  readonly batchSize?: number | undefined;
  /** Wait at the tip of a shard before reading again (ms). Default 1,000. */
  readonly pollIntervalMs?: number | undefined;
  /**
   * A lease whose counter did not change for this long (on the observer's
   * clock) is taken over; its owner stops applying records once it could not
   * renew for this long (ms). Default 10,000.
   */
  readonly leaseDurationMs?: number | undefined;
  /** How often leases are renewed and balanced (ms). Default: a third of `leaseDurationMs`. */
  readonly renewIntervalMs?: number | undefined;
  /** How often the stream's shards are listed (ms). Default 10,000 (and right after a shard finishes). */
  readonly shardSyncIntervalMs?: number | undefined;
  /** Wait before reading records that were not applied again, and after a failed call (ms). Default 1,000. */
  readonly retryDelayMs?: number | undefined;
  /** Everything the consumer does: leases, progress, lag, resets, errors. */
  readonly onEvent?: ((event: ConsumerEvent) => void) | undefined;
  /** The clock lease expiry is measured with (ms). Default `Date.now`. */
  readonly clock?: (() => number) | undefined;
}

/** The options with their defaults, checked. @internal */
export interface ConsumerSettings {
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  readonly leaseDurationMs: number;
  readonly renewIntervalMs: number;
  readonly shardSyncIntervalMs: number;
  readonly retryDelayMs: number;
}

/** Reads and checks the timing options once. @internal */
export function consumerSettings(options: StreamConsumerOptions<StreamEntity, StreamViewType>): ConsumerSettings {
  const positive = (name: keyof ConsumerSettings, value: number | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER) => {
    const v = value ?? fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) {
      throw new ConfigurationError(`streamConsumer: ${name} must be an integer from 1 to ${max}, got ${String(value)}`);
    }
    return v;
  };
  if (typeof options.application !== 'string' || options.application.length === 0) {
    throw new ConfigurationError('streamConsumer: application (the consumer group name) must be a non-empty string');
  }
  if (!options.decoder || typeof options.decoder.decode !== 'function') throw new ConfigurationError('streamConsumer: decoder must be a streamDecoder(…)');
  if (!options.leaseTable?.model) throw new ConfigurationError('streamConsumer: leaseTable must be a tablewright Table or TableCore');
  if (options.workerId !== undefined && (typeof options.workerId !== 'string' || options.workerId.length === 0)) {
    throw new ConfigurationError('streamConsumer: workerId must be a non-empty string');
  }
  const leaseDurationMs = positive('leaseDurationMs', options.leaseDurationMs, 10_000);
  const renewIntervalMs = positive('renewIntervalMs', options.renewIntervalMs, Math.max(1, Math.floor(leaseDurationMs / 3)));
  if (renewIntervalMs >= leaseDurationMs) {
    throw new ConfigurationError(`streamConsumer: renewIntervalMs (${renewIntervalMs}) must be shorter than leaseDurationMs (${leaseDurationMs})`);
  }
  return {
    batchSize: positive('batchSize', options.batchSize, 1000, 1000),
    pollIntervalMs: positive('pollIntervalMs', options.pollIntervalMs, 1000),
    leaseDurationMs,
    renewIntervalMs,
    shardSyncIntervalMs: positive('shardSyncIntervalMs', options.shardSyncIntervalMs, 10_000),
    retryDelayMs: positive('retryDelayMs', options.retryDelayMs, 1000),
  };
}
