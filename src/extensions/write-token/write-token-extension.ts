import type { WriteExtension, WriteExtensionFactory } from '../../model/write-extension.js';
import { carriesWriteToken, newWriteToken } from './write-token.js';

/**
 * Ambiguous-write protection as a write extension: creates, version-locked
 * writes and conditional updates store a per-call token in the table's
 * `writeTokenAttribute`; a condition failure whose current item carries this
 * call's token is our own earlier success (an SDK resend after a lost
 * response). Transactions carry none: their ClientRequestToken covers resends.
 */
export const writeTokenExtension: WriteExtensionFactory = {
  create({ table }): WriteExtension {
    const attribute = table.writeTokenAttribute;
    return {
      name: 'write-token',
      attributes: [attribute],
      storePut(call, stored) {
        if (call.transactional || !(call.create || call.guard.versioned)) return;
        const token = newWriteToken();
        stored[attribute] = token;
        call.guard.token = token;
      },
      prepareUpdate(call) {
        // A resend of an applied conditional update may fail its own condition (e.g. status 'open' → 'closed').
        if (call.transactional || !(call.guard.versioned || call.conditional)) return;
        const token = newWriteToken();
        call.set[attribute] = token;
        call.guard.token = token;
      },
      interpretFailure: ({ guard, error }) => (carriesWriteToken(error.item, guard.token, attribute) ? 'applied' : undefined),
    };
  },
};
