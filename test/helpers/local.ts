import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, inject } from 'vitest';
import { Table, type TableConfig } from '../../src/index.js';

/**
 * A client for the run's DynamoDB Local. Each call gets its own access key,
 * so every test file (without -sharedDb) sees its own set of tables.
 */
export function localClient(options: { accessKeyId?: string; maxAttempts?: number } = {}): DynamoDBClient {
  const client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'us-east-1',
    credentials: { accessKeyId: options.accessKeyId ?? `t${randomUUID().replaceAll('-', '')}`, secretAccessKey: 'local' },
    maxAttempts: options.maxAttempts ?? 3,
  });
  afterAll(() => client.destroy());
  return client;
}

let counter = 0;

/** A unique, valid table name. */
export function tableName(prefix = 't'): string {
  return `${prefix}_${process.pid}_${++counter}_${Date.now().toString(36)}`;
}

/**
 * Declares a table with a unique name, creates it, and deletes it after the
 * file's tests. Defaults: pk/sk plus one GSI `gsi1` (gsi1pk/gsi1sk).
 */
export async function createTestTable<I extends string = 'gsi1'>(
  client: DynamoDBClient,
  config: Partial<Omit<TableConfig, 'client'>> & { indexes?: TableConfig['indexes'] & Record<I, unknown> } = {},
): Promise<Table<I>> {
  const table = new Table<I>({
    name: tableName(),
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } } as never,
    ...config,
    client,
  } as TableConfig & { indexes: Record<I, never> });
  await table.create();
  afterAll(async () => {
    await table.delete().catch(() => undefined);
  });
  return table;
}
