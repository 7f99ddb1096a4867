import { ConfigurationError } from '../errors.js';

/**
 * Runs `load` (an `import()` of a chunk kept out of the entry's import, see
 * docs/architecture.md) and turns its failure into a
 * {@link ConfigurationError} naming `what` could not be loaded. @internal
 */
export function loadOnFirstUse<T>(what: string, load: () => Promise<T>): Promise<T> {
  return load().catch((cause: unknown) => {
    throw new ConfigurationError(`could not load ${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  });
}
