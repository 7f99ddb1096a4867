import { WriteOutcomeUnknownError, type ConditionFailedError, type VersionConflictError } from '../errors.js';
import type { ConditionNode } from '../expressions/condition-node.js';
import { allConditions } from '../expressions/item-conditions.js';
import { returnsItemOnConditionFailure } from '../transport/transport.js';
import type { EntityModel } from './entity-model.js';
import type { CancellationFailure, DeleteCall, PutCall, StoreCall, UpdateCall, WriteGuard, WriteKind } from './write-extension.js';

/**
 * The folds put/update/delete run over `model.extensions`. With no extension
 * nothing is allocated: the frozen {@link NO_GUARD} stands for "nothing to read back".
 * @internal
 */

/** The guard of a write no extension took part in. @internal */
export const NO_GUARD: WriteGuard = Object.freeze({ token: undefined, versioned: false, expectedVersion: undefined });

/** A fresh guard for one call. @internal */
export function newGuard(): WriteGuard {
  return { token: undefined, versioned: false, expectedVersion: undefined };
}

/** Runs `preparePut` of every extension. @internal */
export function preparePutExtensions(call: PutCall): void {
  for (const e of call.model.extensions) e.preparePut?.(call);
}

/** Runs `storeItem` of every extension. @internal */
export function storeItemExtensions(call: StoreCall, stored: Record<string, unknown>): void {
  for (const e of call.model.extensions) e.storeItem?.(call, stored);
}

/** Runs `storePut` of every extension. @internal */
export function storePutExtensions(call: PutCall, stored: Record<string, unknown>): void {
  for (const e of call.model.extensions) e.storePut?.(call, stored);
}

/** Runs `prepareUpdate` of every extension. @internal */
export function prepareUpdateExtensions(call: UpdateCall): void {
  for (const e of call.model.extensions) e.prepareUpdate?.(call);
}

/** Runs `prepareDelete` of every extension. @internal */
export function prepareDeleteExtensions(call: DeleteCall): void {
  for (const e of call.model.extensions) e.prepareDelete?.(call);
}

/** The first extension's reason a user update may not write `attribute`. @internal */
export function managedAttribute(model: EntityModel, attribute: string): string | undefined {
  for (const e of model.extensions) {
    const why = e.managedAttribute?.(attribute);
    if (why !== undefined) return why;
  }
  return undefined;
}

/**
 * Interprets a failed conditional write: `'applied'` when an extension
 * recognises its own earlier success, else the error to throw. A guarded
 * write whose failure came back without the item on a transport that never
 * returns it is {@link WriteOutcomeUnknownError}, never a guess; so is a
 * failure an extension cannot tell from an earlier send's success.
 * `attempts`: sends of this call that reached the network, when known.
 * @internal
 */
export function interpretConditionFailure(
  model: EntityModel,
  guard: WriteGuard,
  error: ConditionFailedError,
  operation: WriteKind,
  attempts: number | undefined = sendAttempts(error),
): 'applied' | Error {
  if (guard === NO_GUARD) return error;
  if (error.item === undefined && (guard.token !== undefined || guard.versioned) && !returnsItemOnConditionFailure(model.table.transport)) {
    return new WriteOutcomeUnknownError({ entity: model.name, key: error.key, operation, token: guard.token, cause: error.cause });
  }
  // Our own earlier success, recognised by any extension, wins over a conflict another one sees; an unknown outcome wins over a conflict.
  let failure: Error | undefined;
  for (const e of model.extensions) {
    const outcome = e.interpretFailure?.({ model, operation, guard, error, attempts });
    if (outcome === 'applied') return outcome;
    if (outcome instanceof WriteOutcomeUnknownError && !(failure instanceof WriteOutcomeUnknownError)) failure = outcome;
    else failure ??= outcome;
  }
  return failure ?? error;
}

/** The SDK's count of sends behind an error (`$metadata.attempts`, kept on the mapped error's cause). @internal */
export function sendAttempts(error: unknown): number | undefined {
  const e = error as { cause?: { $metadata?: { attempts?: unknown } }; $metadata?: { attempts?: unknown } } | undefined;
  const attempts = e?.$metadata?.attempts ?? e?.cause?.$metadata?.attempts;
  return typeof attempts === 'number' ? attempts : undefined;
}

/** The typed version conflict behind a cancellation reason, if an extension sees one. @internal */
export function interpretCancellation(failure: CancellationFailure): VersionConflictError | undefined {
  if (failure.guard === NO_GUARD) return undefined;
  for (const e of failure.model.extensions) {
    const conflict = e.interpretCancellation?.(failure);
    if (conflict !== undefined) return conflict;
  }
  return undefined;
}

/**
 * What the extensions alone add to an update of `model` (no user change):
 * the guard with its combined condition, and the `SET` / `if_not_exists`
 * values in schema form. For tests and tools; `prepareUpdate` folds the same hooks.
 * @internal
 */
export function guardUpdate(
  model: EntityModel,
  options: { readonly expectedVersion?: number | 'any' | undefined; readonly writeToken?: boolean } = {},
): {
  readonly guard: WriteGuard & { readonly condition: ConditionNode | undefined };
  readonly set: Readonly<Record<string, unknown>>;
  readonly setIfNotExists: Readonly<Record<string, unknown>>;
} {
  const guard = newGuard();
  const call: UpdateCall = {
    model,
    key: {},
    transactional: options.writeToken === false,
    options,
    conditional: false,
    now: model.table.clock(),
    guard,
    conditions: [],
    live: [],
    set: {},
    setIfNotExists: {},
    actions: [],
  };
  prepareUpdateExtensions(call);
  const condition = allConditions(call.conditions);
  return { guard: { ...guard, condition }, set: call.set, setIfNotExists: call.setIfNotExists };
}
