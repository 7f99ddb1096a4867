import { TtlError } from '../../errors.js';
import type { ExpiryInput } from '../../model/expiry.js';
import { durationMs } from './duration.js';

/** DynamoDB ignores TTL values more than five years in the past. */
export const MAX_TTL_AGE_SECONDS = 5 * 366 * 24 * 3600;
/**
 * Epoch seconds beyond this (year 5138) are almost certainly milliseconds,
 * which DynamoDB would read as a date far in the future and never expire.
 */
export const MAX_PLAUSIBLE_EPOCH_SECONDS = 1e11;

export type { ExpiryInput };

/**
 * Turns an expiry into DynamoDB's TTL value (epoch **seconds**, integer),
 * refusing values DynamoDB would silently ignore.
 * @internal
 */
export function toTtlSeconds(input: ExpiryInput, nowMs: number, context: { entity?: string; attribute: string }): number {
  let seconds: number;
  if (input instanceof Date) {
    seconds = input.getTime() / 1000;
  } else if (typeof input === 'number') {
    seconds = input;
  } else if (input && typeof input === 'object' && 'after' in input) {
    try {
      seconds = (nowMs + durationMs(input.after)) / 1000;
    } catch (cause) {
      throw new TtlError({ ...context, reason: 'invalid', value: input.after, message: (cause as Error).message });
    }
  } else {
    throw new TtlError({ ...context, reason: 'invalid', value: input, message: 'expected a Date, epoch seconds or { after }' });
  }
  if (!Number.isFinite(seconds)) {
    throw new TtlError({ ...context, reason: 'not-finite', value: input, message: 'expiry is not a finite time' });
  }
  if (seconds > MAX_PLAUSIBLE_EPOCH_SECONDS) {
    throw new TtlError({
      ...context,
      reason: 'milliseconds',
      value: input,
      message: `${seconds} looks like epoch milliseconds; DynamoDB TTL takes epoch seconds (DynamoDB would never expire it)`,
    });
  }
  if (seconds < nowMs / 1000 - MAX_TTL_AGE_SECONDS) {
    throw new TtlError({
      ...context,
      reason: 'too-old',
      value: input,
      message: 'expiry lies more than five years in the past; DynamoDB ignores such TTL values',
    });
  }
  return Math.floor(seconds);
}

export { isExpiredValue } from '../../model/expiry.js';
