import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { Table } from '../../src/index.js';

/** A table and entities for pure request-builder tests: no request is ever sent. */
export const now = Date.parse('2026-05-01T00:00:00.000Z');
const client = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
export const table = new Table({ name: 'builders', client, partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'ttl', writeTokenAttribute: '_tok', clock: () => now });
export const Doc = table.entity('Doc', {
  schema: z.object({ id: z.string(), title: z.string(), version: z.number().int().optional(), createdAt: z.date().optional(), updatedAt: z.date().optional() }),
  keys: { primary: { pk: ['DOC', 'id'], sk: ['DOC'] } },
  version: true,
  timestamps: true,
  ttl: { after: '1d' },
});
export const Note = table.entity('Note', {
  schema: z.object({ id: z.string(), body: z.string() }),
  keys: { primary: { pk: ['NOTE', 'id'], sk: ['NOTE'] } },
});
