import { ConfigurationError, VersionConflictError } from '../../errors.js';
import type { TableModel } from '../../model/table-definition.js';
import type { WriteExtension, WriteExtensionFactory } from '../../model/write-extension.js';
import { returnsItemOnConditionFailure } from '../../transport/transport.js';
import { isVersionMismatch, resolveVersion, storedVersion, versionGuard, versionIncrement, type VersionConfig } from './versioning.js';

/**
 * Under multi-Region eventual consistency a condition is evaluated against the
 * local replica only: two Regions can both pass a version check and
 * last-writer-wins keeps one write, silently. So `version` on a table declared
 * with `replicas` needs MRSC, or conditional writes pinned to a home Region.
 * (MRSC evaluates conditions against the latest version per AWS; how its
 * cross-Region quorum works is marked unverified in dynamodb-facts §5.3.)
 */
function refuseUnpinnedReplicas(table: TableModel, fail: (message: string) => never): void {
  const replicas = table.replicas;
  if (!replicas || replicas.consistency === 'strong' || replicas.homeRegionWrites === true) return;
  if (table.transport.capabilities?.pinsConditionalWrites === true) return;
  fail(
    `version: table ${table.name} is replicated (replicas: ${replicas.regions.map((r) => (typeof r === 'string' ? r : r.region)).join(', ')}) ` +
      'with multi-Region eventual consistency, where a version check only sees the local replica and two Regions can both pass it ' +
      '(last writer wins, one update is lost silently). Pin conditional writes to a home Region (a regionRouter transport, ' +
      "whose default pins them, or replicas.homeRegionWrites: true if your deployment does), or use consistency: 'strong'",
  );
}

/**
 * Optimistic locking as a write extension (entity option `version`): puts
 * require the version read and store the next, updates and deletes take
 * `expectedVersion`, a stale write becomes `VersionConflictError`.
 */
export const versioningExtension: WriteExtensionFactory = {
  option: 'version',
  create({ table, shape, config, fail }): WriteExtension | undefined {
    const version = resolveVersion(shape, config.version as VersionConfig | undefined, fail);
    if (!version) return undefined;
    refuseUnpinnedReplicas(table, fail);
    const attribute = version.attribute;
    return {
      name: 'versioning',
      attributes: [],
      managedAttribute: (name) =>
        name === attribute ? `"${name}" is the version attribute: updates increment it themselves (pass expectedVersion instead)` : undefined,
      preparePut(call) {
        const read = call.parsed[attribute];
        if (call.options.load) {
          // A bulk load stores a version without checking one, so later locked writes start from it.
          call.parsed[attribute] = typeof read === 'number' ? read : 1;
          return;
        }
        const expected = call.create || typeof read !== 'number' ? undefined : read;
        const guard = versionGuard(version, call.model.primary.partitionKeyAttribute, expected);
        call.parsed[attribute] = guard.next;
        // A create already carries attribute_not_exists; do not repeat it.
        if (!call.create) call.conditions.push(guard.condition);
        call.guard.versioned = true;
        call.guard.expectedVersion = expected;
      },
      prepareUpdate(call) {
        const expected = call.options.expectedVersion;
        if (expected === 'any') {
          call.actions.push(versionIncrement(attribute));
          return;
        }
        if (expected === undefined) {
          throw new ConfigurationError(`${call.model.name} is version-locked: update needs { expectedVersion: <the version you read> } (or 'any')`);
        }
        const { condition, next } = versionGuard(version, call.model.primary.partitionKeyAttribute, expected);
        call.set[attribute] = next;
        call.conditions.push(condition);
        call.guard.versioned = true;
        call.guard.expectedVersion = expected;
      },
      prepareDelete(call) {
        const expected = call.options.expectedVersion;
        if (expected === 'any') return;
        if (expected === undefined) {
          throw new ConfigurationError(
            `${call.model.name} is version-locked: delete needs { expectedVersion: <the version you read> } (or 'any' to skip the check)`,
          );
        }
        call.conditions.push(versionGuard(version, call.model.primary.partitionKeyAttribute, expected).condition);
        call.guard.versioned = true;
        call.guard.expectedVersion = expected;
      },
      interpretFailure({ model, operation, guard, error }) {
        if (!guard.versioned) return undefined;
        const current = error.item;
        // The goal state of a delete holds; a lost-response resend looks exactly like this.
        if (operation === 'delete' && current === undefined) return 'applied';
        if (!isVersionMismatch(version, guard.expectedVersion, current)) return undefined;
        return new VersionConflictError({
          entity: model.name,
          key: error.key ?? {},
          expectedVersion: guard.expectedVersion,
          currentVersion: storedVersion(version, current),
          exists: current !== undefined,
          cause: error,
        });
      },
      interpretCancellation({ model, key, guard, code, item }) {
        if (code !== 'ConditionalCheckFailed' || !guard.versioned) return undefined;
        // Without the item (DAX) a version conflict cannot be told from another failure.
        if (item === undefined && !returnsItemOnConditionFailure(model.table.transport)) return undefined;
        if (!isVersionMismatch(version, guard.expectedVersion, item)) return undefined;
        return new VersionConflictError({
          entity: model.name,
          key,
          expectedVersion: guard.expectedVersion,
          currentVersion: storedVersion(version, item),
          // Version-locked operations always ask for ALL_OLD: no item means none is stored.
          exists: item !== undefined,
        });
      },
    };
  },
};
