import { randomUUID } from 'node:crypto';
import { DynamoDBClient, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, KinesisStreamRecord } from 'aws-lambda';
import { afterAll, inject } from 'vitest';

/**
 * Reads the REAL stream DynamoDB Local keeps for a table and reshapes its
 * records the way Lambda delivers them (epoch-second times, base64 binaries,
 * lower-case identity), or wraps them as Kinesis Data Streams for DynamoDB does.
 */

/** A DynamoDB client and a streams client on the same Local namespace. */
export function localClients(): { client: DynamoDBClient; streams: DynamoDBStreamsClient } {
  const credentials = { accessKeyId: `s${randomUUID().replaceAll('-', '')}`, secretAccessKey: 'local' };
  const endpoint = inject('dynamoEndpoint');
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
  const streams = new DynamoDBStreamsClient({ endpoint, region: 'us-east-1', credentials });
  afterAll(() => {
    client.destroy();
    streams.destroy();
  });
  return { client, streams };
}

/** Every record of the table's stream so far (Local has one shard), as the Streams API returns them. */
export async function readStream(client: DynamoDBClient, streams: DynamoDBStreamsClient, tableName: string): Promise<_Record[]> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const StreamArn = Table!.LatestStreamArn!;
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn }));
  const out: _Record[] = [];
  for (const shard of StreamDescription!.Shards ?? []) {
    const fresh = async () =>
      out.length
        ? (await streams.send(new GetShardIteratorCommand({ StreamArn, ShardId: shard.ShardId!, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: out.at(-1)!.dynamodb!.SequenceNumber! }))).ShardIterator
        : (await streams.send(new GetShardIteratorCommand({ StreamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    let iterator = await fresh();
    let retries = 0;
    while (iterator) {
      try {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        out.push(...(page.Records ?? []));
        if (!page.Records?.length) break; // at the tip of the open shard
        iterator = page.NextShardIterator;
      } catch (error) {
        // Local's empty-shard bug (dynamodb-local.md row 7): take a fresh iterator.
        if ((error as Error).name !== 'TrimmedDataAccessException' || ++retries > 5) throw error;
        iterator = await fresh();
      }
    }
  }
  return out;
}

/** Waits until the stream holds at least `count` records. */
export async function readStreamUntil(client: DynamoDBClient, streams: DynamoDBStreamsClient, tableName: string, count: number): Promise<_Record[]> {
  for (let i = 0; i < 100; i++) {
    const records = await readStream(client, streams, tableName);
    if (records.length >= count) return records;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`stream of ${tableName} did not reach ${count} records`);
}

/** A Streams API record as a Lambda `DynamoDBRecord`. */
export function toLambdaRecord(record: _Record, eventSourceARN = 'arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/x'): DynamoDBRecord {
  const d = record.dynamodb!;
  const identity = record.userIdentity ? { type: record.userIdentity.Type!, principalId: record.userIdentity.PrincipalId! } : undefined;
  return {
    eventID: record.eventID!,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion!,
    eventSource: record.eventSource!,
    awsRegion: record.awsRegion!,
    eventSourceARN,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(d.ApproximateCreationDateTime!.getTime() / 1000),
      Keys: toJson(d.Keys) as never,
      ...(d.NewImage ? { NewImage: toJson(d.NewImage) as never } : {}),
      ...(d.OldImage ? { OldImage: toJson(d.OldImage) as never } : {}),
      SequenceNumber: d.SequenceNumber!,
      SizeBytes: d.SizeBytes!,
      StreamViewType: d.StreamViewType as never,
    },
    ...(identity ? { userIdentity: identity } : {}),
  };
}

let kinesisSequence = 49_000_000_000_000_000_000_000_000_000_000_000_000_000n;

/** A Streams API record wrapped as Kinesis Data Streams for DynamoDB delivers it (no SequenceNumber or view type, ms times). */
export function toKinesisRecord(record: _Record, tableName: string): KinesisStreamRecord {
  const d = record.dynamodb!;
  const change = {
    awsRegion: record.awsRegion,
    eventID: randomUUID(),
    eventName: record.eventName,
    userIdentity: record.userIdentity ? { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } : null,
    recordFormat: 'application/json',
    tableName,
    dynamodb: {
      ApproximateCreationDateTime: d.ApproximateCreationDateTime!.getTime(),
      Keys: toJson(d.Keys),
      ...(d.NewImage ? { NewImage: toJson(d.NewImage) } : {}),
      ...(d.OldImage ? { OldImage: toJson(d.OldImage) } : {}),
      SizeBytes: d.SizeBytes,
    },
    eventSource: 'aws:dynamodb',
  };
  const sequenceNumber = String(++kinesisSequence);
  return {
    eventID: `shardId-000000000000:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    eventVersion: '1.0',
    eventSource: 'aws:kinesis',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/cdc',
    invokeIdentityArn: 'arn:aws:iam::000000000000:role/cdc',
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: JSON.stringify(toJson(d.Keys)),
      sequenceNumber,
      data: Buffer.from(JSON.stringify(change)).toString('base64'),
      approximateArrivalTimestamp: d.ApproximateCreationDateTime!.getTime() / 1000,
    },
  };
}

/** SDK AttributeValues (bytes) as JSON AttributeValues (base64). */
function toJson(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJson(v);
    return out;
  }
  return value;
}
