import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import type { ConsumerEvent } from './consumer-events.js';
import type { StreamsApi } from './streams-api.js';

/** One read of a shard. @internal */
export interface ShardRead {
  readonly records: readonly _Record[];
  /** The shard is closed and every record has been read. */
  readonly end: boolean;
  /** The iterator had to be replaced; nothing was read (wait before reading again). */
  readonly reset: boolean;
}

/**
 * Reads one shard from a position (after a sequence number, or its start)
 * and owns the iterator: replaces it when it expires (15 minutes) and on
 * `TrimmedDataAccessException`, which DynamoDB Local raises for an iterator
 * taken while the shard was empty and AWS for records past retention. Both
 * restart after the last record read, or at `TRIM_HORIZON` when there is
 * none (or that record itself was trimmed), which is correct on both.
 * @internal
 */
export class ShardReader {
  /** The sequence number the current iterator starts after; `undefined`: the shard's start. */
  after: string | undefined;
  private iterator: string | undefined;

  constructor(
    private readonly api: StreamsApi,
    private readonly streamArn: string,
    readonly shardId: string,
    after: string | undefined,
    private readonly emit: (event: ConsumerEvent) => void,
  ) {
    this.after = after;
  }

  /** Reads the next page; Streams API errors other than the two above are thrown (as `DynamoDBError`). */
  async read(limit: number): Promise<ShardRead> {
    this.iterator ??= await this.acquire();
    if (this.iterator === undefined) return { records: [], end: true, reset: false };
    let page;
    try {
      page = await this.api.records(this.iterator, limit);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ExpiredIteratorException' || code === 'TrimmedDataAccessException') {
        this.iterator = undefined;
        this.emit({ type: 'iterator-reset', shardId: this.shardId, reason: code === 'ExpiredIteratorException' ? 'expired' : 'trimmed', from: this.after });
        return { records: [], end: false, reset: true };
      }
      throw error;
    }
    const last = page.records.at(-1)?.dynamodb?.SequenceNumber;
    if (last !== undefined) this.after = last;
    this.iterator = page.next;
    return { records: page.records, end: page.next === undefined, reset: false };
  }

  /** Drops the iterator: the next read starts after `sequenceNumber` (to read failed records again). */
  restartAfter(sequenceNumber: string | undefined): void {
    this.after = sequenceNumber;
    this.iterator = undefined;
  }

  private async acquire(): Promise<string | undefined> {
    if (this.after === undefined) return this.api.iterator(this.streamArn, this.shardId, { type: 'TRIM_HORIZON' });
    try {
      return await this.api.iterator(this.streamArn, this.shardId, { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: this.after });
    } catch (error) {
      if ((error as { code?: string }).code !== 'TrimmedDataAccessException') throw error;
      // The record itself is past retention: what follows it may be too; read what is left.
      this.emit({ type: 'iterator-reset', shardId: this.shardId, reason: 'trimmed', from: undefined });
      this.after = undefined;
      return this.api.iterator(this.streamArn, this.shardId, { type: 'TRIM_HORIZON' });
    }
  }
}
