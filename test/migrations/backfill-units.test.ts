import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConfigurationError, Table, schemaVersions } from '../../src/index.js';
import { planBackfill } from '../../src/admin.js';
import { capacityBudget, type BudgetClock } from '../../src/migrations/capacity-budget.js';
import { rewriteRequest } from '../../src/migrations/rewrite-request.js';

/** The pure pieces of a backfill: plans, the capacity budget and the rewrite request. */
const client = new DynamoDBClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const V1 = z.object({ id: z.string(), name: z.string(), tags: z.array(z.string()).optional() });
const V2 = z.object({ id: z.string(), first: z.string(), tags: z.array(z.string()).optional() });
const table = new Table({ name: 'units', client, partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'ttl' });
const User = table.entity('User', {
  schema: V2,
  versions: schemaVersions(V1).next(V2, (u) => ({ id: u.id, first: u.name, tags: u.tags })),
  keys: { primary: { pk: ['USER', 'id'], sk: ['PROFILE'] } },
});

describe('planBackfill', () => {
  it('property: the units partition the segments, each exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), (total, units) => {
        fc.pre(units <= total);
        const plan = planBackfill(User, { id: 'b', totalSegments: total, units });
        const all = plan.units.flatMap((u) => u.segments).sort((a, b) => a - b);
        expect(all).toEqual(Array.from({ length: total }, (_, i) => i));
        expect(plan.units).toHaveLength(units);
        expect(plan.units.every((u) => u.segments.length > 0 && u.entity === 'User' && u.totalSegments === total)).toBe(true);
        expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
      }),
    );
  });

  it('refuses bad ids and counts with ConfigurationError', () => {
    expect(() => planBackfill(User, { id: 'has space' })).toThrow(ConfigurationError);
    expect(() => planBackfill(User, { id: 'b', totalSegments: 0 })).toThrow(ConfigurationError);
    expect(() => planBackfill(User, { id: 'b', totalSegments: 4, units: 5 })).toThrow(ConfigurationError);
  });
});

describe('capacityBudget', () => {
  it('property: over any sequence of charges, units per second stay within the budget plus one request', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 200 }), fc.array(fc.double({ min: 0.5, max: 50, noNaN: true }), { minLength: 1, maxLength: 60 }), async (rate, charges) => {
        let now = 0;
        const clock: BudgetClock = { now: () => now, sleep: async (ms) => void (now += ms) };
        const budget = capacityBudget(rate, clock);
        let spent = 0;
        for (const units of charges) {
          await budget.ready();
          budget.charge(units);
          spent += units;
        }
        // The bucket starts full (one second of units) and each request may overdraw it once.
        const largest = Math.max(...charges);
        expect(spent).toBeLessThanOrEqual(rate * (now / 1000 + 1) + largest + 1e-6);
      }),
    );
  });
});

describe('rewriteRequest', () => {
  const read = {
    pk: { S: 'USER#a' },
    sk: { S: 'PROFILE' },
    _et: { S: 'User' },
    id: { S: 'a' },
    name: { S: 'Ada' },
    tags: { L: [{ S: 'x' }] },
    ttl: { N: '1700000000' },
    _wt: { S: 'token' },
  };

  it('sets what changes, removes what the new value drops, keeps TTL and write token, and conditions on every attribute read', () => {
    const request = rewriteRequest(User.model, read, { id: 'a', first: 'Ada', tags: ['x'] })!;
    const names = request.ExpressionAttributeNames!;
    const byName = (n: string) => Object.keys(names).find((k) => names[k] === n)!;
    expect(request.UpdateExpression).toContain(`${byName('first')} = `);
    expect(request.UpdateExpression).toContain(`${byName('_sv')} = `);
    expect(request.UpdateExpression).toMatch(new RegExp(`REMOVE ${byName('name')}$`));
    expect(request.UpdateExpression).not.toContain(byName('tags') + ' =');
    expect(request.UpdateExpression).not.toContain(byName('ttl'));
    expect(request.UpdateExpression).not.toContain(byName('_wt'));
    for (const attribute of Object.keys(read)) expect(request.ConditionExpression).toContain(`${byName(attribute)} = :`);
    expect(request.ConditionExpression).toContain(`attribute_not_exists(${byName('first')})`);
    expect(request.Key).toEqual({ pk: read.pk, sk: read.sk });
  });

  it('an item already as it would be written needs no request; a changed primary key is refused', () => {
    const current = { pk: read.pk, sk: read.sk, _et: read._et, id: read.id, first: { S: 'Ada' }, _sv: { N: '2' } };
    expect(rewriteRequest(User.model, current, { id: 'a', first: 'Ada' })).toBeUndefined();
    expect(() => rewriteRequest(User.model, read, { id: 'b', first: 'Ada' })).toThrow(/cannot change the primary key/);
  });
});
