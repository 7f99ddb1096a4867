import { ConditionFailedError, ConfigurationError } from '../../errors.js';
import type { EntityModel } from '../../model/entity-model.js';
import type { ExpiryInput } from '../../model/expiry.js';
import { updateItem } from './update.js';

/** Options of `extendExpiry` / `removeExpiry`. */
export interface ExpiryUpdateOptions {
  /** Also act on an item whose TTL has passed (resurrecting it). Default: such items count as gone. */
  readonly includeExpired?: boolean | undefined;
  /**
   * Version-locked entities: the version the caller read; another stored
   * version fails with `VersionConflictError`. Default `'any'`: no check,
   * but the stored version is incremented like on every update.
   */
  readonly expectedVersion?: number | 'any' | undefined;
  readonly abortSignal?: AbortSignal | undefined;
}

/**
 * Sets (or, with `null`, removes) an item's expiry: an update whose only
 * change is the TTL attribute, so the write extensions apply as on any
 * update (timestamps move `updatedAt`, the version is incremented, the write
 * token recognises a resend). Fails with `ConditionFailedError` when the
 * item does not exist or has already expired. Returns the item as stored
 * afterwards.
 * @internal
 */
export async function setExpiry(
  model: EntityModel,
  key: Readonly<Record<string, unknown>>,
  expiresAt: ExpiryInput | null,
  options: ExpiryUpdateOptions = {},
): Promise<unknown> {
  if (!model.table.ttlAttribute) throw new ConfigurationError(`${model.name}: the table declares no ttlAttribute`);
  try {
    return await updateItem(model, key, {}, {
      expiresAt,
      includeExpired: options.includeExpired,
      expectedVersion: options.expectedVersion ?? 'any',
      abortSignal: options.abortSignal,
      returnValues: 'ALL_NEW',
    });
  } catch (error) {
    // The update's own message suggests upsert, which an expiry change has no use for.
    if (!(error instanceof ConditionFailedError) || error.constructor !== ConditionFailedError || error.item !== undefined) throw error;
    throw new ConditionFailedError({
      entity: model.name,
      key: error.key,
      message: `${model.name} ${JSON.stringify(error.key)}: no such item to change the expiry of (it is gone or has expired; includeExpired acts on an expired one)`,
      cause: error.cause,
    });
  }
}
