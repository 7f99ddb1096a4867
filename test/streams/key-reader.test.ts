import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Table } from '../../src/index.js';
import { primaryKey } from '../../src/model/item-codec.js';
import { compileKeyReader } from '../../src/streams/key-reader.js';
import { streamDecoder } from '../../src/streams.js';

// Pure: no request is sent.
const table = new Table({ name: 'keys_only', client: new DynamoDBClient({ region: 'us-east-1' }), partitionKey: 'pk', sortKey: 'sk' });
const Event = table.entity('Event', {
  schema: z.object({
    tenant: z.string(),
    at: z.date(),
    seq: z.number(),
    big: z.bigint(),
    live: z.boolean(),
    kind: z.enum(['a', 'b#c']),
    note: z.string(),
  }),
  keys: { primary: { pk: ['T', 'tenant', 'LIVE', 'live'], sk: ['AT', 'at', 'kind', 'seq', 'big', 'X'] } },
});
const Other = table.entity('Other', {
  schema: z.object({ tenant: z.string(), id: z.string() }),
  keys: { primary: { pk: ['T', 'tenant', 'LIVE', 'id'], sk: ['OTHER', 'id'] } },
});

const keyValues = fc.record({
  tenant: fc.string({ minLength: 1, unit: fc.constantFrom('a', '#', '\\', 'é', '😀', 'T', 'LIVE') }),
  at: fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
  seq: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  big: fc.bigInt({ min: BigInt(Number.MIN_SAFE_INTEGER), max: BigInt(Number.MAX_SAFE_INTEGER) }),
  live: fc.boolean(),
  kind: fc.constantFrom('a' as const, 'b#c' as const),
});

describe('reading typed keys back from stored keys (KEYS_ONLY records)', () => {
  it('recovers every key value, whatever the escaping and encodings', () => {
    const reader = compileKeyReader(Event.model);
    fc.assert(
      fc.property(keyValues, (values) => {
        expect(reader.read(primaryKey(Event.model, values))).toEqual(values);
      }),
    );
  });

  it("refuses keys of another layout, and the decoder sends them to unknown rather than guessing", () => {
    const reader = compileKeyReader(Event.model);
    const key = primaryKey(Other.model, { tenant: 't', id: 'true' });
    expect(reader.read(key)).toBeUndefined();
    expect(compileKeyReader(Other.model).read(key)).toEqual({ tenant: 't', id: 'true' });
    const decoder = streamDecoder([Event], { view: 'KEYS_ONLY' });
    expect(decoder.decode({ eventName: 'INSERT', eventID: 'e1', dynamodb: { Keys: key } })).toMatchObject({ kind: 'unknown', reason: 'entity' });
  });

  it('reports keys two entities could both own as ambiguous', () => {
    const Twin = table.entity('Twin', {
      schema: z.object({ tenant: z.string(), id: z.string() }),
      keys: { primary: { pk: ['T', 'tenant', 'LIVE', 'id'], sk: ['OTHER', 'id'] } },
    });
    const decoder = streamDecoder([Other, Twin], { view: 'KEYS_ONLY' });
    const Keys = primaryKey(Other.model, { tenant: 't', id: 'x' });
    expect(decoder.decode({ eventName: 'REMOVE', eventID: 'e2', dynamodb: { Keys } })).toMatchObject({ kind: 'unknown', reason: 'ambiguous' });
  });

  it('tells AWS TTL deletions apart from user deletes, and Local ones only when asked', () => {
    const Keys = primaryKey(Other.model, { tenant: 't', id: 'x' });
    const OldImage = { ...Keys, _et: { S: 'Other' }, tenant: { S: 't' }, id: { S: 'x' } };
    const decoder = streamDecoder([Other], { view: 'OLD_IMAGE' });
    const ttl = { eventName: 'REMOVE', eventID: 'e3', userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' }, dynamodb: { Keys, OldImage } };
    expect(decoder.decode(ttl)).toMatchObject({ kind: 'expire', entity: 'Other', oldItem: { tenant: 't', id: 'x' } });
    expect(decoder.decode({ ...ttl, userIdentity: undefined })).toMatchObject({ kind: 'remove' });
    const local = { eventName: 'UNKNOWN_TO_SDK_VERSION', eventID: 'e4', dynamodb: { Keys, OldImage } };
    expect(decoder.decode(local)).toMatchObject({ kind: 'unknown', reason: 'event' });
    expect(streamDecoder([Other], { view: 'OLD_IMAGE', dynamoDBLocalTtl: true }).decode(local)).toMatchObject({ kind: 'expire' });
  });
});
