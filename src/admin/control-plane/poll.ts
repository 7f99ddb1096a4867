import { TablewrightError } from '../../errors.js';

/** Options of every admin call that waits for AWS to finish something. */
export interface WaitOptions {
  /** Give up after this many milliseconds (default 30 minutes: restores and exports are slow). */
  readonly timeoutMs?: number | undefined;
  /** First delay between polls in ms; it doubles up to `maxIntervalMs`. Default 500. */
  readonly intervalMs?: number | undefined;
  /** Longest delay between polls in ms. Default 20,000. */
  readonly maxIntervalMs?: number | undefined;
  /** Stops waiting (the AWS operation itself goes on). */
  readonly abortSignal?: AbortSignal | undefined;
}

/** Waiting ran out of time: the AWS operation may still finish later. */
export class WaitTimeoutError extends TablewrightError {
  override readonly name = 'WaitTimeoutError';
  /** What was being waited for, e.g. `table restored-orders ACTIVE`. */
  readonly waitingFor: string;
  /** The last state seen. */
  readonly lastState: string | undefined;
  constructor(waitingFor: string, lastState: string | undefined, timeoutMs: number) {
    super(`gave up waiting for ${waitingFor} after ${timeoutMs} ms (last state: ${lastState ?? 'unknown'}); the operation may still complete`);
    this.waitingFor = waitingFor;
    this.lastState = lastState;
  }
}

/** Waiting was aborted by the caller's signal. */
export class WaitAbortedError extends TablewrightError {
  override readonly name = 'WaitAbortedError';
  constructor(waitingFor: string, options?: { cause?: unknown }) {
    super(`stopped waiting for ${waitingFor} (aborted); the operation goes on in AWS`, options);
  }
}

/**
 * Polls `read` until `done` says so, with exponential backoff, a deadline
 * and abort. `onState` sees every state read (for progress events). Returns
 * the final value.
 * @internal
 */
export async function pollUntil<T>(args: {
  readonly waitingFor: string;
  readonly read: () => Promise<T>;
  readonly done: (value: T) => boolean;
  readonly stateOf: (value: T) => string | undefined;
  readonly onState?: ((value: T) => void) | undefined;
  readonly options?: WaitOptions | undefined;
}): Promise<T> {
  const o = args.options ?? {};
  const timeoutMs = o.timeoutMs ?? 30 * 60_000;
  const deadline = Date.now() + timeoutMs;
  let delay = o.intervalMs ?? 500;
  const maxDelay = o.maxIntervalMs ?? 20_000;
  for (;;) {
    if (o.abortSignal?.aborted) throw new WaitAbortedError(args.waitingFor, { cause: o.abortSignal.reason });
    const value = await args.read();
    args.onState?.(value);
    if (args.done(value)) return value;
    if (Date.now() + delay > deadline) throw new WaitTimeoutError(args.waitingFor, args.stateOf(value), timeoutMs);
    await sleep(delay, o.abortSignal, args.waitingFor);
    delay = Math.min(delay * 2, maxDelay);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined, waitingFor: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new WaitAbortedError(waitingFor, { cause: signal?.reason }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
