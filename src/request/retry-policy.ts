/**
 * How tablewright resends: capped exponential backoff with full jitter
 * (AWS's recommendation), bounded twice, by a deadline and by a number of
 * sends. Batches use it for `UnprocessedItems`/`UnprocessedKeys` and
 * transient errors; single-item writes and transactions that carry a write
 * token or an idempotency token use it when the SDK has given up on a
 * transient error (its own retries or its retry quota spent).
 *
 * Defaults: batches 60 s / 100 sends per chunk (the deadline counted per
 * chunk), base 50 ms, cap 2 s;
 * single-item writes and transactions 10 s / 4 sends, base 25 ms, cap 1 s.
 */
export interface RetryPolicy {
  /** Sends in total (per chunk for batches), including the first. */
  readonly maxAttempts?: number | undefined;
  /**
   * No resend starts once this many ms have passed since the first send (of
   * the chunk, for batches: a large batch's late chunks get the same time as
   * its first ones); a delay never runs past it.
   */
  readonly deadlineMs?: number | undefined;
  /** Base delay in ms: retry n waits `random() * min(maxDelayMs, baseDelayMs * 2^(n-1))`. */
  readonly baseDelayMs?: number | undefined;
  /** Cap of one delay in ms. */
  readonly maxDelayMs?: number | undefined;
  /** Injectable for deterministic tests. Default `setTimeout`. */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Injectable for deterministic tests. Default `Math.random`. */
  readonly random?: (() => number) | undefined;
  /** Injectable clock (epoch ms) for the deadline. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/** The defaults one kind of call fills in. @internal */
export interface RetryDefaults {
  readonly maxAttempts: number;
  readonly deadlineMs: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Batch writes and reads: a deadline, not a small attempt count, so harsh but passing conditions complete. @internal */
export const BATCH_RETRY: RetryDefaults = { maxAttempts: 100, deadlineMs: 60_000, baseDelayMs: 50, maxDelayMs: 2_000 };
/** Single-item writes and transactions carrying a token: a few resends after the SDK gave up. @internal */
export const WRITE_RETRY: RetryDefaults = { maxAttempts: 4, deadlineMs: 10_000, baseDelayMs: 25, maxDelayMs: 1_000 };

/** A {@link RetryPolicy} with every default filled in, its clock started. @internal */
export interface ResolvedRetryPolicy {
  readonly maxAttempts: number;
  /** Whether send number `attempt` (1-based; the first is always allowed) may start: within both bounds, the deadline counted from `since` (default: when the policy was resolved). */
  readonly mayRetry: (attempt: number, since?: number) => boolean;
  /** Waits before retry number `retry` (1-based), never past the deadline counted from `since`. */
  readonly backoff: (retry: number, since?: number) => Promise<void>;
  /** Milliseconds since the policy was resolved (the call began). */
  readonly elapsed: () => number;
  /** The policy's clock. */
  readonly now: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** @internal */
export function resolveRetryPolicy(policy: RetryPolicy = {}, defaults: RetryDefaults = BATCH_RETRY): ResolvedRetryPolicy {
  const base = policy.baseDelayMs ?? defaults.baseDelayMs;
  const cap = policy.maxDelayMs ?? defaults.maxDelayMs;
  const sleep = policy.sleep ?? defaultSleep;
  const random = policy.random ?? Math.random;
  const now = policy.now ?? Date.now;
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts ?? defaults.maxAttempts));
  const deadlineMs = Math.max(0, policy.deadlineMs ?? defaults.deadlineMs);
  const started = now();
  const left = (since: number) => deadlineMs - (now() - since);
  return {
    maxAttempts,
    mayRetry: (attempt, since = started) => attempt <= 1 || (attempt <= maxAttempts && left(since) > 0),
    backoff: (retry, since = started) => sleep(Math.max(0, Math.min(left(since), fullJitterDelay(retry, base, cap, random)))),
    elapsed: () => now() - started,
    now,
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
