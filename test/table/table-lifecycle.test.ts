import { DescribeTableCommand, DescribeTimeToLiveCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, Table } from '../../src/index.js';
import { createTableInput } from '../../src/table/create-table-input.js';
import { localClient, tableName } from '../helpers/local.js';

const client = localClient();

describe('Table declaration', () => {
  it('maps the declaration to CreateTable', () => {
    const table = new Table({
      name: 'orders',
      client,
      partitionKey: 'pk',
      sortKey: 'sk',
      indexes: {
        byStatus: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: { include: ['total'] } },
        byDate: { type: 'local', sortKey: 'lsi1sk', projection: 'keys-only' },
      },
      billing: { mode: 'provisioned', read: 5, write: 2 },
      tableClass: 'STANDARD_INFREQUENT_ACCESS',
      stream: 'NEW_AND_OLD_IMAGES',
      deletionProtection: true,
    });
    const input = createTableInput(table.model);
    expect(input).toMatchObject({
      TableName: 'orders',
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 },
      TableClass: 'STANDARD_INFREQUENT_ACCESS',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      DeletionProtectionEnabled: true,
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byStatus',
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['total'] },
          ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 },
        },
      ],
      LocalSecondaryIndexes: [{ IndexName: 'byDate', KeySchema: [{ AttributeName: 'pk' }, { AttributeName: 'lsi1sk' }] }],
    });
    expect(input.AttributeDefinitions?.map((a) => a.AttributeName).sort()).toEqual(['gsi1pk', 'gsi1sk', 'lsi1sk', 'pk', 'sk']);
  });

  it('rejects inconsistent declarations before any request', () => {
    expect(() => new Table({ name: 'x', client, partitionKey: 'pk' })).toThrow(ConfigurationError);
    expect(() => new Table({ name: 'abc', client, partitionKey: 'pk', delimiter: 'a' })).toThrow(/delimiter/);
    expect(() => new Table({ name: 'abc', client, partitionKey: 'pk', indexes: { lsi: { type: 'local', sortKey: 's' } } })).toThrow(
      /needs a table with a sort key/,
    );
    expect(() => new Table({ name: 'abc', client, partitionKey: 'pk', indexes: { gsi: {} } })).toThrow(/needs a partitionKey/);
  });
});

describe('Table lifecycle against DynamoDB Local', () => {
  it('create() builds the table with indexes, TTL, stream and deletion protection', async () => {
    const table = new Table({
      name: tableName(),
      client,
      partitionKey: 'pk',
      sortKey: 'sk',
      indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }, lsi1: { type: 'local', sortKey: 'lsi1sk' } },
      ttlAttribute: 'expiresAt',
      stream: 'NEW_IMAGE',
      deletionProtection: true,
    });
    await table.create();
    const report = await table.describe();
    expect(report.exists).toBe(true);
    expect(report.drift).toEqual([]);
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: table.name }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    await expect(table.delete()).rejects.toThrow(/protected against deletion/);
    await client.send(new UpdateTableCommand({ TableName: table.name, DeletionProtectionEnabled: false }));
    await table.delete();
    expect((await table.describe()).exists).toBe(false);
  });

  it('ensure() is idempotent and adds a missing GSI, TTL and stream to an existing table', async () => {
    const name = tableName();
    const bare = new Table({ name, client, partitionKey: 'pk', sortKey: 'sk' });
    expect((await bare.ensure()).created).toBe(true);
    expect((await bare.ensure()).actions).toEqual([]);

    const full = new Table({
      name,
      client,
      partitionKey: 'pk',
      sortKey: 'sk',
      indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }, gsi2: { partitionKey: 'gsi2pk' } },
      ttlAttribute: 'ttl',
      stream: 'KEYS_ONLY',
    });
    const drift = (await full.describe()).drift;
    expect(drift.map((d) => d.path).sort()).toEqual(['index gsi1', 'index gsi2', 'stream', 'ttl']);
    expect(drift.every((d) => d.fixable)).toBe(true);

    const result = await full.ensure();
    expect(result.created).toBe(false);
    expect(result.actions).toEqual(['create index gsi1', 'create index gsi2', 'enable stream KEYS_ONLY', 'enable ttl on ttl']);
    expect(result.drift).toEqual([]);
    const live = await client.send(new DescribeTableCommand({ TableName: name }));
    expect(live.Table?.GlobalSecondaryIndexes?.map((g) => g.IndexStatus)).toEqual(['ACTIVE', 'ACTIVE']);
    expect((await full.ensure()).actions).toEqual([]);
    await full.delete();
  });

  it('describe() reports drift that ensure() cannot fix', async () => {
    const name = tableName();
    await new Table({ name, client, partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'a' }).create();
    const other = new Table({ name, client, partitionKey: 'id', ttlAttribute: 'b', billing: { mode: 'provisioned', read: 1, write: 1 } });
    const result = await other.ensure();
    const paths = result.drift.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['key', 'billing', 'ttl']));
    expect(result.drift.find((d) => d.path === 'ttl')).toMatchObject({ expected: 'b', actual: 'a', fixable: false });
    await other.delete();
  });
});
