import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historySlots, judgeFailure, newHistoryToken, storedTokens, tokenVersion } from '../../src/extensions/write-token/token-history.js';

const slots = historySlots('_wt', 4);

/** The history after `tokens` were written in order by guarded updates (newest in slot 0). */
function historyAfter(tokens: readonly string[]): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const token of tokens) {
    for (let i = slots.length - 1; i > 0; i--) item[slots[i]!] = item[slots[i - 1]!] ?? '';
    item[slots[0]!] = token;
  }
  return item;
}

describe('write-token history', () => {
  it('names the slots after the attribute and stamps version-locked tokens with the version they write', () => {
    expect(slots).toEqual(['_wt', '_wt1', '_wt2', '_wt3']);
    expect(tokenVersion(newHistoryToken(7))).toBe(7);
    expect(tokenVersion(newHistoryToken(undefined))).toBeUndefined();
    expect(newHistoryToken(undefined)).toMatch(/^[\w-]{22}$/);
    expect(storedTokens({ _wt: 'a', _wt1: '', _wt2: 3 }, slots)).toEqual(['a']);
  });

  it('never repeats a token, across many refills of the random pool', () => {
    const tokens = Array.from({ length: 5000 }, () => newHistoryToken(undefined));
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens.every((t) => /^[\w-]{22}$/.test(t))).toBe(true);
  });

  it('a token among the last n is applied; one pushed out is unknown after a resend, a failure after one send', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), (after) => {
        const mine = newHistoryToken(undefined);
        const item = historyAfter([mine, ...Array.from({ length: after }, () => newHistoryToken(undefined))]);
        const resent = judgeFailure(mine, item, slots, 2);
        expect(resent).toBe(after < slots.length ? 'applied' : 'unknown');
        expect(judgeFailure(mine, item, slots, 1)).toBe(after < slots.length ? 'applied' : 'failed');
        expect(judgeFailure(mine, item, slots, undefined)).toBe(resent);
      }),
    );
  });

  it('version-locked: another token claiming my version is a real conflict, however many sends went out', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 2, max: 9 }), (version, later, attempts) => {
        const mine = newHistoryToken(version);
        const winner = newHistoryToken(version);
        const item = historyAfter([winner, ...Array.from({ length: later }, (_, i) => newHistoryToken(version + 1 + i))]);
        expect(judgeFailure(mine, item, slots, attempts)).toBe('failed');
        // Once the winner's token is shifted out as well, nothing tells them apart.
        const overrun = historyAfter([winner, ...Array.from({ length: slots.length }, (_, i) => newHistoryToken(version + 1 + i))]);
        expect(judgeFailure(mine, overrun, slots, attempts)).toBe('unknown');
      }),
    );
  });

  it('no item at all after a resend is unknown (it may have been applied and then deleted)', () => {
    expect(judgeFailure(newHistoryToken(3), undefined, slots, 2)).toBe('unknown');
    expect(judgeFailure(newHistoryToken(3), undefined, slots, 1)).toBe('failed');
  });
});
