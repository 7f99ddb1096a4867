import { WriteOutcomeUnknownError } from '../../errors.js';
import { ifNotExistsOperand, setAction, valueOperand, type UpdateAction } from '../../expressions/update-node.js';
import type { WriteExtension, WriteExtensionFactory } from '../../model/write-extension.js';
import { historySlots, judgeFailure, newHistoryToken } from './token-history.js';

/**
 * Ambiguous-write protection as a write extension: creates, version-locked
 * writes and conditional updates store a per-call token in the item's token
 * history (see `token-history.ts`). A condition failure whose current item
 * carries this call's token is our own earlier success (a resend after a
 * lost response); a resend that can no longer be told apart is
 * `WriteOutcomeUnknownError`, never a conflict. Transactions carry none:
 * their ClientRequestToken covers resends.
 */
export const writeTokenExtension: WriteExtensionFactory = {
  create({ table }): WriteExtension {
    const slots = historySlots(table.writeTokenAttribute, table.writeTokenHistory);
    // Newest last: `_wtN = if_not_exists(_wtN-1, '')` … `_wt1 = if_not_exists(_wt, '')`; every operand reads the old item.
    const shift: readonly UpdateAction[] = slots
      .slice(1)
      .map((slot, i) => setAction([slot], ifNotExistsOperand([slots[i]!], valueOperand(''))))
      .reverse();
    const tokenFor = (guard: { versioned: boolean; expectedVersion: number | undefined }) =>
      newHistoryToken(guard.versioned ? (guard.expectedVersion ?? 0) + 1 : undefined);
    return {
      name: 'write-token',
      attributes: slots,
      storePut(call, stored) {
        if (call.transactional || !(call.create || call.guard.versioned)) return;
        const token = tokenFor(call.guard);
        stored[slots[0]!] = token;
        call.guard.token = token;
      },
      prepareUpdate(call) {
        // A resend of an applied conditional update may fail its own condition (e.g. status 'open' → 'closed').
        if (call.transactional || !(call.guard.versioned || call.conditional)) return;
        const token = tokenFor(call.guard);
        call.set[slots[0]!] = token;
        call.actions.push(...shift);
        call.guard.token = token;
      },
      interpretFailure({ model, operation, guard, error, attempts }) {
        if (guard.token === undefined) return undefined;
        const verdict = judgeFailure(guard.token, error.item, slots, attempts);
        if (verdict === 'applied') return 'applied';
        if (verdict === 'failed') return undefined;
        return new WriteOutcomeUnknownError({
          entity: model.name,
          key: error.key,
          operation,
          reason: 'unrecognised-resend',
          token: guard.token,
          item: error.item,
          cause: error.cause,
        });
      },
    };
  },
};
