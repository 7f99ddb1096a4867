/**
 * TEST DOUBLE — a DynamoDB Streams API server (the AWS JSON 1.0 protocol the
 * real `DynamoDBStreamsClient` speaks: `x-amz-target:
 * DynamoDBStreams_20120810.<Operation>`, `__type` errors) serving the
 * multi-shard topologies DynamoDB Local never has (it always has one open
 * shard). It follows dynamodb-facts.md §4:
 *
 * - DescribeStream lists shards with `ParentShardId` and a
 *   `SequenceNumberRange` whose `EndingSequenceNumber` is set once a shard is
 *   closed; pages of `pageSize` shards with `LastEvaluatedShardId`.
 * - GetShardIterator: TRIM_HORIZON, LATEST, AT_/AFTER_SEQUENCE_NUMBER.
 *   Iterators are opaque; they expire (`ExpiredIteratorException`) when the
 *   test calls `expireIterators()` (standing in for the 15-minute limit).
 * - GetRecords returns at most `Limit` (≤ 1,000) records in shard order;
 *   an open shard at its tip returns none and a next iterator; a closed shard
 *   read to its end returns no `NextShardIterator`.
 * - Records before a shard's trim horizon are gone:
 *   `TrimmedDataAccessException` for an iterator pointing there, also from
 *   GetShardIterator for AFTER/AT a trimmed sequence number.
 * - `splitShard` closes a shard and opens children whose `ParentShardId` is
 *   it, as DynamoDB does when it splits a partition.
 *
 * Records are given in the SDK's shape (`_Record`, e.g. read from Local's real
 * stream) and served as JSON (`ApproximateCreationDateTime` epoch seconds,
 * binaries base64). Sequence numbers are re-issued per shard (21 digits,
 * increasing) so several shards stay independent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { _Record } from '@aws-sdk/client-dynamodb-streams';

interface ShardState {
  readonly shardId: string;
  readonly parent: string | undefined;
  readonly records: Record<string, unknown>[];
  readonly start: bigint;
  closed: boolean;
  /** Records with an index below this are trimmed. */
  trimmed: number;
}

/** One GetRecords call the double answered. */
export interface ReadLogEntry {
  readonly shardId: string;
  /** The access key id the request was signed with (one per consumer in the tests). */
  readonly accessKeyId: string;
  readonly count: number;
}

export interface StreamsApiDouble {
  /** Point a `DynamoDBStreamsClient`'s `endpoint` here. */
  readonly endpoint: string;
  readonly streamArn: string;
  /** Adds an open shard (a root when `parent` is undefined). */
  addShard(shardId: string, parent?: string): void;
  /** Appends records to an open shard; returns the sequence numbers given. */
  append(shardId: string, records: readonly _Record[]): string[];
  /** Closes a shard: no more records, and its readers reach an end. */
  closeShard(shardId: string): void;
  /** Closes `shardId` and opens `children` with it as parent. */
  splitShard(shardId: string, children: readonly string[]): void;
  /** Trims the first `count` records of a shard. */
  trim(shardId: string, count: number): void;
  /** Every iterator issued so far is expired. */
  expireIterators(): void;
  /** GetRecords calls, in order. */
  readonly reads: readonly ReadLogEntry[];
  /** Requests by operation. */
  readonly calls: Record<string, number>;
  close(): Promise<void>;
}

class Fault extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export async function startStreamsApiDouble(options: { streamArn?: string; pageSize?: number } = {}): Promise<StreamsApiDouble> {
  const streamArn = options.streamArn ?? 'arn:aws:dynamodb:us-east-1:000000000000:table/double/stream/2026-12-01T00:00:00.000';
  const pageSize = options.pageSize ?? 100;
  const shards = new Map<string, ShardState>();
  const reads: ReadLogEntry[] = [];
  const calls: Record<string, number> = {};
  let epoch = 0;
  let shardCount = 0;

  const seqAt = (shard: ShardState, index: number) => String(shard.start + BigInt(index)).padStart(21, '0');
  const shard = (id: unknown) => {
    const s = shards.get(String(id));
    if (!s) throw new Fault('ResourceNotFoundException', `Requested resource not found: Shard: ${String(id)} in Stream: ${streamArn}`);
    return s;
  };
  const indexOf = (s: ShardState, sequenceNumber: unknown) => {
    const n = BigInt(String(sequenceNumber)) - s.start;
    if (n < 0n || n >= BigInt(s.records.length)) throw new Fault('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
    return Number(n);
  };
  const iterator = (s: ShardState, index: number) => Buffer.from(JSON.stringify({ s: s.shardId, i: index, e: epoch })).toString('base64');

  const handlers: Record<string, (body: Record<string, unknown>, accessKeyId: string) => unknown> = {
    DescribeStream(body) {
      if (body.StreamArn !== streamArn) throw new Fault('ResourceNotFoundException', `Requested resource not found: Stream: ${String(body.StreamArn)} not found`);
      const all = [...shards.values()];
      const from = body.ExclusiveStartShardId ? all.findIndex((s) => s.shardId === body.ExclusiveStartShardId) + 1 : 0;
      const limit = Math.min(Number(body.Limit ?? pageSize), pageSize);
      const page = all.slice(from, from + limit);
      const more = from + limit < all.length;
      return {
        StreamDescription: {
          StreamArn: streamArn,
          StreamLabel: streamArn.split('/').at(-1),
          StreamStatus: 'ENABLED',
          StreamViewType: 'NEW_AND_OLD_IMAGES',
          TableName: 'double',
          Shards: page.map((s) => ({
            ShardId: s.shardId,
            ...(s.parent ? { ParentShardId: s.parent } : {}),
            SequenceNumberRange: {
              StartingSequenceNumber: seqAt(s, 0),
              ...(s.closed ? { EndingSequenceNumber: seqAt(s, Math.max(0, s.records.length - 1)) } : {}),
            },
          })),
          ...(more ? { LastEvaluatedShardId: page.at(-1)!.shardId } : {}),
        },
      };
    },
    GetShardIterator(body) {
      const s = shard(body.ShardId);
      switch (body.ShardIteratorType) {
        case 'TRIM_HORIZON':
          return { ShardIterator: iterator(s, s.trimmed) };
        case 'LATEST':
          return { ShardIterator: iterator(s, s.records.length) };
        case 'AT_SEQUENCE_NUMBER':
        case 'AFTER_SEQUENCE_NUMBER': {
          const at = indexOf(s, body.SequenceNumber) + (body.ShardIteratorType === 'AFTER_SEQUENCE_NUMBER' ? 1 : 0);
          if (at < s.trimmed) throw new Fault('TrimmedDataAccessException', 'The operation attempted to read past the oldest stream record in a shard.');
          return { ShardIterator: iterator(s, at) };
        }
        default:
          throw new Fault('ValidationException', `Invalid ShardIteratorType: ${String(body.ShardIteratorType)}`);
      }
    },
    GetRecords(body, accessKeyId) {
      let parsed: { s: string; i: number; e: number };
      try {
        parsed = JSON.parse(Buffer.from(String(body.ShardIterator), 'base64').toString('utf8'));
      } catch {
        throw new Fault('ValidationException', 'Invalid ShardIterator');
      }
      if (parsed.e !== epoch) throw new Fault('ExpiredIteratorException', 'Iterator expired');
      const s = shard(parsed.s);
      if (parsed.i < s.trimmed) throw new Fault('TrimmedDataAccessException', 'The operation attempted to read past the oldest stream record in a shard.');
      const limit = Math.min(Number(body.Limit ?? 1000), 1000);
      const records = s.records.slice(parsed.i, parsed.i + limit);
      const next = parsed.i + records.length;
      reads.push({ shardId: s.shardId, accessKeyId, count: records.length });
      const ended = s.closed && next >= s.records.length;
      return { Records: records, ...(ended ? {} : { NextShardIterator: iterator(s, next) }) };
    },
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').split('.').at(-1) ?? '';
      const accessKeyId = /Credential=([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
      calls[operation] = (calls[operation] ?? 0) + 1;
      let status = 200;
      let out: unknown;
      try {
        const handler = handlers[operation];
        if (!handler) throw new Fault('UnknownOperationException', `unknown operation ${operation}`);
        out = handler(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'), accessKeyId);
      } catch (error) {
        const fault = error instanceof Fault ? error : new Fault('InternalFailure', String(error), 500);
        status = fault.status;
        out = { __type: `com.amazonaws.dynamodb.v20120810#${fault.type}`, message: fault.message };
      }
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const open = (id: string) => {
    const s = shard(id);
    if (s.closed) throw new Error(`TEST DOUBLE: shard ${id} is closed`);
    return s;
  };
  const double: StreamsApiDouble = {
    endpoint: `http://127.0.0.1:${port}`,
    streamArn,
    addShard(shardId, parent) {
      if (shards.has(shardId)) throw new Error(`TEST DOUBLE: shard ${shardId} exists`);
      shards.set(shardId, { shardId, parent, records: [], start: BigInt(++shardCount) * 10n ** 18n, closed: false, trimmed: 0 });
    },
    append(shardId, records) {
      const s = open(shardId);
      return records.map((record) => {
        const sequenceNumber = seqAt(s, s.records.length);
        s.records.push(toWire(record, sequenceNumber));
        return sequenceNumber;
      });
    },
    closeShard(shardId) {
      open(shardId).closed = true;
    },
    splitShard(shardId, children) {
      double.closeShard(shardId);
      for (const child of children) double.addShard(child, shardId);
    },
    trim(shardId, count) {
      const s = shard(shardId);
      s.trimmed = Math.min(s.records.length, s.trimmed + count);
    },
    expireIterators() {
      epoch++;
    },
    reads,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return double;
}

/** A record as the Streams API sends it (JSON), with the double's sequence number. */
function toWire(record: _Record, sequenceNumber: string): Record<string, unknown> {
  const d = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor((d.ApproximateCreationDateTime?.getTime() ?? Date.now()) / 1000),
      Keys: json(d.Keys),
      ...(d.NewImage ? { NewImage: json(d.NewImage) } : {}),
      ...(d.OldImage ? { OldImage: json(d.OldImage) } : {}),
      SequenceNumber: sequenceNumber,
      SizeBytes: d.SizeBytes ?? 0,
      StreamViewType: d.StreamViewType ?? 'NEW_AND_OLD_IMAGES',
    },
    ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
  };
}

function json(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Set) return [...value].map(json);
  if (Array.isArray(value)) return value.map(json);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = json(v);
    return out;
  }
  return value;
}
