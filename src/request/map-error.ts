import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  ConditionFailedError,
  DynamoDBError,
  ItemTooLargeError,
  TableNotFoundError,
  TablewrightError,
} from '../errors.js';
import { ITEM_SIZE_LIMIT } from '../limits/item-size.js';
import { unmarshallItem } from '../marshalling/marshall.js';

const RETRYABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'TransactionInProgressException',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
]);

const ITEM_TOO_LARGE = /Item size (to update )?has exceeded the maximum allowed size/;

/** Context for turning an AWS error into a typed one. @internal */
export interface ErrorContext {
  readonly entity?: string | undefined;
  readonly table?: string | undefined;
  readonly key?: Readonly<Record<string, unknown>> | undefined;
}

/** Maps an SDK error to the tablewright hierarchy; the original is kept as `cause`. @internal */
export function mapAwsError(error: unknown, context: ErrorContext = {}): Error {
  if (error instanceof TablewrightError) return error;
  const e = error as { name?: string; message?: string; Item?: Record<string, AttributeValue>; $retryable?: unknown };
  const code = e?.name ?? 'UnknownError';
  // "Item size has exceeded…" (put) and "Item size to update has exceeded…" (update).
  if (code === 'ValidationException' && ITEM_TOO_LARGE.test(e.message ?? '')) {
    return new ItemTooLargeError({ entity: context.entity, key: context.key, limit: ITEM_SIZE_LIMIT, cause: error });
  }
  switch (code) {
    case 'ConditionalCheckFailedException':
      return new ConditionFailedError({
        entity: context.entity,
        key: context.key,
        item: e.Item ? unmarshallItem(e.Item) : undefined,
        cause: error,
      });
    case 'ResourceNotFoundException':
      return new TableNotFoundError(context.table ?? '(unknown)', { cause: error });
    default:
      if (!(error instanceof Error)) return new DynamoDBError({ code, message: String(error), cause: error });
      return new DynamoDBError({
        code,
        message: e.message ?? '',
        retryable: RETRYABLE.has(code) || Boolean(e.$retryable),
        cause: error,
      });
  }
}
