/**
 * Durations for TTL: `'90d'`, `'12h'`, `'30m'`, `'45s'`, `'2w'`, or milliseconds.
 */

import type { Duration } from '../../model/expiry.js';

export type { Duration };

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Milliseconds in a duration. Throws a `RangeError` for anything else. */
export function durationMs(duration: Duration): number {
  if (typeof duration === 'number') {
    if (!Number.isFinite(duration) || duration < 0) throw new RangeError(`Invalid duration ${duration} ms`);
    return duration;
  }
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(duration);
  if (!m) throw new RangeError(`Invalid duration ${JSON.stringify(duration)}: use e.g. '30d', '12h', '15m', '45s' or milliseconds`);
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}
