import { ConditionFailedError, TablewrightError } from './core-errors.js';

/** Why a stored item's schema version was refused. */
export type SchemaVersionErrorReason =
  /** The item was written by newer code (a version this entity does not declare). */
  | 'newer'
  /** The stored version attribute is not a positive integer. */
  | 'invalid';

/**
 * A stored item carries a schema version this entity cannot read: one newer
 * than its declared versions (written by newer code: never silently
 * downgraded) or a malformed one. Raised by every read path.
 */
export class SchemaVersionError extends TablewrightError {
  override readonly name = 'SchemaVersionError';
  /** Which check failed (see {@link SchemaVersionErrorReason}). */
  readonly reason: SchemaVersionErrorReason;
  readonly entity: string;
  /** The item's primary-key attributes, as stored. */
  readonly key: Readonly<Record<string, unknown>> | undefined;
  /** The stored version value, as found. */
  readonly storedVersion: unknown;
  /** The newest version this entity declares. */
  readonly currentVersion: number;
  constructor(args: {
    reason: SchemaVersionErrorReason;
    entity: string;
    key?: Readonly<Record<string, unknown>> | undefined;
    storedVersion: unknown;
    currentVersion: number;
  }) {
    const what =
      args.reason === 'newer'
        ? `stored at schema version ${String(args.storedVersion)}, newer than the ${args.currentVersion} this code declares (deploy the newer code to read it)`
        : `schema version attribute holds ${JSON.stringify(args.storedVersion)}, not a positive integer`;
    super(`${args.entity}${args.key ? ' ' + JSON.stringify(args.key) : ''}: ${what}`);
    this.reason = args.reason;
    this.entity = args.entity;
    this.key = args.key;
    this.storedVersion = args.storedVersion;
    this.currentVersion = args.currentVersion;
  }
}

/** A migration function threw while an older item was brought to a newer schema version. The thrown value is `cause`. */
export class MigrationError extends TablewrightError {
  override readonly name = 'MigrationError';
  readonly entity: string;
  readonly key: Readonly<Record<string, unknown>> | undefined;
  /** The version the failing step migrates from. */
  readonly fromVersion: number;
  /** The version the failing step migrates to. */
  readonly toVersion: number;
  constructor(args: { entity: string; key?: Readonly<Record<string, unknown>> | undefined; fromVersion: number; toVersion: number; cause: unknown }) {
    const detail = args.cause instanceof Error ? args.cause.message : String(args.cause);
    super(`${args.entity}${args.key ? ' ' + JSON.stringify(args.key) : ''}: migration ${args.fromVersion} → ${args.toVersion} failed — ${detail}`, {
      cause: args.cause,
    });
    this.entity = args.entity;
    this.key = args.key;
    this.fromVersion = args.fromVersion;
    this.toVersion = args.toVersion;
  }
}

/**
 * An update reached an item stored at an older schema version. Updates
 * change attributes in place and would mix the current shape into an old
 * item, so they require items at the current version: backfill the entity,
 * or read the item (migrated) and `put` it. `item` is the stored item.
 */
export class OutdatedItemError extends ConditionFailedError {
  override readonly name = 'OutdatedItemError';
  /** The stored item's schema version. */
  readonly storedVersion: number;
  /** The version this entity writes. */
  readonly currentVersion: number;
  constructor(args: {
    entity: string;
    key?: Readonly<Record<string, unknown>> | undefined;
    item?: Record<string, unknown> | undefined;
    storedVersion: number;
    currentVersion: number;
    cause?: unknown;
  }) {
    super({
      ...args,
      message:
        `${args.entity}${args.key ? ' ' + JSON.stringify(args.key) : ''}: stored at schema version ${args.storedVersion}, ` +
        `updates need version ${args.currentVersion} (backfill the entity, or put the item as read)`,
    });
    this.storedVersion = args.storedVersion;
    this.currentVersion = args.currentVersion;
  }
}
