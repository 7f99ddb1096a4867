import { ConfigurationError, TablewrightError } from '../errors.js';
import { thrownMessage } from '../errors/hostile-input.js';
export { optionsObject } from '../errors/hostile-input.js';

/**
 * The public boundary of the data-plane functions. Callers may be untyped:
 * options that are not objects, getters and proxies that throw, values of
 * the wrong type deep inside an argument. Each function checks its options
 * object (`optionsObject`) and runs inside {@link guarded}, so whatever such input makes
 * fail surfaces as a tablewright error (the original kept as `cause`);
 * tablewright's own errors pass through unchanged.
 */

/** Runs `call` (sync or async): a non-tablewright failure caused by the input becomes a `ConfigurationError`. @internal */
export function guarded<T>(operation: string, call: () => T): T {
  let result: T;
  try {
    result = call();
  } catch (error) {
    throw asTablewright(operation, error);
  }
  if (result instanceof Promise) return result.catch((error: unknown) => Promise.reject(asTablewright(operation, error))) as T;
  return result;
}

/** {@link guarded} for page iterators: a failure while building or reading a page becomes a `ConfigurationError`. @internal */
export async function* guardedPages<T>(operation: string, pages: () => AsyncGenerator<T>): AsyncGenerator<T> {
  const iterator = guarded(operation, pages);
  try {
    for (;;) {
      let next: IteratorResult<T>;
      try {
        next = await iterator.next();
      } catch (error) {
        throw asTablewright(operation, error);
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await iterator.return?.(undefined);
  }
}

function asTablewright(operation: string, error: unknown): TablewrightError {
  return error instanceof TablewrightError ? error : unreadable(operation, 'an argument', error);
}

function unreadable(operation: string, what: string, cause: unknown): ConfigurationError {
  return new ConfigurationError(`${operation}: ${what} could not be used (${thrownMessage(cause)}); check the values passed`, { cause });
}
