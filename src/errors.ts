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
  override readonly name = 'ConditionFailedError';
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

/** The table definition or a call's options are inconsistent (caught before any request). */
export class ConfigurationError extends TablewrightError {
  override readonly name = 'ConfigurationError';
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

/** A request is over one of DynamoDB's per-request limits (checked before sending). */
export class RequestLimitError extends TablewrightError {
  override readonly name = 'RequestLimitError';
  /** The DynamoDB operation, e.g. `TransactWriteItems`. */
  readonly operation: string;
  /** `'actions'` (count of actions/items) or `'bytes'` (aggregate size). */
  readonly kind: 'actions' | 'bytes';
  readonly limit: number;
  /** The count or byte total that broke the limit. */
  readonly actual: number;
  /** Index (0-based) of the first action or item that does not fit. */
  readonly index: number;
  constructor(args: {
    operation: string;
    kind: 'actions' | 'bytes';
    limit: number;
    actual: number;
    index: number;
    message?: string;
    cause?: unknown;
  }) {
    const what = args.kind === 'actions' ? 'actions' : 'bytes';
    super(
      args.message ??
        `${args.operation}: ${args.actual.toLocaleString('en-US')} ${what} exceed the limit of ${args.limit.toLocaleString('en-US')} ${what} (first item over the limit: index ${args.index})`,
      { cause: args.cause },
    );
    this.operation = args.operation;
    this.kind = args.kind;
    this.limit = args.limit;
    this.actual = args.actual;
    this.index = args.index;
  }
}
