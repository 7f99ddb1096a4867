import type { EntityModel } from '../model/entity-model.js';
import { ConditionFailedError, ConfigurationError, VersionConflictError, WriteOutcomeUnknownError } from '../errors.js';
import { returnsItemOnConditionFailure } from '../transport/transport.js';
import type { ConditionNode } from '../expressions/condition-node.js';
import { stampPut, timestampUpdate } from './timestamps/timestamps.js';
import { isVersionMismatch, storedVersion, versionGuard } from './versioning/versioning.js';
import { carriesWriteToken, newWriteToken, WRITE_TOKEN_ATTRIBUTE } from './write-token/write-token.js';

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
 * What an update adds for versioning, timestamps and ambiguous writes, used
 * by `prepareGuardedUpdate` (src/actions/update/update.ts), which:
 * 1. AND `guard.condition` (if any) with its own condition and ask
 *    `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`;
 * 2. add `SET name = value` for every entry of `set` (version + 1, updatedAt,
 *    the write token) and `SET name = if_not_exists(name, value)` for
 *    `setIfNotExists` (createdAt); values are in schema form (`Date` for date
 *    fields) and marshal with `ExpressionContext.value`;
 * 3. on `ConditionFailedError`, call {@link interpretConditionFailure} with
 *    `'update'` and treat `'applied'` as success.
 * Inside a transaction pass `writeToken: false` (the ClientRequestToken covers resends).
 * `expectedVersion` is required for version-locked entities (`'any'` skips the check).
 * @internal
 */
export function guardUpdate(
  model: EntityModel,
  options: { readonly expectedVersion?: number | 'any' | undefined; readonly writeToken?: boolean } = {},
): { readonly guard: WriteGuard; readonly set: Readonly<Record<string, unknown>>; readonly setIfNotExists: Readonly<Record<string, unknown>> } {
  const set: Record<string, unknown> = {};
  const setIfNotExists: Record<string, unknown> = {};
  if (model.timestamps) {
    const stamps = timestampUpdate(model.timestamps, model.table.clock());
    Object.assign(set, stamps.set);
    Object.assign(setIfNotExists, stamps.setIfNotExists);
  }
  const version = model.version;
  if (!version || options.expectedVersion === 'any') return { guard: NONE, set, setIfNotExists };
  if (options.expectedVersion === undefined) {
    throw new ConfigurationError(`${model.name} is version-locked: update needs { expectedVersion: <the version you read> } (or 'any')`);
  }
  const { condition, next } = versionGuard(version, model.primary.partitionKeyAttribute, options.expectedVersion);
  set[version.attribute] = next;
  const token = options.writeToken === false ? undefined : newWriteToken();
  if (token !== undefined) set[WRITE_TOKEN_ATTRIBUTE] = token;
  return { guard: { condition, token, versioned: true, expectedVersion: options.expectedVersion }, set, setIfNotExists };
}

/**
 * Interprets a failed conditional put/update/delete under its guard:
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
  operation: 'put' | 'update' | 'delete',
): 'applied' | Error {
  const current = error.item;
  if (carriesWriteToken(current, guard.token)) return 'applied';
  // Without the stored item neither the token nor the version can be read: say so rather than guess.
  if (current === undefined && (guard.token !== undefined || guard.versioned) && !returnsItemOnConditionFailure(model.table.transport)) {
    return new WriteOutcomeUnknownError({ entity: model.name, key: error.key, operation, cause: error.cause });
  }
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
