import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient, _Record } from '@aws-sdk/client-dynamodb-streams';
import { ConfigurationError } from '../../errors.js';
import { mapAwsError } from '../../request/map-error.js';

/** One shard as DescribeStream lists it. @internal */
export interface ShardInfo {
  readonly shardId: string;
  readonly parentShardId: string | undefined;
  /** The shard no longer receives records (it has an ending sequence number). */
  readonly closed: boolean;
}

/** Where to start reading a shard. @internal */
export type IteratorStart = { readonly type: 'TRIM_HORIZON' } | { readonly type: 'AFTER_SEQUENCE_NUMBER'; readonly sequenceNumber: string };

/** One GetRecords page. `next` is `undefined` once a closed shard is drained. @internal */
export interface RecordsPage {
  readonly records: readonly _Record[];
  readonly next: string | undefined;
}

/** The three Streams API calls the consumer makes. Errors are tablewright errors (`DynamoDBError` with the AWS `code`). @internal */
export interface StreamsApi {
  listShards(streamArn: string): Promise<ShardInfo[]>;
  iterator(streamArn: string, shardId: string, start: IteratorStart): Promise<string | undefined>;
  records(iterator: string, limit: number): Promise<RecordsPage>;
}

/**
 * The Streams API through `@aws-sdk/client-dynamodb-streams`, an optional
 * peer loaded here (never on the entry's import path). Without a client, one
 * is built from the table client's region, endpoint and credentials.
 * @internal
 */
export async function loadStreamsApi(tableClient: DynamoDBClient, given: DynamoDBStreamsClient | undefined): Promise<{ api: StreamsApi; close: () => void }> {
  let sdk: typeof import('@aws-sdk/client-dynamodb-streams');
  try {
    sdk = await import('@aws-sdk/client-dynamodb-streams');
  } catch (error) {
    throw new ConfigurationError('streamConsumer needs the optional peer dependency @aws-sdk/client-dynamodb-streams: npm i @aws-sdk/client-dynamodb-streams', {
      cause: error,
    });
  }
  const config = tableClient.config;
  const client =
    given ??
    new sdk.DynamoDBStreamsClient({
      region: config.region,
      credentials: config.credentials,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      maxAttempts: config.maxAttempts,
    });
  const send = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw mapAwsError(error);
    }
  };
  const api: StreamsApi = {
    async listShards(streamArn) {
      const out: ShardInfo[] = [];
      let start: string | undefined;
      do {
        const page = await send(() => client.send(new sdk.DescribeStreamCommand({ StreamArn: streamArn, ...(start ? { ExclusiveStartShardId: start } : {}) })));
        for (const shard of page.StreamDescription?.Shards ?? []) {
          if (!shard.ShardId) continue;
          out.push({ shardId: shard.ShardId, parentShardId: shard.ParentShardId, closed: shard.SequenceNumberRange?.EndingSequenceNumber !== undefined });
        }
        start = page.StreamDescription?.LastEvaluatedShardId;
      } while (start);
      return out;
    },
    async iterator(streamArn, shardId, start) {
      const input =
        start.type === 'TRIM_HORIZON'
          ? { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' as const }
          : { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: start.sequenceNumber };
      return (await send(() => client.send(new sdk.GetShardIteratorCommand(input)))).ShardIterator;
    },
    async records(iterator, limit) {
      const page = await send(() => client.send(new sdk.GetRecordsCommand({ ShardIterator: iterator, Limit: limit })));
      return { records: page.Records ?? [], next: page.NextShardIterator };
    },
  };
  return { api, close: () => (given ? undefined : client.destroy()) };
}
