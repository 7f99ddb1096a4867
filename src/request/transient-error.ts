import { DynamoDBError, TransactionCanceledError } from '../errors.js';

const TRANSIENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNREFUSED', 'ECONNABORTED', 'EAI_AGAIN']);

/**
 * Whether a failed send may simply be sent again: throttling and other
 * retryable DynamoDB errors, HTTP 5xx, lost connections and timeouts (the
 * outcome of those is unknown, so only idempotent sends should repeat).
 * @internal
 */
export function isTransientError(error: unknown): boolean {
  if (error instanceof TransactionCanceledError) return error.retryable;
  if (error instanceof DynamoDBError) return error.retryable || isTransientError(error.cause);
  const e = error as { code?: string; name?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } } | undefined;
  if (!e || typeof e !== 'object') return false;
  if (e.$retryable) return true;
  if (e.code && TRANSIENT_CODES.has(e.code)) return true;
  if (e.name === 'TimeoutError' || e.name === 'RequestTimeout') return true;
  const status = e.$metadata?.httpStatusCode;
  return status === 500 || status === 502 || status === 503 || status === 504;
}
