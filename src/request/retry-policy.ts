/**
 * How batch operations retry unprocessed keys/items and retryable errors:
 * capped exponential backoff with full jitter (AWS's recommendation), a
 * bounded number of sends.
 */
export interface RetryPolicy {
  /** Sends per chunk in total, including the first. Default 10. */
  readonly maxAttempts?: number | undefined;
  /** Base delay in ms: retry n waits `random() * min(maxDelayMs, baseDelayMs * 2^(n-1))`. Default 50. */
  readonly baseDelayMs?: number | undefined;
  /** Cap of one delay in ms. Default 5000. */
  readonly maxDelayMs?: number | undefined;
  /** Injectable for deterministic tests. Default `setTimeout`. */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Injectable for deterministic tests. Default `Math.random`. */
  readonly random?: (() => number) | undefined;
}

/** A {@link RetryPolicy} with every default filled in. @internal */
export interface ResolvedRetryPolicy {
  readonly maxAttempts: number;
  /** Waits before retry number `retry` (1-based). */
  readonly backoff: (retry: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** @internal */
export function resolveRetryPolicy(policy: RetryPolicy = {}): ResolvedRetryPolicy {
  const base = policy.baseDelayMs ?? 50;
  const cap = policy.maxDelayMs ?? 5000;
  const sleep = policy.sleep ?? defaultSleep;
  const random = policy.random ?? Math.random;
  return {
    maxAttempts: Math.max(1, Math.floor(policy.maxAttempts ?? 10)),
    backoff: (retry) => sleep(fullJitterDelay(retry, base, cap, random)),
  };
}

/** Full jitter: uniform in `[0, min(cap, base * 2^(retry-1)))`. @internal */
export function fullJitterDelay(retry: number, base: number, cap: number, random: () => number): number {
  return random() * Math.min(cap, base * 2 ** Math.min(retry - 1, 30));
}

/** Runs `task(i)` for `i` in `[0, count)` with at most `limit` in flight; stops starting new ones once `stop()` is true. @internal */
export async function runBounded(count: number, limit: number, task: (i: number) => Promise<void>, stop: () => boolean): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count && !stop()) {
      const i = next++;
      await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
}
