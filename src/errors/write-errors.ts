import { ConditionFailedError, DynamoDBError, parseStoredOf, TablewrightError, type StoredItemParser } from './core-errors.js';

/** Errors of transactions, batches and optimistic locking. */

/**
 * A version-locked write found another version than the one the caller read.
 * A kind of {@link ConditionFailedError}, so one `catch` can handle both.
 *
 * On a global table in multi-Region eventual consistency (the default mode)
 * the check runs against the local replica only: two Regions can both pass
 * it and last-writer-wins keeps one write, with no conflict reported. Keep
 * version-locked writes in the item's home Region (`regionRouter` pins them).
 */
export class VersionConflictError extends ConditionFailedError {
  override readonly name: string = 'VersionConflictError';
  override readonly entity: string;
  override readonly key: Readonly<Record<string, unknown>>;
  /** The version the write required; `undefined` when it required the item not to exist. */
  readonly expectedVersion: number | undefined;
  /** The stored version when DynamoDB returned the current item; `undefined` if absent or unknown. */
  readonly currentVersion: number | undefined;
  /** Whether the item exists now (`undefined` when DynamoDB did not say). */
  readonly exists: boolean | undefined;
  constructor(args: {
    entity: string;
    key: Readonly<Record<string, unknown>>;
    expectedVersion: number | undefined;
    currentVersion: number | undefined;
    exists: boolean | undefined;
    cause?: unknown;
  }) {
    const expected = args.expectedVersion === undefined ? 'no item' : `version ${args.expectedVersion}`;
    const found =
      args.exists === false ? 'no item' : args.currentVersion === undefined ? 'another version' : `version ${args.currentVersion}`;
    super({
      entity: args.entity,
      key: args.key,
      message: `${args.entity} ${JSON.stringify(args.key)}: expected ${expected}, found ${found}`,
      cause: args.cause,
    });
    this.entity = args.entity;
    this.key = args.key;
    this.expectedVersion = args.expectedVersion;
    this.currentVersion = args.currentVersion;
    this.exists = args.exists;
  }
}

/**
 * Why a guarded write's outcome is unknown: `'no-item'`, its condition failed
 * and the transport returned no item (DAX never does); `'unrecognised-resend'`,
 * the SDK or tablewright resent it, the resend failed its condition and the
 * item's token history no longer shows whether an earlier send was applied
 * (more guarded writes than `writeTokenHistory` in between, or a put that
 * replaced the item and its history).
 */
export type WriteOutcomeUnknownReason = 'no-item' | 'unrecognised-resend';

/**
 * A guarded write (a create, a version-locked write or a conditional update,
 * all of which carry a write token) failed its condition, and tablewright
 * cannot tell whether an earlier send of this very call was applied (a
 * resend after a lost response), whether another version is stored, or
 * whether the caller's own condition failed; it says so rather than guess,
 * and never reports such a write as a plain conflict. A kind of
 * {@link ConditionFailedError}.
 *
 * What to do: read the item with a strongly consistent `get` (which bypasses
 * DAX) and decide from what is stored, e.g. whether your change is there,
 * then retry with the version read; or send such writes through a transport
 * that returns items (the SDK client) and size the table's `writeTokenHistory`
 * above the number of guarded writes one item sees while a resend is under way.
 */
export class WriteOutcomeUnknownError extends ConditionFailedError {
  override readonly name: string = 'WriteOutcomeUnknownError';
  /** Which write: `'put'`, `'update'` or `'delete'`. */
  readonly operation: 'put' | 'update' | 'delete';
  /** Why the outcome is unknown. */
  readonly reason: WriteOutcomeUnknownReason;
  /** The call's write token as stored in the item's history when applied (`undefined` for writes that carry none, e.g. deletes). */
  readonly token: string | undefined;
  constructor(args: {
    entity: string;
    key: Readonly<Record<string, unknown>> | undefined;
    operation: 'put' | 'update' | 'delete';
    reason?: WriteOutcomeUnknownReason;
    token?: string | undefined;
    item?: Record<string, unknown> | undefined;
    cause?: unknown;
  }) {
    const reason = args.reason ?? 'no-item';
    const why =
      reason === 'no-item'
        ? "condition failed and the transport returned no item, so whether this write was applied, another version is stored or your condition failed is unknown"
        : 'resend failed its condition and the item no longer shows whether an earlier send of this call was applied (its write token is not among the recent ones)';
    super({
      entity: args.entity,
      key: args.key,
      item: args.item,
      message: `${args.entity} ${JSON.stringify(args.key ?? {})}: the ${args.operation}'s ${why}: read the item (consistent) and decide`,
      cause: args.cause,
    });
    this.operation = args.operation;
    this.reason = reason;
    this.token = args.token;
  }
}

/**
 * A write that carries a write token or an idempotency token failed with
 * transient errors (lost connection, timeout, 5xx, throttling) on every
 * send the SDK and tablewright made, within tablewright's resend budget
 * (`retry`). It may or may not have been applied. A kind of {@link DynamoDBError}
 * (`code` is the last error's), so existing handlers of transient errors still catch it.
 *
 * What to do: resend it later; with the same operation (transactions: the
 * same `token` within 10 minutes) that is safe, or read the item and decide.
 */
export class WriteUnconfirmedError extends DynamoDBError {
  override readonly name: string = 'WriteUnconfirmedError';
  /** Which write: `'put'`, `'update'`, `'delete'` or `'transactWrite'`. */
  readonly operation: 'put' | 'update' | 'delete' | 'transactWrite';
  readonly entity: string | undefined;
  readonly key: Readonly<Record<string, unknown>> | undefined;
  /** The write token (single-item writes) or the `ClientRequestToken` (transactions), if any. */
  readonly token: string | undefined;
  /** Sends that reached the network, the SDK's retries included. */
  readonly attempts: number;
  constructor(args: {
    operation: 'put' | 'update' | 'delete' | 'transactWrite';
    entity?: string | undefined;
    key?: Readonly<Record<string, unknown>> | undefined;
    token: string | undefined;
    attempts: number;
    last: DynamoDBError;
  }) {
    super({
      code: args.last.code,
      message: `${args.entity ?? args.operation}${args.key ? ' ' + JSON.stringify(args.key) : ''}: outcome unknown after ${args.attempts} sends (last: ${args.last.message})`,
      retryable: true,
      cause: args.last,
    });
    this.operation = args.operation;
    this.entity = args.entity;
    this.key = args.key;
    this.token = args.token;
    this.attempts = args.attempts;
  }
}

/** One operation's outcome in a cancelled transaction. */
export interface CancellationReason {
  /** Position of the operation in the `transactWrite`/`transactGet` input. */
  readonly index: number;
  /** `'put' | 'delete' | 'condition' | 'update' | 'get'`, or a custom participant's kind. */
  readonly kind: string;
  readonly entity: string;
  readonly key: Readonly<Record<string, unknown>>;
  /** DynamoDB's code: `None`, `ConditionalCheckFailed`, `TransactionConflict`, `ValidationError`, … */
  readonly code: string;
  /** DynamoDB's message, or tablewright's {@link CancellationReason.hint} when it has one. */
  readonly message: string | undefined;
  /**
   * What tablewright knows beyond the code, e.g. `no such item to update (pass
   * upsert: true to create it)` for an update of a missing item; also in the
   * error's message.
   */
  readonly hint?: string | undefined;
  /** The current item parsed by its entity (ALL_OLD on condition failure); raw when it no longer parses. Typed: `error.itemOf(index, Order)`. */
  readonly item: Record<string, unknown> | undefined;
  /** The current item as stored (keys and bookkeeping included), when DynamoDB returned it. */
  readonly stored?: Record<string, unknown> | undefined;
  /** For a version-locked operation that failed on its version: the typed conflict. */
  readonly versionConflict: VersionConflictError | undefined;
}

/** DynamoDB cancelled a transaction; `reasons` has one entry per operation, in input order. */
export class TransactionCanceledError extends TablewrightError {
  override readonly name = 'TransactionCanceledError';
  readonly reasons: readonly CancellationReason[];
  /** True when every failure is worth retrying (`TransactionConflict`, throttling). */
  readonly retryable: boolean;
  constructor(reasons: readonly CancellationReason[], options?: { cause?: unknown }) {
    const failed = reasons.filter((r) => r.code !== 'None');
    super(
      `Transaction cancelled: ${failed.map((r) => `#${r.index} ${r.entity} ${JSON.stringify(r.key)} ${r.code}${r.hint ? ` (${r.hint})` : ''}`).join('; ') || 'no reason given'}`,
      options,
    );
    this.reasons = reasons;
    this.retryable =
      failed.length > 0 &&
      failed.every((r) => r.code === 'TransactionConflict' || r.code === 'ThrottlingError' || r.code === 'ProvisionedThroughputExceeded');
  }

  /**
   * The current item of operation `index`, typed and parsed by `entity`;
   * `undefined` when DynamoDB returned none, the operation is another
   * entity's, or the stored item no longer matches the schema.
   *
   * @example
   * ```ts
   * import { TransactionCanceledError, transactWrite } from 'tablewright';
   *
   * try {
   *   await transactWrite([Account.updateOp({ id: 'a' }, { add: { balance: -5 } })]);
   * } catch (e) {
   *   if (e instanceof TransactionCanceledError) console.log(e.itemOf(0, Account)?.balance);
   * }
   * ```
   */
  itemOf<T>(index: number, entity: StoredItemParser<T>): T | undefined {
    const reason = this.reasons[index];
    return reason ? parseStoredOf(entity, reason.entity, reason.stored) : undefined;
  }
}

/** A `ClientRequestToken` was reused within 10 minutes with different parameters. */
export class IdempotencyError extends TablewrightError {
  override readonly name = 'IdempotencyError';
  readonly token: string | undefined;
  constructor(token: string | undefined, options?: { cause?: unknown }) {
    super(`Idempotency token ${JSON.stringify(token)} was already used with different parameters`, options);
    this.token = token;
  }
}

/** Why a request breaks an AWS request limit. */
export type RequestLimitReason = 'too-many-actions' | 'too-large' | 'duplicate-item' | 'not-allowed';

/**
 * A transaction or batch request breaks an AWS request limit (checked before
 * sending): too many actions, too many bytes, two operations on one item, or
 * an operation the request type cannot carry.
 */
export class RequestLimitError extends TablewrightError {
  override readonly name = 'RequestLimitError';
  /** The DynamoDB operation, e.g. `TransactWriteItems`. */
  readonly operation: string;
  readonly reason: RequestLimitReason;
  /** The limit and the actual value (count or bytes), when it is a numeric limit. */
  readonly limit: number | undefined;
  readonly actual: number | undefined;
  /** Input positions involved: the first that does not fit, or both duplicate operations. */
  readonly indexes: readonly number[];
  constructor(args: {
    operation: string;
    reason: RequestLimitReason;
    message?: string;
    limit?: number;
    actual?: number;
    indexes?: readonly number[];
    cause?: unknown;
  }) {
    const what = args.reason === 'too-many-actions' ? 'actions' : 'bytes';
    super(
      args.message ??
        `${args.operation}: ${args.actual?.toLocaleString('en-US')} ${what} exceed the limit of ${args.limit?.toLocaleString('en-US')} ${what}` +
          (args.indexes?.length ? ` (first item over the limit: index ${args.indexes[0]})` : ''),
      { cause: args.cause },
    );
    this.operation = args.operation;
    this.reason = args.reason;
    this.limit = args.limit;
    this.actual = args.actual;
    this.indexes = args.indexes ?? [];
  }

  /** `'actions'` or `'bytes'` for numeric limits. */
  get kind(): 'actions' | 'bytes' | undefined {
    return this.reason === 'too-many-actions' ? 'actions' : this.reason === 'too-large' ? 'bytes' : undefined;
  }

  /** The first input position involved. */
  get index(): number | undefined {
    return this.indexes[0];
  }
}

/** One batch input that was not read or written. */
export interface UnprocessedEntry<T = unknown> {
  /** Position in the `batchGet`/`batchWrite` input. */
  readonly index: number;
  /** The input operation itself, ready to be passed to the batch call again. */
  readonly operation: T;
}

/**
 * A batch could not read or write everything: retries ran out, or a
 * non-retryable error stopped it (`cause`). `unprocessed` lists the inputs
 * not done (handed back by DynamoDB, rejected, or never sent); for
 * `batchWrite`, `outcomeUnknown` lists the writes a failed send may have
 * applied (lost connection, timeout, 5xx) that no later send confirmed.
 * Everything else was done. Resending either list is safe for puts and deletes.
 */
export class UnprocessedItemsError<T = unknown> extends TablewrightError {
  override readonly name = 'UnprocessedItemsError';
  readonly operation: 'BatchWriteItem' | 'BatchGetItem';
  readonly reason: 'retries-exhausted' | 'error';
  readonly unprocessed: readonly UnprocessedEntry<T>[];
  /** `batchWrite`: writes whose outcome is unknown (a failed send may have applied them). Empty for `batchGet`. */
  readonly outcomeUnknown: readonly UnprocessedEntry<T>[];
  /** For `batchGet`: the results in input order (`undefined` for missing and unprocessed keys). */
  readonly items: readonly unknown[] | undefined;
  constructor(args: {
    operation: 'BatchWriteItem' | 'BatchGetItem';
    reason: 'retries-exhausted' | 'error';
    unprocessed: readonly UnprocessedEntry<T>[];
    outcomeUnknown?: readonly UnprocessedEntry<T>[];
    items?: readonly unknown[];
    cause?: unknown;
  }) {
    const what = args.operation === 'BatchGetItem' ? 'keys not read' : 'items not written';
    const why = args.reason === 'error' ? `stopped by ${(args.cause as Error | undefined)?.message ?? 'an error'}` : 'retries exhausted';
    const unknown = args.outcomeUnknown?.length ? `, ${args.outcomeUnknown.length} of unknown outcome` : '';
    super(`${args.operation}: ${args.unprocessed.length} ${what}${unknown} (${why})`, { cause: args.cause });
    this.operation = args.operation;
    this.reason = args.reason;
    this.unprocessed = args.unprocessed;
    this.outcomeUnknown = args.outcomeUnknown ?? [];
    this.items = args.items;
  }
}
