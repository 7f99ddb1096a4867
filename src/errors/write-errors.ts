import { ConditionFailedError, parseStoredOf, TablewrightError, type StoredItemParser } from './core-errors.js';

/** Errors of transactions, batches and optimistic locking. */

/**
 * A version-locked write found another version than the one the caller read.
 * A kind of {@link ConditionFailedError}, so one `catch` can handle both.
 *
 * Not a guarantee across Regions: on a global table in multi-Region eventual
 * consistency (MREC, the default mode) the check runs against the local
 * replica only, so two Regions can both pass it and last-writer-wins keeps
 * one write, with no conflict reported and no `VersionConflictError` thrown.
 * Keep version-locked writes in the item's home Region: `regionRouter` pins
 * them (its default). An entity with `version` on a table that declares
 * `replicas` is refused unless conditional writes are pinned that way,
 * declared pinned (`replicas.homeRegionWrites`), or the table is MRSC
 * (`consistency: 'strong'`, where conditions see the latest version).
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
 * A guarded write (a create, a version-locked write or a conditional update,
 * all of which carry a write token) failed its condition, and the transport
 * did not return the stored item (DAX never does). Without the item
 * tablewright cannot tell whether an earlier attempt of this very call was
 * applied (a resend after a lost response), whether another version is
 * stored, or whether the caller's own condition failed; it says so rather
 * than guess. A kind of {@link ConditionFailedError}.
 *
 * What to do: read the item with a strongly consistent `get` (which bypasses
 * DAX) and decide from what is stored, e.g. retry with the version read; or
 * send such writes through a transport that returns items (the SDK client).
 */
export class WriteOutcomeUnknownError extends ConditionFailedError {
  override readonly name: string = 'WriteOutcomeUnknownError';
  /** Which write: `'put'`, `'update'` or `'delete'`. */
  readonly operation: 'put' | 'update' | 'delete';
  constructor(args: {
    entity: string;
    key: Readonly<Record<string, unknown>> | undefined;
    operation: 'put' | 'update' | 'delete';
    cause?: unknown;
  }) {
    super({
      entity: args.entity,
      key: args.key,
      message:
        `${args.entity} ${JSON.stringify(args.key ?? {})}: the ${args.operation}'s condition failed and the transport returned no item, ` +
        'so whether this write was applied, another version is stored or your condition failed is unknown: read the item (consistent) and decide',
      cause: args.cause,
    });
    this.operation = args.operation;
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
 * non-retryable error stopped it (`cause`). `unprocessed` lists exactly the
 * inputs not done; everything else was done.
 */
export class UnprocessedItemsError<T = unknown> extends TablewrightError {
  override readonly name = 'UnprocessedItemsError';
  readonly operation: 'BatchWriteItem' | 'BatchGetItem';
  readonly reason: 'retries-exhausted' | 'error';
  readonly unprocessed: readonly UnprocessedEntry<T>[];
  /** For `batchGet`: the results in input order (`undefined` for missing and unprocessed keys). */
  readonly items: readonly unknown[] | undefined;
  constructor(args: {
    operation: 'BatchWriteItem' | 'BatchGetItem';
    reason: 'retries-exhausted' | 'error';
    unprocessed: readonly UnprocessedEntry<T>[];
    items?: readonly unknown[];
    cause?: unknown;
  }) {
    const what = args.operation === 'BatchGetItem' ? 'keys not read' : 'items not written';
    const why = args.reason === 'error' ? `stopped by ${(args.cause as Error | undefined)?.message ?? 'an error'}` : 'retries exhausted';
    super(`${args.operation}: ${args.unprocessed.length} ${what} (${why})`, { cause: args.cause });
    this.operation = args.operation;
    this.reason = args.reason;
    this.unprocessed = args.unprocessed;
    this.items = args.items;
  }
}
