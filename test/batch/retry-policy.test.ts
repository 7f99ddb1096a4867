import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullJitterDelay, resolveRetryPolicy, runBounded } from '../../src/request/retry-policy.js';

describe('retry policy', () => {
  it('full jitter stays within [0, min(cap, base * 2^(n-1)))', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (retry, base, cap, r) => {
        const delay = fullJitterDelay(retry, base, cap, () => r);
        const ceiling = Math.min(cap, base * 2 ** (retry - 1));
        return delay >= 0 && delay < ceiling + 1e-9 && Number.isFinite(delay);
      }),
    );
  });

  it('uses the injected sleep and random, growing exponentially up to the cap', async () => {
    const slept: number[] = [];
    const policy = resolveRetryPolicy({ baseDelayMs: 10, maxDelayMs: 50, random: () => 0.5, sleep: async (ms) => void slept.push(ms) });
    for (let retry = 1; retry <= 5; retry++) await policy.backoff(retry);
    expect(slept).toEqual([5, 10, 20, 25, 25]);
    expect(resolveRetryPolicy({}).maxAttempts).toBe(100);
    expect(resolveRetryPolicy({ maxAttempts: 0 }).maxAttempts).toBe(1);
  });

  it('a deadline bounds the resends and no delay runs past it; the send count still bounds them', async () => {
    let clock = 0;
    const slept: number[] = [];
    const policy = resolveRetryPolicy({ deadlineMs: 100, maxAttempts: 1000, baseDelayMs: 40, maxDelayMs: 1000, random: () => 0.99, now: () => clock, sleep: async (ms) => void (slept.push(ms), (clock += ms)) });
    let sends = 1;
    while (policy.mayRetry(sends + 1)) await policy.backoff(sends++);
    expect(clock).toBe(100);
    expect(slept.every((ms) => ms >= 0)).toBe(true);
    expect(sends).toBeLessThan(10);
    expect(policy.mayRetry(1)).toBe(true); // the first send is always allowed
    const counted = resolveRetryPolicy({ maxAttempts: 3, deadlineMs: 1e9, now: () => 0 });
    expect([1, 2, 3, 4].map((n) => counted.mayRetry(n))).toEqual([true, true, true, false]);
  });

  it('runBounded never exceeds its concurrency and runs every task once', async () => {
    let inFlight = 0;
    let peak = 0;
    const ran: number[] = [];
    await runBounded(
      40,
      3,
      async (i) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await Promise.resolve();
        await Promise.resolve();
        ran.push(i);
        inFlight--;
      },
      () => false,
    );
    expect(peak).toBe(3);
    expect(ran.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });
});
