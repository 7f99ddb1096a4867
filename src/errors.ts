/**
 * The error hierarchy. Every error tablewright throws is a {@link TablewrightError}
 * carrying structured fields; the AWS error, when there is one, is kept as `cause`.
 *
 * @module
 */

/** Root of every error tablewright throws. */
export class TablewrightError extends Error {
  override readonly name: string = 'TablewrightError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A zod issue, reduced to what a caller needs to act on. */
export interface ValidationIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
}

/** Input failed the entity's schema before a write, or stored data failed it on a read. */
export class ValidationError extends TablewrightError {
  override readonly name = 'ValidationError';
  readonly entity: string;
  /** The primary key involved, when known (always known for reads). */
  readonly key: Readonly<Record<string, unknown>> | undefined;
  readonly issues: readonly ValidationIssue[];
  /** `'write'` for rejected input, `'read'` for stored data that no longer matches. */
  readonly direction: 'read' | 'write';
  constructor(args: {
    entity: string;
    key?: Readonly<Record<string, unknown>> | undefined;
    issues: readonly ValidationIssue[];
    direction: 'read' | 'write';
    message?: string;
    cause?: unknown;
  }) {
    const where = args.key ? ` ${JSON.stringify(args.key)}` : '';
    const detail = args.issues
      .slice(0, 5)
      .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`)
      .join('; ');
    super(
      args.message ??
        `${args.entity}${where}: ${args.direction === 'write' ? 'invalid input' : 'stored item does not match the schema'} — ${detail}`,
      { cause: args.cause },
    );
    this.entity = args.entity;
    this.key = args.key;
    this.issues = args.issues;
    this.direction = args.direction;
  }
}

/** Why a key could not be built or was refused. */
export type KeyErrorReason =
  | 'missing-attribute'
  | 'invalid-value'
  | 'too-large'
  | 'empty'
  | 'key-attribute-update'
  | 'unknown-index';

/** A key could not be built (missing or invalid attribute), is too large, or may not be changed. */
export class KeyError extends TablewrightError {
  override readonly name = 'KeyError';
  readonly entity: string | undefined;
  /** `'primary'` or the index name. */
  readonly index: string | undefined;
  /** The key attribute (e.g. `pk`) or the entity attribute at fault. */
  readonly attribute: string | undefined;
  /** Entity attributes that were needed but absent. */
  readonly missing: readonly string[];
  readonly reason: KeyErrorReason;
  /** For `too-large`: the size in bytes and the limit. */
  readonly size: number | undefined;
  readonly limit: number | undefined;
  constructor(args: {
    message: string;
    reason: KeyErrorReason;
    entity?: string | undefined;
    index?: string | undefined;
    attribute?: string | undefined;
    missing?: readonly string[];
    size?: number;
    limit?: number;
    cause?: unknown;
  }) {
    super(args.message, { cause: args.cause });
    this.reason = args.reason;
    this.entity = args.entity;
    this.index = args.index;
    this.attribute = args.attribute;
    this.missing = args.missing ?? [];
    this.size = args.size;
    this.limit = args.limit;
  }
}

/** A condition expression was false. `item` is the current item when DynamoDB returned it. */
export class ConditionFailedError extends TablewrightError {
  override readonly name: string = 'ConditionFailedError';
  readonly entity: string | undefined;
  readonly key: Readonly<Record<string, unknown>> | undefined;
  /** The item as stored now (unmarshalled), when asked for with `returnValuesOnConditionFailure`. */
  readonly item: Record<string, unknown> | undefined;
  constructor(args: {
    entity?: string | undefined;
    key?: Readonly<Record<string, unknown>> | undefined;
    item?: Record<string, unknown> | undefined;
    message?: string;
    cause?: unknown;
  }) {
    super(args.message ?? `${args.entity ?? 'Item'}${args.key ? ' ' + JSON.stringify(args.key) : ''}: condition failed`, {
      cause: args.cause,
    });
    this.entity = args.entity;
    this.key = args.key;
    this.item = args.item;
  }
}

/**
 * An expression could not be built from what the caller gave: an attribute
 * path that does not parse, an empty `and()`/`or()` or update, `IN` with more
 * than 100 values, a projection of an unknown attribute. Raised before any request.
 */
export class ExpressionError extends TablewrightError {
  override readonly name = 'ExpressionError';
  /** The path or input at fault, when there is one. */
  readonly input: unknown;
  constructor(message: string, input?: unknown) {
    super(message);
    this.input = input;
  }
}

/** The table definition or a call's options are inconsistent (caught before any request). */
export class ConfigurationError extends TablewrightError {
  override readonly name: string = 'ConfigurationError';
}

/** A DynamoDB error tablewright has no more specific class for; `code` is the AWS error name. */
export class DynamoDBError extends TablewrightError {
  override readonly name = 'DynamoDBError';
  readonly code: string;
  readonly retryable: boolean;
  constructor(args: { code: string; message: string; retryable?: boolean; cause?: unknown }) {
    super(`${args.code}: ${args.message}`, { cause: args.cause });
    this.code = args.code;
    this.retryable = args.retryable ?? false;
  }
}

/** The table (or index) does not exist. */
export class TableNotFoundError extends TablewrightError {
  override readonly name = 'TableNotFoundError';
  readonly table: string;
  constructor(table: string, options?: { cause?: unknown }) {
    super(`Table ${table} does not exist (or is not ACTIVE)`, options);
    this.table = table;
  }
}

// ttl

/** Why an expiry was refused. */
export type TtlErrorReason = 'milliseconds' | 'too-old' | 'not-finite' | 'invalid';

/** An expiry that DynamoDB would ignore or misread (milliseconds, > 5 years past, not finite). */
export class TtlError extends TablewrightError {
  override readonly name = 'TtlError';
  readonly reason: TtlErrorReason;
  readonly entity: string | undefined;
  /** The table's TTL attribute (or the schema field the expiry came from). */
  readonly attribute: string;
  readonly value: unknown;
  constructor(args: { reason: TtlErrorReason; attribute: string; value: unknown; message: string; entity?: string | undefined }) {
    super(`${args.entity ? args.entity + ': ' : ''}TTL ${args.attribute}: ${args.message}`);
    this.reason = args.reason;
    this.entity = args.entity;
    this.attribute = args.attribute;
    this.value = args.value;
  }
}

// transactions, batch, optimistic locking (issue 5)

/**
 * A version-locked write found another version than the one the caller read.
 * A kind of {@link ConditionFailedError}, so one `catch` can handle both.
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

/** One operation's outcome in a cancelled transaction. */
export interface CancellationReason {
  /** Position of the operation in the `transactWrite`/`transactGet` input. */
  readonly index: number;
  /** `'put' | 'delete' | 'condition' | 'update' | 'get'`. */
  readonly kind: string;
  readonly entity: string;
  readonly key: Readonly<Record<string, unknown>>;
  /** DynamoDB's code: `None`, `ConditionalCheckFailed`, `TransactionConflict`, `ValidationError`, … */
  readonly code: string;
  readonly message: string | undefined;
  /** The current item parsed by its entity (ALL_OLD on condition failure); raw when it no longer parses. */
  readonly item: Record<string, unknown> | undefined;
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
      `Transaction cancelled: ${failed.map((r) => `#${r.index} ${r.entity} ${JSON.stringify(r.key)} ${r.code}`).join('; ') || 'no reason given'}`,
      options,
    );
    this.reasons = reasons;
    this.retryable =
      failed.length > 0 &&
      failed.every((r) => r.code === 'TransactionConflict' || r.code === 'ThrottlingError' || r.code === 'ProvisionedThroughputExceeded');
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

// direct transport

/**
 * The direct transport would skip middleware the user added to the client
 * (tracing, logging …). Pass `allowMiddlewareBypass: true` to accept that.
 */
export class DirectTransportBypassError extends ConfigurationError {
  override readonly name: string = 'DirectTransportBypassError';
  /** The `middlewareStack.identify()` entries a default client does not have. */
  readonly middleware: readonly string[];
  constructor(middleware: readonly string[]) {
    super(
      `The client carries middleware the direct transport would skip: ${middleware.join(', ')}. ` +
        'Use the default transport, or pass { allowMiddlewareBypass: true } to directTransport to accept skipping it.',
    );
    this.middleware = middleware;
  }
}

// limits (issue 4)

/** One top-level attribute's share of an item's size (name + value bytes). */
export interface AttributeSizeEntry {
  readonly attribute: string;
  readonly size: number;
}

/**
 * An item is over DynamoDB's 400 KB (409,600-byte) limit. Raised before the
 * request by put, transactional and batch puts, and for DynamoDB's own
 * rejection of an update ("Item size to update has exceeded…"), in which
 * case `size` is unknown.
 */
export class ItemTooLargeError extends TablewrightError {
  override readonly name = 'ItemTooLargeError';
  readonly entity: string | undefined;
  readonly key: Readonly<Record<string, unknown>> | undefined;
  /** Bytes counted toward the limit (item plus local-index entries); `undefined` when only DynamoDB knew. */
  readonly size: number | undefined;
  readonly limit: number;
  /** The largest attributes, largest first (at most 5). */
  readonly largest: readonly AttributeSizeEntry[];
  /** Bytes of each local secondary index entry counted with the item (AWS counts them toward the limit). */
  readonly indexEntries: readonly { readonly index: string; readonly size: number }[];
  constructor(args: {
    entity?: string | undefined;
    key?: Readonly<Record<string, unknown>> | undefined;
    size?: number | undefined;
    limit: number;
    largest?: readonly AttributeSizeEntry[];
    indexEntries?: readonly { readonly index: string; readonly size: number }[];
    message?: string;
    cause?: unknown;
  }) {
    const largest = (args.largest ?? []).slice(0, 5);
    const indexEntries = args.indexEntries ?? [];
    const who = `${args.entity ?? 'Item'}${args.key ? ' ' + JSON.stringify(args.key) : ''}`;
    const size = args.size === undefined ? 'is over' : `is ${args.size.toLocaleString('en-US')} bytes, over`;
    const top = largest.length ? ` — largest: ${largest.map((a) => `${a.attribute} ${a.size.toLocaleString('en-US')} B`).join(', ')}` : '';
    const lsi = indexEntries.length
      ? ` (includes local index entries: ${indexEntries.map((e) => `${e.index} ${e.size.toLocaleString('en-US')} B`).join(', ')})`
      : '';
    super(args.message ?? `${who} ${size} DynamoDB's item limit of ${args.limit.toLocaleString('en-US')} bytes${lsi}${top}`, {
      cause: args.cause,
    });
    this.entity = args.entity;
    this.key = args.key;
    this.size = args.size;
    this.limit = args.limit;
    this.largest = largest;
    this.indexEntries = indexEntries;
  }
}

// pagination (issue 3)

/** Why a pagination cursor was refused. */
export type CursorErrorReason = 'malformed' | 'tampered' | 'unsigned' | 'foreign';

/**
 * A pagination cursor could not be used: it is not one tablewright made, its
 * signature does not match the table's `cursorSecret`, or it belongs to
 * another table, index or entity. Raised before any request.
 */
export class CursorError extends TablewrightError {
  override readonly name = 'CursorError';
  readonly reason: CursorErrorReason;
  readonly table: string;
  /** `'primary'` or the index name the cursor was used with. */
  readonly index: string;
  constructor(args: { reason: CursorErrorReason; table: string; index: string; message: string; cause?: unknown }) {
    super(args.message, { cause: args.cause });
    this.reason = args.reason;
    this.table = args.table;
    this.index = args.index;
  }
}
