import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balance, isExpired, observe } from '../../src/streams/consumer/lease-balancer.js';
import type { ShardLease } from '../../src/streams/consumer/lease-store.js';

/** The balancing rules (docs/streams.md), checked over random lease tables. */
const LEASE_MS = 1000;
const owners = ['a', 'b', 'c', 'me'];

const leaseArb = fc.record({
  owner: fc.option(fc.constantFrom(...owners), { nil: undefined }),
  counter: fc.nat(20),
  finished: fc.boolean(),
  parentIndex: fc.option(fc.nat(10), { nil: undefined }),
  handoff: fc.option(fc.constantFrom(...owners), { nil: undefined }),
  age: fc.nat(2000), // how long the observer has seen this counter
});

function table(raw: (typeof leaseArb extends fc.Arbitrary<infer T> ? T : never)[]) {
  const leases: ShardLease[] = raw.map((r, i) => ({
    group: 'g',
    shardId: `s${i}`,
    ...(r.parentIndex !== undefined && r.parentIndex < i ? { parent: `s${r.parentIndex}` } : {}),
    ...(r.owner ? { owner: r.owner } : {}),
    counter: r.counter,
    finished: r.finished,
    ...(r.handoff && r.handoff !== r.owner ? { handoffTo: r.handoff } : {}),
  }));
  const now = 10_000;
  const observations = new Map(raw.map((r, i) => [`s${i}`, { counter: r.counter, owner: r.owner, since: now - r.age }]));
  return { leases, observations, now, streamShards: new Set(leases.map((l) => l.shardId)) };
}

describe('lease balancing', () => {
  it('only takes workable leases that are free or expired, never more than the fair share, and asks for a handoff only when it takes nothing', () => {
    fc.assert(
      fc.property(fc.array(leaseArb, { maxLength: 12 }), (raw) => {
        const { leases, observations, now, streamShards } = table(raw);
        const decision = balance({ me: 'me', leases, observations, streamShards, now, leaseDurationMs: LEASE_MS });
        const byId = new Map(leases.map((l) => [l.shardId, l]));
        const workable = (l: ShardLease) => !l.finished && (l.parent === undefined || byId.get(l.parent)?.finished === true);
        const mine = leases.filter((l) => l.owner === 'me' && workable(l)).length;
        for (const lease of decision.take) {
          expect(lease.finished).toBe(false);
          expect(lease.owner === undefined || isExpired(lease, observations, now, LEASE_MS)).toBe(true);
          expect(lease.owner).not.toBe('me');
          // a child is taken only once its parent is finished
          if (lease.parent) expect(byId.get(lease.parent)?.finished).toBe(true);
        }
        expect(mine + decision.take.length).toBeLessThanOrEqual(Math.max(decision.target, mine));
        if (decision.handoff) {
          expect(decision.take).toHaveLength(0);
          expect(decision.handoff.owner).not.toBe('me');
          expect(decision.handoff.handoffTo).toBeUndefined();
          expect(isExpired(decision.handoff, observations, now, LEASE_MS)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a counter seen unchanged for the lease duration is expired; any change (or a new owner) starts the clock again', () => {
    const lease: ShardLease = { group: 'g', shardId: 's', owner: 'x', counter: 3, finished: false };
    const first = observe(new Map(), [lease], 0);
    expect(isExpired(lease, first, 999, 1000)).toBe(false);
    expect(isExpired(lease, observe(first, [lease], 999), 1000, 1000)).toBe(true);
    const renewed = { ...lease, counter: 4 };
    const later = observe(first, [renewed], 1500);
    expect(isExpired(renewed, later, 2000, 1000)).toBe(false);
    expect(isExpired({ ...lease, owner: undefined }, first, 5000, 1000)).toBe(false);
  });

  it('a consumer with a live heartbeat but no lease counts in the share', () => {
    const leases: ShardLease[] = ['s0', 's1', 's2', 's3'].map((shardId) => ({ group: 'g', shardId, owner: 'a', counter: 1, finished: false }));
    const streamShards = new Set(leases.map((l) => l.shardId));
    const consumers = [{ workerId: 'idle', counter: 7 }];
    const observations = observe(observe(new Map(), leases, 0), leases, 500, consumers);
    // every lease of `a` expired; `me` takes 2 of 4, leaving the rest to `idle`
    const decision = balance({ me: 'me', leases, consumers, observations, streamShards, now: 1000, leaseDurationMs: 1000 });
    expect(decision.target).toBe(2);
    expect(decision.take).toHaveLength(2);
  });
});
