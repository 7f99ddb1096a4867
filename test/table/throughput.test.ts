import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, Table } from '../../src/index.js';
import { createTableInput } from '../../src/table/create-table-input.js';
import { throughputDrift, throughputUpdates } from '../../src/table/throughput-updates.js';
import { localClient, tableName } from '../helpers/local.js';

const client = localClient();
const declare = (name: string, max: { read?: number; write?: number }, extra: object = {}) =>
  new Table({
    name,
    client,
    partitionKey: 'pk',
    sortKey: 'sk',
    // DynamoDB Local wants both sides of a GSI's maximum (AWS takes either).
    indexes: { gsi1: { partitionKey: 'g', maxOnDemandThroughput: { read: 10, write: 10 }, warmThroughput: { read: 13_000 } } },
    warmThroughput: { read: 15_000, write: 5_000 },
    maxOnDemandThroughput: max,
    ...extra,
  });

describe('warm throughput and maximum on-demand throughput', () => {
  it('CreateTable carries both, on the table and on each GSI (request shape)', () => {
    const input = createTableInput(declare('shape_t', { read: 100 }).model);
    expect(input.WarmThroughput).toEqual({ ReadUnitsPerSecond: 15_000, WriteUnitsPerSecond: 5_000 });
    expect(input.OnDemandThroughput).toEqual({ MaxReadRequestUnits: 100 });
    expect(input.GlobalSecondaryIndexes![0]).toMatchObject({
      WarmThroughput: { ReadUnitsPerSecond: 13_000 },
      OnDemandThroughput: { MaxReadRequestUnits: 10, MaxWriteRequestUnits: 10 },
    });
    expect(createTableInput(new Table({ name: 'plain_t', client, partitionKey: 'pk' }).model)).not.toHaveProperty('WarmThroughput');
  });

  it('against DynamoDB Local: created with the maximum, drift reported when the declaration changes, ensure() applies it', async () => {
    const name = tableName('tp');
    const table = declare(name, { read: 100, write: 50 });
    await table.create();
    try {
      expect((await table.describe()).drift).toEqual([]);
      const raised = declare(name, { read: 200, write: 60 });
      expect((await raised.describe()).drift).toEqual([
        { path: 'maxOnDemandThroughput', expected: { read: 200, write: 60 }, actual: { read: 100, write: 50 }, fixable: true },
      ]);
      const result = await raised.ensure();
      expect(result.actions).toEqual(['set maxOnDemandThroughput {"read":200,"write":60}']);
      expect(result.drift).toEqual([]);
      const live = (await client.send(new DescribeTableCommand({ TableName: name }))).Table!;
      expect(live.OnDemandThroughput).toEqual({ MaxReadRequestUnits: 200, MaxWriteRequestUnits: 60 });
      expect((await raised.ensure()).actions).toEqual([]);
    } finally {
      await table.delete();
    }
  });

  it('warm throughput is a floor: only a live value below the declaration drifts, and ensure raises it per side (request shape; Local ignores warm throughput)', () => {
    const model = declare('warm_t', { read: 100 }).model;
    const live = (read: number, write: number, gsiRead: number) => ({
      OnDemandThroughput: { MaxReadRequestUnits: 100 },
      WarmThroughput: { ReadUnitsPerSecond: read, WriteUnitsPerSecond: write, Status: 'ACTIVE' as const },
      GlobalSecondaryIndexes: [{ IndexName: 'gsi1', OnDemandThroughput: { MaxReadRequestUnits: 10, MaxWriteRequestUnits: 10 }, WarmThroughput: { ReadUnitsPerSecond: gsiRead, WriteUnitsPerSecond: 4_000 } }],
    });
    expect(throughputDrift(model, live(20_000, 9_000, 14_000))).toEqual([]);
    const drift = throughputDrift(model, live(12_000, 9_000, 12_000));
    expect(drift.map((d) => d.path)).toEqual(['warmThroughput', 'index gsi1 warmThroughput']);
    expect(throughputUpdates(model, drift)).toEqual([
      { TableName: 'warm_t', WarmThroughput: { ReadUnitsPerSecond: 15_000, WriteUnitsPerSecond: 9_000 } },
      { TableName: 'warm_t', GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'gsi1', WarmThroughput: { ReadUnitsPerSecond: 13_000 } } }] },
    ]);
    // A table that reports no warm throughput (DynamoDB Local) cannot drift on it.
    expect(throughputDrift(model, { OnDemandThroughput: { MaxReadRequestUnits: 100 } })).toEqual([]);
  });

  it('refuses bad declarations with ConfigurationError before any request', () => {
    const bad: Array<[object, RegExp]> = [
      [{ maxOnDemandThroughput: { read: 0 } }, /maxOnDemandThroughput.read must be an integer ≥ 1/],
      [{ warmThroughput: {} }, /warmThroughput needs read or write/],
      [{ billing: { mode: 'provisioned', read: 1, write: 1 }, maxOnDemandThroughput: { read: 5 } }, /on-demand tables only/],
      [{ indexes: { lsi1: { type: 'local', sortKey: 'l', warmThroughput: { read: 5 } } } }, /local indexes share/],
    ];
    for (const [extra, message] of bad) {
      const error = (() => {
        try {
          new Table({ name: 'bad_t', client, partitionKey: 'pk', sortKey: 'sk', ...extra } as never);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toMatch(message);
    }
  });
});
