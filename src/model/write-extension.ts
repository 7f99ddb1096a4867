import type { z } from 'zod';
import type { ConditionFailedError, VersionConflictError } from '../errors.js';
import type { ConditionNode } from '../expressions/condition-node.js';
import type { UpdateAction } from '../expressions/update-node.js';
import type { ExpiryInput } from './expiry.js';
import type { TableModel } from './table-definition.js';

/**
 * The write-extension protocol. Bookkeeping behaviour (versioning,
 * timestamps, the write token, TTL; later Region stamps, schema versions) is
 * a list of extensions compiled into the entity model at definition time;
 * put, update and delete fold over `model.extensions` and import no feature.
 * An extension declares the attributes it owns, contributes to each write
 * (values, update actions, conditions) and reads back condition failures and
 * transaction cancellation reasons.
 */

/**
 * What an extension sees of the entity model (the compiled `EntityModel`
 * satisfies it; kept narrow so this protocol depends on no model file).
 */
export interface ExtensionModel {
  readonly name: string;
  readonly table: TableModel;
  readonly primary: { readonly partitionKeyAttribute: string };
  readonly extensions: readonly WriteExtension[];
}

/** The write kinds extensions take part in. */
export type WriteKind = 'put' | 'update' | 'delete';

/** The per-call options extensions may read (each reads only its own). */
export interface WriteCallOptions {
  /** Versioning: the version the caller read, or `'any'`. */
  readonly expectedVersion?: number | 'any' | undefined;
  /** TTL: the expiry to store (`null`: none). */
  readonly expiresAt?: ExpiryInput | null | undefined;
  /** TTL: act on an expired item as if it were live. */
  readonly includeExpired?: boolean | undefined;
  /** Update: create the item when missing. */
  readonly upsert?: boolean | undefined;
  /**
   * Put: an unconditional bulk-load write (`putOp(item, { load: true })`).
   * Extensions that guard writes with a condition write their bookkeeping
   * without one (versioning stores the item's version, or 1).
   */
  readonly load?: boolean | undefined;
}

/**
 * What the extensions of one write recorded, then read back when its
 * condition fails. One mutable object per guarded call.
 */
export interface WriteGuard {
  /** The per-call write token stored in the item, if any. */
  token: string | undefined;
  /** Whether the stored version is part of the condition. */
  versioned: boolean;
  /** The version required (`undefined`: the item must not exist). */
  expectedVersion: number | undefined;
}

/** An item being converted for storage (a put, or `Entity.toStored`/`size`). */
export interface StoreCall {
  readonly model: ExtensionModel;
  /** The validated item (schema form); `preparePut` hooks may change it. */
  readonly parsed: Record<string, unknown>;
  readonly options: WriteCallOptions;
  /** The table clock's reading for this call. */
  readonly now: number;
}

/** A put being built: extensions mutate `parsed`, `stored` and push to `conditions`. */
export interface PutCall extends StoreCall {
  /** The caller requires that the item does not exist (the condition says so already). */
  readonly create: boolean;
  /** Inside a transaction: no write token (the ClientRequestToken makes resends safe). */
  readonly transactional: boolean;
  readonly guard: WriteGuard;
  /** Conditions ANDed with the caller's. */
  readonly conditions: ConditionNode[];
}

/** An update being built. Values in `set`/`setIfNotExists` are in schema form; `actions` in stored form. */
export interface UpdateCall {
  readonly model: ExtensionModel;
  readonly key: Readonly<Record<string, unknown>>;
  readonly transactional: boolean;
  readonly options: WriteCallOptions;
  /** Whether the caller gave a condition of their own. */
  readonly conditional: boolean;
  readonly now: number;
  readonly guard: WriteGuard;
  readonly conditions: ConditionNode[];
  /** What a stored item must satisfy to count as present (besides belonging to this entity). */
  readonly live: ConditionNode[];
  readonly set: Record<string, unknown>;
  readonly setIfNotExists: Record<string, unknown>;
  readonly actions: UpdateAction[];
}

/** A delete being built. */
export interface DeleteCall {
  readonly model: ExtensionModel;
  readonly options: WriteCallOptions;
  readonly guard: WriteGuard;
  readonly conditions: ConditionNode[];
}

/** Marker in {@link UpdateAssigned}: the update removes the attribute. */
export const REMOVED: unique symbol = Symbol('removed');
/** Marker in {@link UpdateAssigned}: the new value is only known to DynamoDB (ADD, increments…). */
export const UNKNOWN: unique symbol = Symbol('unknown');
/** Top-level attributes an update assigns, with their new value (schema form) or a marker. */
export type UpdateAssigned = ReadonlyMap<string, unknown>;

/** A failed conditional write, to interpret. */
export interface ConditionFailure {
  readonly model: ExtensionModel;
  readonly operation: WriteKind;
  readonly guard: WriteGuard;
  readonly error: ConditionFailedError;
  /**
   * Sends of this call that reached the network (the SDK's retries and
   * tablewright's own resends); 1 means the failure cannot be an earlier
   * send's success. `undefined` when the transport did not say.
   */
  readonly attempts: number | undefined;
}

/** A cancellation reason of one entity write in a transaction. */
export interface CancellationFailure {
  readonly model: ExtensionModel;
  readonly key: Readonly<Record<string, unknown>>;
  readonly guard: WriteGuard;
  /** DynamoDB's code, e.g. `ConditionalCheckFailed`. */
  readonly code: string;
  /** The current item, unmarshalled, when DynamoDB returned it. */
  readonly item: Record<string, unknown> | undefined;
}

/**
 * One compiled write extension. Every hook is optional; hooks run in
 * registration order and must be pure (no I/O).
 */
export interface WriteExtension {
  /** For messages and debugging. */
  readonly name: string;
  /** Bookkeeping attributes it writes: stripped on read, refused as schema fields. */
  readonly attributes: readonly string[];
  /** Why a user update may not write this top-level attribute, or `undefined`. */
  managedAttribute?(attribute: string): string | undefined;
  /** Before the item is converted for storage (stamp timestamps, bump the version). */
  preparePut?(call: PutCall): void;
  /** After conversion, for every stored form (puts and `toStored`): derived attributes such as the TTL. */
  storeItem?(call: StoreCall, stored: Record<string, unknown>): void;
  /** After `storeItem`, puts only: per-call bookkeeping such as the write token. */
  storePut?(call: PutCall, stored: Record<string, unknown>): void;
  /** Before the user's changes are planned. */
  prepareUpdate?(call: UpdateCall): void;
  /** After planning, with the assigned attributes: further actions (e.g. a recomputed TTL), appended last. */
  plannedUpdate?(call: UpdateCall, assigned: UpdateAssigned): readonly UpdateAction[] | undefined;
  prepareDelete?(call: DeleteCall): void;
  /**
   * A failed condition: `'applied'` (our own earlier success), an error to
   * throw, or `undefined` to pass. `'applied'` from any extension wins; a
   * `WriteOutcomeUnknownError` wins over any other error (an unknown outcome
   * is never reported as a conflict).
   */
  interpretFailure?(failure: ConditionFailure): 'applied' | Error | undefined;
  /** A transaction cancellation reason: a typed version conflict, or `undefined`. */
  interpretCancellation?(failure: CancellationFailure): VersionConflictError | undefined;
}

/** What a factory sees when an entity is defined. */
export interface ExtensionContext {
  readonly table: TableModel;
  readonly entity: string;
  readonly shape: Readonly<Record<string, z.ZodType>>;
  /** The entity's whole config (each factory reads its own option). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Throws `ConfigurationError` naming the entity. */
  readonly fail: (message: string) => never;
}

/** Compiles one extension for an entity, or `undefined` when the entity does not use it. */
export interface WriteExtensionFactory {
  /** The entity option it implements, if any: a config using an option no factory handles is refused. */
  readonly option?: string;
  create(context: ExtensionContext): WriteExtension | undefined;
}
