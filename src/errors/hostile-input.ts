import { ConfigurationError, TablewrightError } from './core-errors.js';

/**
 * Caller input can fail when merely inspected: a getter or proxy trap that
 * throws, a cycle that `JSON.stringify` cannot print. Code that reads such
 * input runs inside {@link readingInput}, so that failure surfaces as a
 * tablewright error (with the original as `cause`) rather than a plain
 * `TypeError`; tablewright's own errors pass through unchanged.
 * @internal
 */
export function readingInput<T>(read: () => T, wrap: (cause: unknown) => TablewrightError): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof TablewrightError) throw error;
    throw wrap(error);
  }
}

/** The message of whatever an input threw, for the wrapping error's text. @internal */
export function thrownMessage(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return 'an unprintable error';
  }
}

/** A short description of any value that never throws (cycles, proxies, symbols). @internal */
export function describeInput(value: unknown): string {
  try {
    if (value === null) return 'null';
    if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    if (typeof value === 'bigint') return `the bigint ${value}n`;
    if (typeof value === 'symbol' || typeof value === 'function') return `a ${typeof value}`;
    if (typeof value !== 'object') return `the ${typeof value} ${String(value)}`;
    if (Array.isArray(value)) return `an array of ${value.length}`;
    const text = JSON.stringify(value);
    return text === undefined ? 'an object' : `the object ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`;
  } catch {
    return 'an object that cannot be inspected';
  }
}

/**
 * `options` as a plain snapshot (each property read once, so a getter cannot
 * answer differently later), or `undefined`. Anything but an object is a
 * `ConfigurationError`.
 * @internal
 */
export function optionsObject<O>(operation: string, options: O): O {
  if (options === undefined) return options;
  return readingInput(
    () => {
      if (options === null || typeof options !== 'object' || Array.isArray(options)) {
        throw new ConfigurationError(`${operation}: options must be an object, got ${describeInput(options)}`);
      }
      return { ...options };
    },
    (cause) => new ConfigurationError(`${operation}: the options could not be read (${thrownMessage(cause)})`, { cause }),
  );
}

