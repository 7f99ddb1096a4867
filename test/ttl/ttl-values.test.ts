import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationMs } from '../../src/extensions/ttl/duration.js';
import { isExpiredValue, MAX_TTL_AGE_SECONDS, toTtlSeconds } from '../../src/extensions/ttl/ttl-value.js';

const now = Date.UTC(2026, 10, 25, 12, 0, 0);
const ctx = { entity: 'Cart', attribute: 'ttl' };

describe('TTL values', () => {
  it('parses durations', () => {
    expect(durationMs('30d')).toBe(30 * 86_400_000);
    expect(durationMs('12h')).toBe(12 * 3_600_000);
    expect(durationMs('15m')).toBe(900_000);
    expect(durationMs('45s')).toBe(45_000);
    expect(durationMs('2w')).toBe(14 * 86_400_000);
    expect(durationMs('250ms')).toBe(250);
    expect(durationMs(1234)).toBe(1234);
    expect(() => durationMs('3 days' as never)).toThrow(/Invalid duration/);
    expect(() => durationMs(-1)).toThrow(RangeError);
  });

  it('stores epoch seconds for Dates, seconds and durations', () => {
    expect(toTtlSeconds(new Date(now + 1500), now, ctx)).toBe(now / 1000 + 1);
    expect(toTtlSeconds(now / 1000 + 60, now, ctx)).toBe(now / 1000 + 60);
    expect(toTtlSeconds({ after: '1h' }, now, ctx)).toBe(now / 1000 + 3600);
  });

  it('refuses milliseconds, values more than five years old, and non-finite values', () => {
    expect(() => toTtlSeconds(now, now, ctx)).toThrowError(expect.objectContaining({ name: 'TtlError', reason: 'milliseconds', attribute: 'ttl' }));
    expect(() => toTtlSeconds(now / 1000 - MAX_TTL_AGE_SECONDS - 10, now, ctx)).toThrowError(expect.objectContaining({ reason: 'too-old' }));
    expect(() => toTtlSeconds(Number.NaN, now, ctx)).toThrowError(expect.objectContaining({ reason: 'not-finite' }));
    expect(() => toTtlSeconds(new Date(Number.NaN), now, ctx)).toThrowError(expect.objectContaining({ reason: 'not-finite' }));
    expect(() => toTtlSeconds('soon' as never, now, ctx)).toThrowError(expect.objectContaining({ reason: 'invalid' }));
  });

  it('accepts any time from five years ago to far future, as whole seconds (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_TTL_AGE_SECONDS + 1, max: 50 * 365 * 86400 }), (offset) => {
        const seconds = toTtlSeconds(now / 1000 + offset, now, ctx);
        expect(Number.isInteger(seconds)).toBe(true);
        expect(isExpiredValue(seconds, now)).toBe(offset <= 0);
      }),
    );
  });
});
