/**
 * A units-per-second budget (read or write capacity) honoured with the
 * ConsumedCapacity DynamoDB reports: a token bucket holding at most one
 * second of units. A request waits until the bucket is not in debt, then its
 * actual consumption is charged, so a large page pushes the next one back.
 * @internal
 */
export interface CapacityBudget {
  /** Resolves when a request may be sent (at once when unlimited). */
  ready(signal?: AbortSignal): Promise<void>;
  /** Charges the units a request consumed. */
  charge(units: number): void;
}

/** How a budget tells time; tests pass a manual clock. @internal */
export interface BudgetClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const realClock: BudgetClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

const UNLIMITED: CapacityBudget = { ready: () => Promise.resolve(), charge: () => undefined };

/** A budget of `perSecond` units (`undefined`: unlimited). @internal */
export function capacityBudget(perSecond: number | undefined, clock: BudgetClock = realClock): CapacityBudget {
  if (perSecond === undefined || perSecond === Infinity) return UNLIMITED;
  let tokens = perSecond;
  let last = clock.now();
  const refill = () => {
    const now = clock.now();
    tokens = Math.min(perSecond, tokens + ((now - last) / 1000) * perSecond);
    last = now;
  };
  return {
    async ready(signal) {
      for (refill(); tokens <= 0; refill()) await clock.sleep(Math.ceil(((-tokens + perSecond / 100) / perSecond) * 1000), signal);
    },
    charge(units) {
      refill();
      tokens -= units;
    },
  };
}
