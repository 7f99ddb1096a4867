import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Table } from '../../src/index.js';
import { readItem } from '../../src/model/item-reader.js';

// The one item reader, pure: a marshalled item + model + options, as stream images and export lines will use it.
const client = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const now = Date.parse('2026-06-01T00:00:00Z');
const table = new Table({ name: 'reader', client, partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'ttl', clock: () => now });
const Session = table.entity('Session', {
  schema: z.object({ id: z.string(), user: z.string(), at: z.date() }),
  keys: { primary: { pk: ['S', 'id'], sk: ['S'] } },
});
const stored = (ttl: number | undefined) =>
  marshall({ pk: 'S#a', sk: 'S', _et: 'Session', id: 'a', user: 'u', at: '2026-01-01T00:00:00.000Z', _wt: 'tok', ...(ttl !== undefined && { ttl }) });

describe('readItem', () => {
  it('hides an item whose TTL has passed by the table clock, or by `now`, unless includeExpired', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (offset) => {
        const ttl = Math.floor(now / 1000) + offset;
        const expired = offset <= 0;
        expect(readItem(Session.model, stored(ttl)) === undefined).toBe(expired);
        expect(readItem(Session.model, stored(ttl), { includeExpired: true })).toBeDefined();
        // Judged by the given instant instead of the clock.
        expect(readItem(Session.model, stored(ttl), { now: now - 10_000_000_000 })).toBeDefined();
      }),
    );
  });

  it('strips keys and bookkeeping and decodes stored forms; raw keeps everything', () => {
    expect(readItem(Session.model, stored(undefined))).toEqual({ id: 'a', user: 'u', at: new Date('2026-01-01T00:00:00.000Z') });
    expect(readItem(Session.model, stored(undefined), { raw: true })).toMatchObject({ pk: 'S#a', _et: 'Session', _wt: 'tok' });
  });

  it('validates with a projection schema when given', () => {
    const schema = Session.schema.pick({ user: true });
    expect(readItem(Session.model, marshall({ _et: 'Session', user: 'u' }), { schema })).toEqual({ user: 'u' });
  });
});
