import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../../src/errors.js';
import { fromStoredItem } from '../../src/model/item-codec.js';
import { readStoredItem } from '../../src/model/item-reader.js';
import { unmarshallItem } from '../../src/marshalling/marshall.js';
import { projectedSchema } from '../../src/request/projection.js';
import { Table } from '../../src/index.js';

// Pure conversions: no request is sent, the client only satisfies the table declaration.
const client = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const table = new Table({
  name: 'reader',
  client,
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } },
});
const User = table.entity('User', {
  schema: z.object({
    orgId: z.string(),
    userId: z.string(),
    email: z.email(),
    age: z.number().int().optional(),
    joinedAt: z.date(),
    tags: z.set(z.string()),
    nums: z.set(z.number()).optional(),
    profile: z.object({ city: z.string(), since: z.date().optional() }).optional(),
    history: z.array(z.object({ at: z.date(), n: z.number() })).optional(),
    role: z.enum(['admin', 'member']).default('member'),
  }),
  keys: { primary: { pk: ['ORG', 'orgId'], sk: ['USER', 'userId'] }, gsi1: { pk: ['EMAIL', 'email'], sk: ['USER'] } },
});
const model = User.model;

const base = marshall(
  User.toStored({
    orgId: 'acme',
    userId: 'u1',
    email: 'a@acme.io',
    joinedAt: new Date('2024-05-01T12:00:00.000Z'),
    tags: new Set(['x']),
    profile: { city: 'Oslo', since: new Date('2020-01-02T03:04:05.006Z') },
    history: [{ at: new Date('2021-01-01T00:00:00.000Z'), n: 1 }],
  }),
  { removeUndefinedValues: true },
) as Record<string, AttributeValue>;

/** The reference: unmarshall everything, then `fromStoredItem` (the path before the one-pass reader). */
function reference(item: Record<string, AttributeValue>, schema?: z.ZodType) {
  return outcome(() => fromStoredItem(model, unmarshallItem(item), schema));
}
function outcome(fn: () => unknown): { ok: unknown } | { error: unknown } {
  try {
    return { ok: fn() };
  } catch (error) {
    if (error instanceof ValidationError) {
      return { error: { type: 'ValidationError', entity: error.entity, key: error.key, issues: error.issues, direction: error.direction } };
    }
    return { error: { type: (error as Error).name, message: (error as Error).message } };
  }
}

const anyValue: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.record({ S: fc.oneof(fc.string(), fc.constant('2024-05-01T12:00:00.000Z'), fc.constant('b@acme.io')) }),
  fc.record({ N: fc.oneof(fc.integer().map(String), fc.constant('1.5'), fc.constant('1e20')) }),
  fc.record({ BOOL: fc.boolean() }),
  fc.constant({ NULL: true as const }),
  fc.record({ SS: fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 3 }) }),
  fc.record({ NS: fc.uniqueArray(fc.integer().map(String), { minLength: 1, maxLength: 3 }) }),
  fc.record({ M: fc.record({ city: fc.record({ S: fc.string() }) }) }),
  fc.record({ L: fc.array(fc.record({ M: fc.record({ at: fc.record({ S: fc.constant('2021-01-01T00:00:00.000Z') }), n: fc.record({ N: fc.constant('2') }) }) }), { maxLength: 2 }) }),
  fc.constant({} as AttributeValue),
);
const attribute = fc.constantFrom('orgId', 'userId', 'email', 'age', 'joinedAt', 'tags', 'nums', 'profile', 'history', 'role', '_et', 'pk', 'gsi1pk', 'extra', '__proto__', 'constructor');

describe('one-pass item reader', () => {
  it('reads a stored item like unmarshall + fromStoredItem', () => {
    const read = readStoredItem(model, base);
    expect(read).toEqual((reference(base) as { ok: unknown }).ok);
    expect(read.joinedAt).toBeInstanceOf(Date);
    expect(read.role).toBe('member');
  });

  it('turns an absent required set into an empty set and keeps optional attributes absent', () => {
    const { tags: _t, profile: _p, ...item } = base;
    const read = readStoredItem(model, item);
    expect(read.tags).toEqual(new Set());
    expect('profile' in read).toBe(false);
    expect(read).toEqual((reference(item) as { ok: unknown }).ok);
  });

  it('reports an item of another entity exactly as before', () => {
    const item = { ...base, _et: { S: 'Order' } };
    expect(() => readStoredItem(model, item)).toThrow(ValidationError);
    expect(outcome(() => readStoredItem(model, item))).toEqual(reference(item));
  });

  it('validates projections with the projected schema', () => {
    const schema = projectedSchema(model, ['email', 'joinedAt']);
    const item = { email: base.email!, joinedAt: base.joinedAt!, _et: base._et! };
    expect(readStoredItem(model, item, schema)).toEqual({ email: 'a@acme.io', joinedAt: new Date('2024-05-01T12:00:00.000Z') });
  });

  it('gives the same result or the same error as the reference for altered items (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(attribute, anyValue, { maxKeys: 4 }), fc.subarray(Object.keys(base)), (changes, removed) => {
        const item: Record<string, AttributeValue> = { ...base };
        for (const name of removed) delete item[name];
        for (const [name, value] of Object.entries(changes)) {
          Object.defineProperty(item, name, { value, enumerable: true, writable: true, configurable: true });
        }
        expect(outcome(() => readStoredItem(model, item))).toEqual(reference(item));
      }),
      { numRuns: 400 },
    );
  });
});
