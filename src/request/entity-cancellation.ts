import type { CancellationReason as SdkReason } from '@aws-sdk/client-dynamodb';
import { unmarshallItem } from '../marshalling/marshall.js';
import { interpretCancellation, NO_GUARD } from '../model/apply-extensions.js';
import type { EntityModel } from '../model/entity-model.js';
import { readNativeItem } from '../model/item-reader.js';
import type { WriteGuard } from '../model/write-extension.js';
import type { ParticipantReason } from './transaction-participant.js';

/**
 * How an entity operation reads its cancellation reason: the current item
 * parsed by the entity (as stored when it no longer parses), and the typed
 * version conflict its write extensions see. Shared by every entity operation
 * (`this` is the operation), so building one allocates no closure.
 * @internal
 */
export function entityCancellation(
  this: { readonly model: EntityModel; readonly key: Readonly<Record<string, unknown>>; readonly guard?: WriteGuard },
  reason: SdkReason,
): ParticipantReason {
  const raw = reason.Item ? unmarshallItem(reason.Item) : undefined;
  const item = raw && readNativeItem(this.model, raw, true);
  const versionConflict = interpretCancellation({
    model: this.model,
    key: this.key,
    guard: this.guard ?? NO_GUARD,
    code: reason.Code ?? 'Unknown',
    item: raw,
  });
  return { item, stored: raw, versionConflict };
}
