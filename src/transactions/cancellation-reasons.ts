import type { CancellationReason as SdkReason } from '@aws-sdk/client-dynamodb';
import { fromStoredItem } from '../entity/item-codec.js';
import { VersionConflictError, type CancellationReason } from '../errors.js';
import { isVersionMismatch, storedVersion } from '../locking/versioning.js';
import { unmarshallItem } from '../marshalling/marshall.js';
import type { WriteOperation } from '../operations/write-operation.js';
import type { GetOperation } from '../operations/get-operation.js';

/**
 * Turns DynamoDB's `CancellationReasons` (one per action, in request order,
 * `Item` still marshalled even through the DocumentClient) into typed reasons
 * in input order, with the current item parsed by its entity.
 * @internal
 */
export function toCancellationReasons(
  ops: readonly (WriteOperation | GetOperation)[],
  reasons: readonly SdkReason[] | undefined,
): CancellationReason[] {
  return ops.map((op, index) => {
    const reason = reasons?.[index];
    const code = reason?.Code ?? 'Unknown';
    const raw = reason?.Item ? unmarshallItem(reason.Item) : undefined;
    let item: Record<string, unknown> | undefined = raw;
    if (raw) {
      try {
        item = fromStoredItem(op.model, raw);
      } catch {
        // Stored data that no longer parses is still worth showing.
        item = raw;
      }
    }
    let versionConflict: VersionConflictError | undefined;
    const guard = 'guard' in op ? op.guard : undefined;
    const version = op.model.version;
    if (code === 'ConditionalCheckFailed' && guard?.versioned && version && isVersionMismatch(version, guard.expectedVersion, raw)) {
      versionConflict = new VersionConflictError({
        entity: op.entity,
        key: op.key,
        expectedVersion: guard.expectedVersion,
        currentVersion: storedVersion(version, raw),
        // Version-locked operations always ask for ALL_OLD: no item means none is stored.
        exists: raw !== undefined,
      });
    }
    return { index, kind: op.kind, entity: op.entity, key: op.key, code, message: reason?.Message, item, stored: raw, versionConflict };
  });
}
