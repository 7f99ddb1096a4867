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
    expect(resolveRetryPolicy({}).maxAttempts).toBe(10);
    expect(resolveRetryPolicy({ maxAttempts: 0 }).maxAttempts).toBe(1);
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
