import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Table, writeIdempotently } from '../../src/index.js';
import { faultSuite, reportRun, size, stopAt, TIMEOUT } from './fault-suite.js';

// Lost responses at 25 % (applied, then reset) plus a little throttling: ≥ 20 % injected faults.
const suite = faultSuite({ seed: 500, rates: { 'reset-after': 0.25, throttling: 0.03 } });

const CREATES = size(150, 500);
const INCREMENTS = size(100, 500);

describe('fault suite: conditional creates and idempotent counter updates under lost responses', () => {
  it(`${CREATES} creates on one shared client all succeed, each stored once (the SDK's retry quota runs dry on the way)`, async () => {
    suite.proxy.resetStats();
    const table = new Table({ name: suite.tableName, client: suite.client(), partitionKey: 'pk', sortKey: 'sk' });
    const User = table.entity('User', {
      schema: z.object({ id: z.string(), name: z.string() }),
      keys: { primary: { pk: ['USER', 'id'], sk: ['USER'] } },
    });
    const started = Date.now();
    const outcomes = await Promise.allSettled(Array.from({ length: CREATES }, (_, i) => User.create({ id: `u${i}`, name: `user ${i}` })));
    const failed = outcomes.filter((o) => o.status === 'rejected');
    expect(failed.map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);

    const users = (await suite.scan()).filter((item) => item.pk!.S!.startsWith('USER#'));
    expect(users).toHaveLength(CREATES);
    const names = new Map(users.map((u) => [u.id!.S, u.name!.S]));
    for (let i = 0; i < CREATES; i++) expect(names.get(`u${i}`)).toBe(`user ${i}`);
    const stats = suite.proxy.stats();
    expect(stats.lostResponses).toBeGreaterThan(CREATES / 10);
    reportRun('creates', stats, { creates: CREATES, failed: failed.length, lost: CREATES - users.length, elapsedMs: Date.now() - started }, { maxRequests: CREATES * 16, minShare: 0.2 });
  }, TIMEOUT);

  it(`${INCREMENTS} idempotent counter updates land exactly once each`, async () => {
    suite.proxy.resetStats();
    const table = new Table({ name: suite.tableName, client: suite.client(), partitionKey: 'pk', sortKey: 'sk' });
    const Counter = table.entity('Counter', {
      schema: z.object({ id: z.string(), count: z.number().int().optional() }),
      keys: { primary: { pk: ['COUNTER', 'id'], sk: ['COUNTER'] } },
    });
    const counters = 10;
    const started = Date.now();
    let next = 0;
    const deadline = stopAt();
    const results: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < INCREMENTS && Date.now() < deadline) {
          const i = next++;
          const { token } = await writeIdempotently(Counter.updateOp({ id: `c${i % counters}` }, { add: { count: 1 } }, { upsert: true }), {
            idempotencyKey: `increment-${i}`,
            maxAttempts: 10,
          });
          results.push(token);
        }
      }),
    );
    expect(new Set(results).size).toBe(INCREMENTS);
    const stored = (await suite.scan()).filter((item) => item.pk!.S!.startsWith('COUNTER#'));
    expect(stored).toHaveLength(counters);
    for (const item of stored) expect(Number(item.count!.N)).toBe(INCREMENTS / counters);
    const total = stored.reduce((n, item) => n + Number(item.count!.N), 0);
    const stats = suite.proxy.stats();
    expect(stats.lostResponses).toBeGreaterThan(INCREMENTS / 10);
    reportRun('idempotent increments', stats, { increments: INCREMENTS, lost: Math.max(0, INCREMENTS - total), doubleApplied: Math.max(0, total - INCREMENTS), elapsedMs: Date.now() - started }, {
      maxRequests: INCREMENTS * 40,
      minShare: 0.2,
    });
  }, TIMEOUT);
});
