import { randomUUID } from 'node:crypto';

/**
 * Ambiguous writes: a write can be applied while its response is lost; the
 * SDK then resends it, and a conditional write's retry fails against the item
 * the first attempt wrote. Creates, version-locked writes and conditional
 * updates therefore store a per-call token in a bookkeeping attribute (the
 * table's `writeTokenAttribute`, stripped on read) and ask for the old item
 * on condition failure: if it carries this call's token, the "failure" is our
 * own earlier success.
 */

/** A fresh token for one write call (shared by the SDK's retries of that call). @internal */
export function newWriteToken(): string {
  return randomUUID();
}

/** Whether an (unmarshalled) item was written by the call that holds `token`. @internal */
export function carriesWriteToken(item: Readonly<Record<string, unknown>> | undefined, token: string | undefined, attribute: string): boolean {
  return token !== undefined && item !== undefined && item[attribute] === token;
}
