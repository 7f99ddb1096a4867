import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, regionRouter, Table, type PinPolicy, type TableConfig } from '../../src/index.js';
import { countingTransport } from '../helpers/counting-transport.js';

/*
 * Optimistic locking is not safe across Regions under MREC (a condition sees
 * the local replica only), so `version` on an entity of a table declared
 * with replicas is refused unless conditional writes are pinned to a home
 * Region. Pure configuration: nothing is ever sent.
 */
const client = new DynamoDBClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const schema = z.object({ id: z.string(), version: z.number().int().optional() });
const keys = { primary: { pk: ['O', 'id'], sk: ['META'] } } as const;
const transport = countingTransport(client);
const table = (extra: Partial<TableConfig>) => new Table({ name: 'orders', client, transport, partitionKey: 'pk', sortKey: 'sk', ...extra });
const locked = (t: Table<never>) => t.entity('Order', { schema, keys, version: true });
const router = (pin?: PinPolicy) =>
  regionRouter({ regions: [{ region: 'us-east-1', client }, { region: 'eu-west-1', client }], health: { intervalMs: 0 }, ...(pin && { pin }) });

describe('version on a replicated table', () => {
  it('is refused under MREC without home-Region pinning, with a message that says why and what to do', () => {
    const error = (() => {
      try {
        locked(table({ replicas: { regions: ['us-east-1', 'eu-west-1'] } }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/Entity Order: version: table orders is replicated \(replicas: us-east-1, eu-west-1\)/);
    expect((error as Error).message).toMatch(/only sees the local replica.*Pin conditional writes to a home Region/);
    expect(() => locked(new Table({ name: 'orders', client, transport: router({ conditionalWrites: false }), partitionKey: 'pk', sortKey: 'sk', replicas: { regions: ['eu-west-1'] } }))).toThrow(
      ConfigurationError,
    );
    expect(transport.sent).toEqual([]);
  });

  it('is allowed when a regionRouter pins conditional writes, when the deployment declares home-Region writes, under MRSC, and on single-Region tables', () => {
    expect(() => locked(new Table({ name: 'orders', client, transport: router(), partitionKey: 'pk', sortKey: 'sk', replicas: { regions: ['eu-west-1'] } }))).not.toThrow();
    expect(() => locked(table({ replicas: { regions: ['eu-west-1'], homeRegionWrites: true } }))).not.toThrow();
    expect(() => locked(table({ replicas: { regions: ['us-east-2', 'us-west-2'], consistency: 'strong' } }))).not.toThrow();
    expect(() => locked(table({}))).not.toThrow();
    // An entity without version is fine on any replicated table.
    expect(() => table({ replicas: { regions: ['eu-west-1'] } }).entity('Note', { schema, keys })).not.toThrow();
    expect(transport.sent).toEqual([]);
  });

  it('the router says whether it pins conditional writes', () => {
    expect(router().capabilities?.pinsConditionalWrites).toBe(true);
    expect(router({ conditionalWrites: false }).capabilities?.pinsConditionalWrites).toBe(false);
    // A field given as undefined keeps the documented default.
    expect(router({ conditionalWrites: undefined }).capabilities?.pinsConditionalWrites).toBe(true);
    expect(router({ strongReads: false }).capabilities?.pinsConditionalWrites).toBe(true);
  });
});
