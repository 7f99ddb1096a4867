import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, Table } from '../../src/index.js';
import { streamConsumer, streamDecoder } from '../../src/streams.js';

/** Bad consumer options are refused with ConfigurationError when the consumer is built, before any request. */
const client = new DynamoDBClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const table = new Table({ name: 'opts', client, partitionKey: 'pk', sortKey: 'sk' });
const Item = table.entity('OptItem', { schema: z.object({ id: z.string() }), keys: { primary: { pk: ['I', 'id'], sk: ['I'] } } });
const base = { decoder: streamDecoder([Item]), callbacks: {}, leaseTable: table, application: 'app' };

describe('streamConsumer options', () => {
  it.each([
    ['an empty application', { application: '' }],
    ['a zero lease duration', { leaseDurationMs: 0 }],
    ['a renewal slower than the lease', { leaseDurationMs: 1000, renewIntervalMs: 1000 }],
    ['a batch over 1,000', { batchSize: 1001 }],
    ['a fractional poll interval', { pollIntervalMs: 1.5 }],
    ['an empty worker id', { workerId: '' }],
    ['no decoder', { decoder: undefined }],
    ['no lease table', { leaseTable: undefined }],
    ['a zero concurrency', { concurrency: 0 }],
  ])('refuses %s', (_label, change) => {
    expect(() => streamConsumer({ ...base, ...(change as object) } as never)).toThrow(ConfigurationError);
  });

  it('refuses a lease table without a sort key when it starts, before reading the stream', async () => {
    const flat = new Table({ name: 'flat', client, partitionKey: 'pk' });
    const consumer = streamConsumer({ ...base, leaseTable: flat, streamArn: 'arn:aws:dynamodb:us-east-1:0:table/opts/stream/x' });
    await expect(consumer.start()).rejects.toBeInstanceOf(ConfigurationError);
    await consumer.stop();
  });
});
