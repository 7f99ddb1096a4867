/**
 * The bounded history of recent write tokens an item carries. Slot 0 is the
 * table's `writeTokenAttribute` (the newest token); slots 1…n-1 are the same
 * name with the slot number appended (`_wt1`, `_wt2`, …). Every guarded
 * update shifts the slots by one (`SET _wt2 = if_not_exists(_wt1, ''), _wt1
 * = if_not_exists(_wt, ''), _wt = :token`: DynamoDB reads every operand from
 * the item as it was), so an applied write stays recognisable across the
 * next n-1 guarded writes. A put replaces the whole item: its history starts
 * again with its own token.
 *
 * A token of a version-locked write starts with the version it writes
 * (`7.Zk3…`): a resend can then tell "another writer wrote the version I
 * would have written" (a real conflict) from "my token was shifted out" (unknown).
 * @internal
 */

/** The attribute of every slot, newest first. @internal */
export function historySlots(attribute: string, size: number): readonly string[] {
  return Array.from({ length: size }, (_, i) => (i === 0 ? attribute : `${attribute}${i}`));
}

// Random bytes are drawn from a pool refilled 256 tokens at a time (as randomUUID does):
// one randomBytes(16) call per write costs more than the rest of a create's own work.
const TOKEN_BYTES = 16;
const POOL_TOKENS = 256;
let pool: Buffer | undefined;
let next = POOL_TOKENS;

/** A fresh token: 128 random bits, base64url; prefixed with the version written, if any. @internal */
export function newHistoryToken(version: number | undefined): string {
  if (next === POOL_TOKENS) {
    // Web Crypto's getRandomValues: the global needs no import (see runtime/node-builtins.ts).
    pool = globalThis.crypto.getRandomValues(pool ?? Buffer.allocUnsafe(TOKEN_BYTES * POOL_TOKENS));
    next = 0;
  }
  const start = TOKEN_BYTES * next++;
  const random = pool!.toString('base64url', start, start + TOKEN_BYTES);
  return version === undefined ? random : `${version}.${random}`;
}

/** The version a token says it wrote, if it says one. @internal */
export function tokenVersion(token: string): number | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0) return undefined;
  const version = Number(token.slice(0, dot));
  return Number.isSafeInteger(version) ? version : undefined;
}

/** The tokens an (unmarshalled) item carries, newest first; empty slots left out. @internal */
export function storedTokens(item: Readonly<Record<string, unknown>> | undefined, slots: readonly string[]): string[] {
  if (!item) return [];
  const out: string[] = [];
  for (const slot of slots) {
    const value = item[slot];
    if (typeof value === 'string' && value !== '') out.push(value);
  }
  return out;
}

/**
 * What a failed guarded write's current item says about the call holding
 * `token`, after `attempts` sends (SDK retries and tablewright's resends;
 * `undefined` when the transport did not say):
 *
 * - `'applied'`: the token is in the history, an earlier send was applied;
 * - `'failed'`: the failure is real: only one send went out, or (version-locked)
 *   another writer's token claims the version this write would have written;
 * - `'unknown'`: a resend whose token is not (or no longer) in the history,
 *   so an earlier send may have been applied and then written over.
 * @internal
 */
export function judgeFailure(
  token: string,
  item: Readonly<Record<string, unknown>> | undefined,
  slots: readonly string[],
  attempts: number | undefined,
): 'applied' | 'failed' | 'unknown' {
  const tokens = storedTokens(item, slots);
  if (tokens.includes(token)) return 'applied';
  if (attempts === 1) return 'failed';
  const version = tokenVersion(token);
  if (version !== undefined && tokens.some((t) => tokenVersion(t) === version)) return 'failed';
  return 'unknown';
}
