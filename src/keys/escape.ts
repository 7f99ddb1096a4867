/**
 * Escaping of key segments.
 *
 * Every segment of a composite key is escaped so that a value can never
 * contain a bare delimiter: `\` becomes `\\` and the delimiter `d` becomes
 * `\d`. Escaping is applied character by character, so it is injective, its
 * inverse is unambiguous, and `escape(prefix)` is a prefix of `escape(value)`
 * — which keeps `begins_with` on partial values working.
 */

import { ConfigurationError } from '../errors.js';
import { isWellFormed } from './well-formed.js';

/** The escape character. Chosen because it is rare in real keys and not a regex metacharacter issue once escaped. */
export const ESCAPE_CHAR = '\\';

/**
 * Validates a delimiter: exactly one UTF-16 unit, not the escape character,
 * not a lone surrogate (which has no UTF-8 form). Throws {@link ConfigurationError}.
 */
export function assertDelimiter(delimiter: string): void {
  if (typeof delimiter !== 'string' || delimiter.length !== 1 || delimiter === ESCAPE_CHAR || !isWellFormed(delimiter)) {
    throw new ConfigurationError(
      `Key delimiter must be a single character other than "${ESCAPE_CHAR}" and not a lone UTF-16 surrogate, got ${JSON.stringify(delimiter)}`,
    );
  }
}

/** Escapes one segment. Fast path: most values contain neither character. */
export function escapeSegment(value: string, delimiter: string): string {
  if (value.indexOf(ESCAPE_CHAR) === -1 && value.indexOf(delimiter) === -1) return value;
  let out = '';
  for (const ch of value) {
    out += ch === ESCAPE_CHAR || ch === delimiter ? ESCAPE_CHAR + ch : ch;
  }
  return out;
}

/** Splits a composite key back into its unescaped segments. */
export function splitKey(key: string, delimiter: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < key.length; i++) {
    const ch = key[i]!;
    if (ch === ESCAPE_CHAR && i + 1 < key.length) {
      current += key[++i];
    } else if (ch === delimiter) {
      segments.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  segments.push(current);
  return segments;
}
