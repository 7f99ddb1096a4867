/** Skews at or beyond this (4 minutes) make the SDK mark an error `clockSkewCorrected`. */
const SKEW_THRESHOLD_MS = 240_000;

/** The part of the client config clock-skew correction reads and writes. @internal */
export interface ClockConfig {
  systemClockOffset?: number;
}

let lastDateHeader = '';
let lastDateValue = Number.NaN;

function parseDate(value: string): number {
  if (value !== lastDateHeader) {
    lastDateHeader = value;
    lastDateValue = Date.parse(value);
  }
  return lastDateValue;
}

/**
 * The SDK's `getUpdatedSystemClockOffset`: the offset becomes server time
 * minus local time, unless the response came from a cache (`age`) or took
 * over 15 minutes.
 * @internal
 */
export function updatedClockOffset(serverDate: string | undefined, age: string | undefined, current: number, sentAt: number): number {
  if (serverDate === undefined || age !== undefined) return current;
  const serverTime = parseDate(serverDate);
  if (Number.isNaN(serverTime)) return current;
  const now = Date.now();
  if (now - sentAt > 900_000) return current;
  return serverTime - now;
}

/**
 * After a failed attempt: resample the offset from the error's server time
 * (`ServerTime` or the `date` header) and flag the error as
 * `clockSkewCorrected` when the skew is large and changed, which makes the
 * retry strategy treat it as transient, so the next attempt is signed with the
 * corrected clock — as the SDK's SigV4 signer's error handler does.
 * @internal
 */
export function correctClockOnError(config: ClockConfig, error: unknown, headers: Record<string, string> | undefined, preOffset: number, sentAt: number): void {
  const e = error as { ServerTime?: string; $metadata?: { clockSkewCorrected?: boolean } };
  const serverTime = e?.ServerTime ?? headers?.date ?? headers?.Date;
  if (serverTime === undefined) return;
  const current = config.systemClockOffset ?? 0;
  const next = updatedClockOffset(serverTime, headers?.age ?? headers?.Age, current, sentAt);
  config.systemClockOffset = next;
  if (Math.abs(next) >= SKEW_THRESHOLD_MS && next !== preOffset && e.$metadata) e.$metadata.clockSkewCorrected = true;
}
