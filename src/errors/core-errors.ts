/** The root of the hierarchy and the errors every operation can raise. */

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

/**
 * What {@link ConditionFailedError.itemOf} needs of an entity: its name and
 * how it parses a stored item. Every `Entity` is one.
 */
export interface StoredItemParser<T> {
  readonly name: string;
  fromStored(stored: Record<string, unknown>): T;
}

/** Parses `stored` with `entity` when it is that entity's item; `undefined` when not, absent, or no longer valid. @internal */
export function parseStoredOf<T>(entity: StoredItemParser<T>, owner: string | undefined, stored: Record<string, unknown> | undefined): T | undefined {
  if (!stored || (owner !== undefined && owner !== entity.name)) return undefined;
  try {
    return entity.fromStored(stored);
  } catch {
    return undefined;
  }
}

/**
 * A condition expression was false. `item` is the current item as stored
 * (keys and bookkeeping included) when DynamoDB returned it; `itemOf(Order)`
 * gives it typed and parsed by the entity.
 *
 * @example
 * ```ts
 * import { ConditionFailedError } from 'tablewright';
 *
 * try {
 *   await Order.put(order, { condition: (c) => c.eq('status', 'open') });
 * } catch (e) {
 *   if (e instanceof ConditionFailedError) console.log(e.itemOf(Order)?.status);
 * }
 * ```
 */
export class ConditionFailedError extends TablewrightError {
  override readonly name: string = 'ConditionFailedError';
  readonly entity: string | undefined;
  readonly key: Readonly<Record<string, unknown>> | undefined;
  /**
   * The item as stored now (unmarshalled): tablewright asks for it
   * (`ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`) on every conditional
   * write; `undefined` when none is stored or the transport returns none (DAX). See {@link itemOf} for it typed by its entity.
   */
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

  /**
   * The current item typed and parsed by `entity` (its schema, dates and
   * sets restored, keys and bookkeeping stripped); `undefined` when DynamoDB
   * returned no item, the failure is another entity's, or the stored item
   * no longer matches the schema.
   */
  itemOf<T>(entity: StoredItemParser<T>): T | undefined {
    return parseStoredOf(entity, this.entity, this.item);
  }
}

/**
 * An expression could not be built from what the caller gave: an attribute
 * path that does not parse, an empty `and()`/`or()` or update, `IN` with more
 * than 100 values, a projection of an unknown attribute, or a condition
 * operand that could not be stored or is of the wrong kind for its attribute
 * (`operator`, `path` and `issues` say which). Raised before any request.
 */
export class ExpressionError extends TablewrightError {
  override readonly name = 'ExpressionError';
  /** The path or input at fault, when there is one. */
  readonly input: unknown;
  /** For a refused condition operand: the operator (`=`, `BETWEEN`, `begins_with`, …). */
  readonly operator: string | undefined;
  /** For a refused condition operand: the attribute path it was compared with (`address.city`). */
  readonly path: string | undefined;
  /** For an operand that could not be stored: what is wrong, as put would report it. */
  readonly issues: readonly ValidationIssue[];
  constructor(
    message: string,
    input?: unknown,
    details?: { readonly operator?: string | undefined; readonly path?: string | undefined; readonly issues?: readonly ValidationIssue[] | undefined },
  ) {
    super(message);
    this.input = input;
    this.operator = details?.operator;
    this.path = details?.path;
    this.issues = details?.issues ?? [];
  }
}

/** The table definition or a call's options are inconsistent (caught before any request). */
export class ConfigurationError extends TablewrightError {
  override readonly name: string = 'ConfigurationError';
}

/** A DynamoDB error tablewright has no more specific class for; `code` is the AWS error name. */
export class DynamoDBError extends TablewrightError {
  override readonly name: string = 'DynamoDBError';
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
