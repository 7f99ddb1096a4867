/**
 * A consumer in its own process, for the kill tests: reads the Counter
 * table's stream (DynamoDB Local's, or the streams double's when
 * `streamsEndpoint` is given) and appends one JSON line per applied record to
 * `log` with a synchronous write, so what it applied survives SIGKILL.
 * Configured by the JSON in CONSUMER_CONFIG. Prints "started" once it runs.
 */
import { appendFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { streamConsumer, streamDecoder } from '../../src/streams.js';
import { counterTable, leaseTableCore } from './consumer-fixture.js';

interface ChildConfig {
  endpoint: string;
  accessKeyId: string;
  tableName: string;
  leaseTableName: string;
  application: string;
  log: string;
  workerId: string;
  leaseDurationMs: number;
  delayMs: number;
  batchSize: number;
  streamsEndpoint?: string;
  streamsAccessKeyId?: string;
  streamArn?: string;
}

const config = JSON.parse(process.env.CONSUMER_CONFIG!) as ChildConfig;
const credentials = { accessKeyId: config.accessKeyId, secretAccessKey: 'local' };
const client = new DynamoDBClient({ endpoint: config.endpoint, region: 'us-east-1', credentials });
const { Counter } = counterTable(client, config.tableName);
const streamsClient = config.streamsEndpoint
  ? new DynamoDBStreamsClient({ endpoint: config.streamsEndpoint, region: 'us-east-1', credentials: { accessKeyId: config.streamsAccessKeyId ?? config.accessKeyId, secretAccessKey: 'local' } })
  : undefined;

const consumer = streamConsumer({
  decoder: streamDecoder([Counter], { view: 'NEW_AND_OLD_IMAGES' }),
  callbacks: {
    Counter: async (r) => {
      if (r.kind !== 'insert' && r.kind !== 'modify') return;
      if (config.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.delayMs));
      appendFileSync(config.log, `${JSON.stringify({ id: r.id, key: r.keys.key, v: r.newItem.v, seq: r.sequenceNumber })}\n`);
    },
  },
  sequential: true,
  leaseTable: leaseTableCore(client, config.leaseTableName),
  application: config.application,
  workerId: config.workerId,
  streamArn: config.streamArn,
  streamsClient,
  batchSize: config.batchSize,
  pollIntervalMs: 50,
  retryDelayMs: 50,
  leaseDurationMs: config.leaseDurationMs,
  shardSyncIntervalMs: 200,
  onEvent: (e) => {
    if (e.type === 'lease-taken') console.log(`lease ${e.shardId}`);
  },
});
await consumer.start();
console.log('started');
process.on('SIGTERM', () => void consumer.stop().then(() => process.exit(0)));
