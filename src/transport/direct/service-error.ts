import {
  ConditionalCheckFailedException,
  DuplicateItemException,
  DynamoDBServiceException,
  IdempotentParameterMismatchException,
  IndexNotFoundException,
  InternalServerError,
  InvalidEndpointException,
  ItemCollectionSizeLimitExceededException,
  LimitExceededException,
  ProvisionedThroughputExceededException,
  ReplicatedWriteConflictException,
  RequestLimitExceeded,
  ResourceNotFoundException,
  ThrottlingException,
  TransactionCanceledException,
  TransactionConflictException,
  TransactionInProgressException,
} from '@aws-sdk/client-dynamodb';

/** `$metadata` as the SDK reports it on outputs and errors. @internal */
export interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string | undefined;
  extendedRequestId?: string | undefined;
  cfId?: string | undefined;
  attempts?: number;
  totalRetryDelay?: number;
  clockSkewCorrected?: boolean;
}

type ErrorCtor = new (options: any) => Error;

/**
 * The SDK's own modeled exception classes for data-plane errors, so an error
 * from the direct transport is `instanceof` the same class and carries the
 * same `name`, `$fault` and members. Errors DynamoDB does not model
 * (ValidationException, AccessDeniedException …) become a
 * `DynamoDBServiceException` named after the code, exactly like the SDK.
 */
const MODELED: Record<string, ErrorCtor> = {
  ConditionalCheckFailedException,
  DuplicateItemException,
  IdempotentParameterMismatchException,
  IndexNotFoundException,
  InternalServerError,
  InvalidEndpointException,
  ItemCollectionSizeLimitExceededException,
  LimitExceededException,
  ProvisionedThroughputExceededException,
  ReplicatedWriteConflictException,
  RequestLimitExceeded,
  ResourceNotFoundException,
  ThrottlingException,
  TransactionCanceledException,
  TransactionConflictException,
  TransactionInProgressException,
};

/** Strips `namespace#`, `:detail` and `,more` from an error type, as the SDK's JSON-RPC protocol does. */
function sanitizeCode(raw: unknown): string {
  let value = String(raw);
  if (value.includes(',')) value = value.split(',')[0]!;
  if (value.includes(':')) value = value.split(':')[0]!;
  if (value.includes('#')) value = value.split('#')[1]!;
  return value;
}

/** The error code: body `__type`, then body `code`, then the `x-amzn-errortype` header. @internal */
export function errorCode(headers: Readonly<Record<string, string>>, data: Record<string, unknown>): string {
  if (data.__type !== undefined) return sanitizeCode(data.__type);
  for (const key of Object.keys(data)) if (key.toLowerCase() === 'code' && data[key] !== undefined) return sanitizeCode(data[key]);
  for (const key of Object.keys(headers)) if (key.toLowerCase() === 'x-amzn-errortype') return sanitizeCode(headers[key]);
  return 'Unknown';
}

/** Builds the error the SDK would throw for a parsed JSON error body. @internal */
export function serviceError(
  statusCode: number,
  headers: Readonly<Record<string, string>>,
  data: Record<string, unknown>,
  metadata: ResponseMetadata,
): Error {
  const name = errorCode(headers, data);
  const message = (data.message ?? data.Message ?? 'UnknownError') as string;
  const Modeled = MODELED[name];
  // Constructed without a message, then assigned: like the SDK, `message` ends up an own enumerable field.
  const error: Record<string, unknown> & Error = Modeled
    ? (new Modeled({ ...data, $metadata: metadata, message: undefined }) as never)
    : (new DynamoDBServiceException({ name, $fault: statusCode < 500 ? 'client' : 'server', $metadata: metadata as never, message: undefined as never }) as never);
  error.message = message;
  for (const key of Object.keys(data)) {
    const value = data[key];
    if (value !== undefined && (error[key] == undefined || error[key] === '')) error[key] = value;
  }
  error.message = error.message || (error.Message as string) || 'UnknownError';
  delete error.Message;
  return error;
}

/** A response body that is not JSON: the SDK rethrows the parser's SyntaxError with a hint and `$metadata`. @internal */
export function deserializationError(cause: Error, metadata: ResponseMetadata, response: unknown): Error {
  try {
    cause.message += '\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.';
  } catch {
    // frozen error: keep it as is
  }
  Object.defineProperty(cause, '$response', { value: response, enumerable: false, writable: false, configurable: false });
  (cause as { $metadata?: ResponseMetadata }).$metadata = metadata;
  return cause;
}
