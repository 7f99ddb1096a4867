/**
 * Whether an error means "this Region cannot serve right now" (fail over),
 * as opposed to an answer about the request (a failed condition, a
 * validation error, throttling) that another Region would give as well.
 * Connection errors and 5xx come here only after the SDK's own retries.
 */
export function isRegionFailure(error: unknown): boolean {
  const e = error as { name?: string; code?: string; $fault?: string; $metadata?: { httpStatusCode?: number }; message?: string; cause?: unknown } | undefined;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'AbortError') return false;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 500) return true;
  if (e.$fault === 'server') return true;
  if (e.name === 'TimeoutError' || e.name === 'RequestTimeout') return true;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && /socket hang up|ECONNREFUSED|ECONNRESET/.test(e.message)) return true;
  return e.cause !== undefined && e.cause !== error && isRegionFailure(e.cause);
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
