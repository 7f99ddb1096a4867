import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  ConditionFailedError,
  DynamoDBError,
  TableNotFoundError,
  TablewrightError,
} from '../errors.js';
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
