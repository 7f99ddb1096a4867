/**
 * The SDK's retry classification (@smithy/core `service-error-classification`
 * and the retry middleware's `getRetryErrorType`), restated here because
 * tablewright declares no @smithy/* dependency. It decides which
 * `errorType` the client's retry strategy sees, so it must stay identical.
 * @internal
 */
const THROTTLING_ERROR_CODES = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);
const TRANSIENT_ERROR_CODES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const TRANSIENT_ERROR_STATUS_CODES = new Set([500, 502, 503, 504]);
const NODEJS_TIMEOUT_ERROR_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
const NODEJS_NETWORK_ERROR_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const CLOCK_SKEW_ERROR_CODES = new Set([
  'AccessDeniedException',
  'AuthFailure',
  'InvalidSignatureException',
  'RequestExpired',
  'RequestInTheFuture',
  'RequestTimeTooSkewed',
  'SignatureDoesNotMatch',
]);

/** What a retry strategy is told about a failed attempt. @internal */
export type RetryErrorType = 'THROTTLING' | 'TRANSIENT' | 'SERVER_ERROR' | 'CLIENT_ERROR';

interface Classifiable {
  name?: string;
  message?: string;
  code?: string;
  cause?: unknown;
  $retryable?: { throttling?: boolean };
  $metadata?: { httpStatusCode?: number; clockSkewCorrected?: boolean };
}

/** @internal */
export function isClockSkewError(error: Classifiable): boolean {
  return CLOCK_SKEW_ERROR_CODES.has(error.name ?? '');
}

function isThrottling(e: Classifiable): boolean {
  return e.$metadata?.httpStatusCode === 429 || THROTTLING_ERROR_CODES.has(e.name ?? '') || e.$retryable?.throttling == true;
}

function isTransient(e: Classifiable | undefined, depth = 0): boolean {
  if (!e || e.name === 'AbortError') return false;
  return (
    e.$retryable !== undefined ||
    Boolean(e.$metadata?.clockSkewCorrected) ||
    (e.name === 'InvalidSignatureException' && Boolean(e.message?.includes('Signature expired'))) ||
    TRANSIENT_ERROR_CODES.has(e.name ?? '') ||
    NODEJS_TIMEOUT_ERROR_CODES.has(e.code ?? '') ||
    NODEJS_NETWORK_ERROR_CODES.has(e.code ?? '') ||
    TRANSIENT_ERROR_STATUS_CODES.has(e.$metadata?.httpStatusCode ?? 0) ||
    (e.code === 'ERR_HTTP2_STREAM_ERROR' && Boolean(e.message?.includes('NGHTTP2_REFUSED_STREAM'))) ||
    (e.cause !== undefined && depth <= 10 && isTransient(e.cause as Classifiable, depth + 1))
  );
}

/** @internal */
export function retryErrorType(error: unknown): RetryErrorType {
  const e = error as Classifiable;
  if (isThrottling(e)) return 'THROTTLING';
  if (isTransient(e)) return 'TRANSIENT';
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500 && status <= 599) return 'SERVER_ERROR';
  return 'CLIENT_ERROR';
}
