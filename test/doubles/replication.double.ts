import { DeleteItemCommand, DescribeTableCommand, DynamoDBClient, PutItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';

/**
 * TEST DOUBLE — global-table replication between DynamoDB Local instances,
 * one instance per Region (../shared/docs/dynamodb-facts.md §5.2, MREC).
 * It follows each instance's real stream (NEW_AND_OLD_IMAGES) and applies
 * each change to the other Regions' table after `delayMs`: asynchronous, item
 * by item, whole item last-writer-wins by a per-item write timestamp (the
 * time the double saw the change, or `timestampOf(image)` when given), no
 * conflict reported. With `timestampAttribute` (a Number attribute holding
 * each item's write time, e.g. the Region stamp's `_rt`) the timestamp is
 * read from it and the comparison is atomic in the target, as in AWS: the
 * replicated write is conditional on the target's item being older, so a
 * local write there that is not yet in its stream still wins if newer. Its own replicated writes show up in the target's
 * stream too, as in AWS; it recognises and does not re-replicate them.
 * Changes for a Region that is down wait until it answers again.
 */
export interface Replication {
  /** Resolves once every change seen so far has reached every Region (or `timeoutMs` passes: rejects). */
  settle(timeoutMs?: number): Promise<void>;
  /** Copies every item of `from` into `target` (a replica rebuilt after its instance restarted empty), then follows the new stream. */
  resync(target: string, from: string): Promise<void>;
  /** Changes applied and changes dropped because the target held a newer version. */
  readonly stats: { applied: number; lostToNewer: number };
  /**
   * Holds every change back (the Regions are cut off from each other; each
   * still takes its own writes) until {@link Replication.resume}: makes
   * "two Regions write before either replicates" deterministic.
   */
  pause(): void;
  /** Delivers what was held back, then replicates as before. */
  resume(): void;
  /** Stops following the streams. */
  stop(): Promise<void>;
}

/** One Region: a DynamoDB Local endpoint and the access key / Region pair whose namespace holds the table. */
export interface ReplicaRegion {
  readonly region: string;
  readonly endpoint: string;
  readonly accessKeyId: string;
}

interface Reader {
  streamArn?: string | undefined;
  iterator?: string | undefined;
  lastSequence?: bigint | undefined;
}
interface Change {
  readonly target: string;
  readonly key: string;
  readonly keys: Record<string, AttributeValue>;
  readonly image: Record<string, AttributeValue> | undefined;
  readonly timestamp: number;
  readonly due: number;
}

/** Starts replicating `table` between the Regions (the table must exist in each, with a NEW_AND_OLD_IMAGES stream). */
export async function startReplication(options: {
  readonly table: string;
  readonly regions: readonly ReplicaRegion[];
  readonly delayMs?: number;
  readonly pollMs?: number;
  readonly timestampOf?: (image: Record<string, AttributeValue>) => number | undefined;
  readonly timestampAttribute?: string;
}): Promise<Replication> {
  const timestampAttribute = options.timestampAttribute;
  const timestampOf =
    options.timestampOf ?? (timestampAttribute === undefined ? undefined : (image: Record<string, AttributeValue>) => (image[timestampAttribute]?.N === undefined ? undefined : Number(image[timestampAttribute].N)));
  /** Only over an older (or unstamped, or missing) item: last writer wins, atomically. */
  const olderThan = (timestamp: number) =>
    timestampAttribute === undefined
      ? {}
      : {
          ConditionExpression: 'attribute_not_exists(#ts) OR #ts < :ts',
          ExpressionAttributeNames: { '#ts': timestampAttribute },
          ExpressionAttributeValues: { ':ts': { N: String(timestamp) } },
        };
  const delayMs = options.delayMs ?? 50;
  const pollMs = options.pollMs ?? 25;
  const config = (r: ReplicaRegion) => ({ endpoint: r.endpoint, region: r.region, credentials: { accessKeyId: r.accessKeyId, secretAccessKey: 'local' }, maxAttempts: 1 });
  const db = new Map(options.regions.map((r) => [r.region, new DynamoDBClient(config(r))]));
  const streams = new Map(options.regions.map((r) => [r.region, new DynamoDBStreamsClient(config(r))]));
  const readers = new Map(options.regions.map((r) => [r.region, {} as Reader]));
  // Per Region: item key → write timestamp of the version it holds; and the replicated writes still to be seen in its stream.
  const versions = new Map(options.regions.map((r) => [r.region, new Map<string, number>()]));
  const ledger = new Map(options.regions.map((r) => [r.region, new Map<string, string>()]));
  let queue: Change[] = [];
  let lastTimestamp = 0;
  let quietRounds = 0;
  const stats = { applied: 0, lostToNewer: 0 };
  let running = true;

  const stamp = (image: Record<string, AttributeValue> | undefined) => {
    const given = image ? timestampOf?.(image) : undefined;
    lastTimestamp = given ?? Math.max(Date.now(), lastTimestamp + 1);
    return lastTimestamp;
  };

  const read = async (region: string): Promise<number> => {
    const reader = readers.get(region)!;
    const client = streams.get(region)!;
    try {
      if (!reader.iterator) {
        const table = (await db.get(region)!.send(new DescribeTableCommand({ TableName: options.table }))).Table;
        if (!table?.LatestStreamArn) return 0;
        if (table.LatestStreamArn !== reader.streamArn) Object.assign(reader, { streamArn: table.LatestStreamArn, lastSequence: undefined });
        const shards = (await client.send(new DescribeStreamCommand({ StreamArn: reader.streamArn }))).StreamDescription?.Shards ?? [];
        const shard = shards.at(-1);
        if (!shard?.ShardId) return 0;
        const after = reader.lastSequence !== undefined;
        reader.iterator = (
          await client.send(
            new GetShardIteratorCommand({
              StreamArn: reader.streamArn,
              ShardId: shard.ShardId,
              ShardIteratorType: after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
              ...(after && { SequenceNumber: String(reader.lastSequence).padStart(21, '0') }),
            }),
          )
        ).ShardIterator;
        if (!reader.iterator) return 0;
      }
      const out = await client.send(new GetRecordsCommand({ ShardIterator: reader.iterator, Limit: 1000 }));
      reader.iterator = out.NextShardIterator;
      let fresh = 0;
      for (const record of out.Records ?? []) {
        // Sequence numbers vary in length: compare as BigInt.
        const sequence = BigInt(record.dynamodb?.SequenceNumber ?? '0');
        if (reader.lastSequence !== undefined && sequence <= reader.lastSequence) continue;
        reader.lastSequence = sequence;
        fresh++;
        observe(region, record);
      }
      return fresh;
    } catch {
      // Local's empty-shard iterator bug, an expired iterator, or the instance is down: start over next round.
      reader.iterator = undefined;
      return 0;
    }
  };

  const observe = (source: string, record: StreamRecord) => {
    const keys = record.dynamodb?.Keys as Record<string, AttributeValue> | undefined;
    if (!keys) return;
    const key = canonical(keys);
    const image = record.eventName === 'REMOVE' ? undefined : (record.dynamodb?.NewImage as Record<string, AttributeValue> | undefined);
    const mine = ledger.get(source)!;
    if (mine.get(key) === (image ? canonical(image) : 'REMOVE')) {
      mine.delete(key);
      return;
    }
    const timestamp = stamp(image);
    versions.get(source)!.set(key, timestamp);
    for (const target of db.keys()) if (target !== source) queue.push({ target, key, keys, image, timestamp, due: Date.now() + delayMs });
  };

  let paused = false;
  const apply = async () => {
    if (paused) return;
    const now = Date.now();
    const pending: Change[] = [];
    const taken = queue.length;
    for (const change of queue.slice(0, taken)) {
      if (change.due > now) {
        pending.push(change);
        continue;
      }
      const held = versions.get(change.target)!.get(change.key);
      if (held !== undefined && held >= change.timestamp) {
        stats.lostToNewer++;
        continue;
      }
      try {
        const client = db.get(change.target)!;
        ledger.get(change.target)!.set(change.key, change.image ? canonical(change.image) : 'REMOVE');
        if (change.image) await client.send(new PutItemCommand({ TableName: options.table, Item: change.image, ...olderThan(change.timestamp) }));
        else await client.send(new DeleteItemCommand({ TableName: options.table, Key: change.keys, ...olderThan(change.timestamp) }));
        versions.get(change.target)!.set(change.key, change.timestamp);
        stats.applied++;
      } catch (error) {
        ledger.get(change.target)!.delete(change.key);
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') stats.lostToNewer++; // the target's item is newer
        else pending.push(change); // the Region is down: deliver when it is back
      }
    }
    queue = [...pending, ...queue.slice(taken)];
  };

  const loop = (async () => {
    while (running) {
      let fresh = 0;
      for (const region of db.keys()) fresh += await read(region);
      await apply();
      quietRounds = fresh === 0 && queue.length === 0 ? quietRounds + 1 : 0;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  })();

  return {
    stats,
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
    },
    async settle(timeoutMs = 10_000) {
      if (paused) throw new Error('replication double: settle() while paused never ends; resume() first');
      const deadline = Date.now() + timeoutMs;
      quietRounds = 0;
      while (quietRounds < 3) {
        if (Date.now() > deadline) throw new Error(`replication double: not settled after ${timeoutMs} ms (${queue.length} changes queued)`);
        await new Promise((r) => setTimeout(r, pollMs));
      }
    },
    async resync(target, from) {
      const source = db.get(from)!;
      const schema = (await source.send(new DescribeTableCommand({ TableName: options.table }))).Table?.KeySchema ?? [];
      const keyNames = schema.map((k) => k.AttributeName!);
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await source.send(new ScanCommand({ TableName: options.table, ConsistentRead: true, ExclusiveStartKey: start }));
        for (const item of page.Items ?? []) {
          const key = canonical(Object.fromEntries(keyNames.map((k) => [k, item[k]])));
          ledger.get(target)!.set(key, canonical(item));
          await db.get(target)!.send(new PutItemCommand({ TableName: options.table, Item: item }));
          versions.get(target)!.set(key, versions.get(from)!.get(key) ?? stamp(item));
        }
        start = page.LastEvaluatedKey;
      } while (start);
      readers.set(target, {});
    },
    async stop() {
      running = false;
      await loop;
      for (const c of [...db.values(), ...streams.values()]) c.destroy();
    },
  };
}

/** A stable text form of an attribute map (stream images may list attributes in another order than written). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
