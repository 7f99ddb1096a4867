import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { RequestLimitError } from '../errors.js';
import { attributeValueSize, marshalledItemSize } from './attribute-value-size.js';
import { storedSizeOf } from './measured-marshall.js';
import { utf8Length } from './utf8-length.js';

/** TransactWriteItems / TransactGetItems: at most 100 actions. */
export const TRANSACTION_MAX_ACTIONS = 100;
/** TransactWriteItems: at most 4 MB (4,194,304 bytes, measured exact on DynamoDB Local) of payload. */
export const TRANSACTION_MAX_BYTES = 4 * 1024 * 1024;
/** BatchWriteItem: at most 25 put/delete requests. */
export const BATCH_WRITE_MAX_ITEMS = 25;
/** BatchWriteItem: at most 16 MB per request. */
export const BATCH_WRITE_MAX_BYTES = 16 * 1024 * 1024;
/** BatchGetItem: at most 100 keys. */
export const BATCH_GET_MAX_KEYS = 100;

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Bytes one TransactWriteItems action adds to the 4 MB payload, as DynamoDB
 * Local accounts it (measured to the byte, docs/limits.md): the item for a
 * Put, the key for Update/Delete/ConditionCheck, plus the UTF-8 length of
 * every expression, of every `ExpressionAttributeNames` value and the size of
 * every `ExpressionAttributeValues` value (placeholders themselves are free).
 */
export function transactWriteActionSize(action: TransactWriteItem): number {
  const op = action.Put ?? action.Update ?? action.Delete ?? action.ConditionCheck;
  if (!op) return 0;
  // A put's item was measured when it was marshalled (the same number marshalledItemSize gives).
  const item = action.Put?.Item;
  let size = item ? (storedSizeOf(item) ?? marshalledItemSize(item)) : marshalledItemSize((op as { Key?: Record<string, AttributeValue> }).Key ?? {});
  const expressions = op as { ConditionExpression?: string; UpdateExpression?: string };
  if (expressions.ConditionExpression) size += utf8Length(expressions.ConditionExpression);
  if (expressions.UpdateExpression) size += utf8Length(expressions.UpdateExpression);
  // Own values, as Object.values would give them, without the array (this runs for every action).
  const names = op.ExpressionAttributeNames;
  if (names) for (const k in names) if (hasOwn.call(names, k)) size += utf8Length(names[k]!);
  const values = op.ExpressionAttributeValues;
  if (values) for (const k in values) if (hasOwn.call(values, k)) size += attributeValueSize(values[k]!);
  return size;
}

/** One action of a transaction, as the duplicate check sees it. */
export interface TransactionAction {
  /** Names the item (table + key). */
  readonly identity: string;
  readonly entity: string;
  readonly key: Readonly<Record<string, unknown>>;
}

/**
 * The one transaction-limit check, done before sending: at most 100
 * actions, no two actions on one item (when `identify` is given), at most
 * 4 MB of payload by `sizeOf`. Throws {@link RequestLimitError} naming the
 * first action that does not fit (0-based) or both duplicates; returns the
 * aggregate size.
 * @internal
 */
export function checkTransactionLimits<T>(
  operation: 'TransactWriteItems' | 'TransactGetItems',
  actions: readonly T[],
  sizeOf: (action: T) => number,
  identify?: (action: T) => TransactionAction,
): number {
  if (actions.length > TRANSACTION_MAX_ACTIONS) {
    throw new RequestLimitError({
      operation,
      reason: 'too-many-actions',
      limit: TRANSACTION_MAX_ACTIONS,
      actual: actions.length,
      indexes: [TRANSACTION_MAX_ACTIONS],
    });
  }
  if (identify) {
    const seen = new Map<string, number>();
    actions.forEach((action, index) => {
      const { identity, entity, key } = identify(action);
      const first = seen.get(identity);
      if (first !== undefined) {
        throw new RequestLimitError({
          operation,
          reason: 'duplicate-item',
          indexes: [first, index],
          message: `${operation}: operations #${first} and #${index} both target ${entity} ${JSON.stringify(key)} (one operation per item)`,
        });
      }
      seen.set(identity, index);
    });
  }
  let total = 0;
  for (let i = 0; i < actions.length; i++) {
    total += sizeOf(actions[i]!);
    if (total > TRANSACTION_MAX_BYTES) {
      // Report the whole request's size, but name the action that crossed the limit.
      let all = total;
      for (let j = i + 1; j < actions.length; j++) all += sizeOf(actions[j]!);
      throw new RequestLimitError({ operation, reason: 'too-large', limit: TRANSACTION_MAX_BYTES, actual: all, indexes: [i] });
    }
  }
  return total;
}

/**
 * Checks a TransactWriteItems request before sending: at most 100 actions and
 * 4 MB aggregate (`checkTransactionLimits`). `sizeOf` defaults to
 * {@link transactWriteActionSize}. Returns the aggregate size.
 */
export function checkTransactWrite<T = TransactWriteItem>(
  actions: readonly T[],
  sizeOf: (action: T) => number = transactWriteActionSize as unknown as (action: T) => number,
): number {
  return checkTransactionLimits('TransactWriteItems', actions, sizeOf);
}

/** Checks a TransactGetItems request before sending: at most 100 actions. */
export function checkTransactGet(count: number): void {
  checkTransactionLimits('TransactGetItems', new Array<number>(count).fill(0), (n) => n);
}

/** Limits for {@link chunkWrites}. */
export interface ChunkLimits {
  /** Default 25. */
  readonly maxItems?: number | undefined;
  /** Default 16 MB less 4 KB for the request envelope. */
  readonly maxBytes?: number | undefined;
}

/**
 * Splits write requests into BatchWriteItem-sized chunks, in order: at most
 * 25 per chunk and at most 16 MB of `sizeOf` per chunk. Pure; the batch layer
 * sends each chunk. A single request larger than `maxBytes` throws
 * {@link RequestLimitError} (it could never be sent).
 *
 * `sizeOf` should measure what an entry costs on the wire: use
 * {@link writeRequestSize} for SDK `WriteRequest`s. The default byte limit
 * keeps 4 KB of the 16 MB for the request envelope (table names, brackets).
 * The stored size would understate binaries (base64 adds a third) and
 * escaped characters; since 25 × 400 KB stored is 10 MB, it would never bind.
 *
 * @example chunkWrites(requests, writeRequestSize)
 */
export function chunkWrites<T>(items: readonly T[], sizeOf: (item: T) => number, limits: ChunkLimits = {}): T[][] {
  const maxItems = limits.maxItems ?? BATCH_WRITE_MAX_ITEMS;
  const maxBytes = limits.maxBytes ?? BATCH_WRITE_MAX_BYTES - 4096;
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const size = sizeOf(item);
    if (size > maxBytes) {
      throw new RequestLimitError({ operation: 'BatchWriteItem', reason: 'too-large', limit: maxBytes, actual: size, indexes: [i] });
    }
    if (current.length >= maxItems || bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
