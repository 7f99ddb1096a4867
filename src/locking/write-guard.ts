import type { EntityModel } from '../entity/entity-model.js';
import { ConditionFailedError, ConfigurationError, VersionConflictError } from '../errors.js';
import type { ConditionNode } from '../expressions/condition-node.js';
import { stampPut } from '../schema/timestamps.js';
import { isVersionMismatch, storedVersion, versionGuard } from './versioning.js';
import { carriesWriteToken, newWriteToken } from './write-token.js';

/**
 * What optimistic locking, timestamps and ambiguous-write protection add to
 * one put or delete. Built once per call by {@link guardPut}/{@link guardDelete};
 * the same guard then interprets a condition failure.
 * @internal
 */
export interface WriteGuard {
  /** Condition to AND with the caller's (the version check), if any. */
  readonly condition: ConditionNode | undefined;
  /** Write token stored in the item, if this write carries one. */
  readonly token: string | undefined;
  /** Whether the version was part of the condition. */
  readonly versioned: boolean;
  /** The version required (`undefined`: the item must not exist). */
  readonly expectedVersion: number | undefined;
}

const NONE: WriteGuard = { condition: undefined, token: undefined, versioned: false, expectedVersion: undefined };

/**
 * Applies timestamps and the version increment to a parsed put item (mutates
 * it) and returns the guard. `create`: the caller already requires that the
 * item does not exist. `withToken`: carry a write token (creates and
 * version-locked puts only).
 * @internal
 */
export function guardPut(model: EntityModel, parsed: Record<string, unknown>, create: boolean, withToken = true): WriteGuard {
  if (model.timestamps) stampPut(model.timestamps, parsed, model.table.clock());
  const version = model.version;
  if (!version) return create && withToken ? { ...NONE, token: newWriteToken() } : NONE;
  const read = parsed[version.attribute];
  const expected = create || typeof read !== 'number' ? undefined : read;
  const guard = versionGuard(version, model.primary.partitionKeyAttribute, expected);
  parsed[version.attribute] = guard.next;
  return {
    // A create already carries attribute_not_exists; do not repeat it.
    condition: create ? undefined : guard.condition,
    token: withToken ? newWriteToken() : undefined,
    versioned: true,
    expectedVersion: expected,
  };
}

/**
 * The guard of a delete: with a version-locked entity, `expectedVersion`
 * (the version the caller read) is required unless it is `'any'`.
 * @internal
 */
export function guardDelete(model: EntityModel, expectedVersion: number | 'any' | undefined): WriteGuard {
  const version = model.version;
  if (!version || expectedVersion === 'any') return NONE;
  if (expectedVersion === undefined) {
    throw new ConfigurationError(
      `${model.name} is version-locked: delete needs { expectedVersion: <the version you read> } (or 'any' to skip the check)`,
    );
  }
  const guard = versionGuard(version, model.primary.partitionKeyAttribute, expectedVersion);
  return { condition: guard.condition, token: undefined, versioned: true, expectedVersion };
}

/**
 * Interprets a failed conditional put/delete under its guard:
 * - the returned item carries this call's write token → `'applied'` (an SDK
 *   retry of our own successful write);
 * - a version-locked delete whose item is gone → `'applied'` (the goal state
 *   holds; a lost-response retry looks exactly like this);
 * - the version differs → `VersionConflictError`;
 * - otherwise the caller's own condition failed → the original error.
 * @internal
 */
export function interpretConditionFailure(
  model: EntityModel,
  guard: WriteGuard,
  error: ConditionFailedError,
  operation: 'put' | 'delete',
): 'applied' | Error {
  const current = error.item;
  if (carriesWriteToken(current, guard.token)) return 'applied';
  if (!guard.versioned || !model.version) return error;
  if (operation === 'delete' && current === undefined) return 'applied';
  if (!isVersionMismatch(model.version, guard.expectedVersion, current)) return error;
  return new VersionConflictError({
    entity: model.name,
    key: error.key ?? {},
    expectedVersion: guard.expectedVersion,
    currentVersion: storedVersion(model.version, current),
    exists: current !== undefined,
    cause: error,
  });
}
