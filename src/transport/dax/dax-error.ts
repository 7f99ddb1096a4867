/**
 * DAX client errors (`DaxClientError`, `DaxServiceError`) carry the AWS name
 * in `code` (not `name`), `retryable` (not `$retryable`) and, on a cancelled
 * transaction, `cancellationReasons` (lower-case c) whose `Item` may be
 * `null`. The request seam reads the SDK's shape, so every DAX error is
 * rewritten into it once, here; the original stays as `cause`.
 */

/** DAX codes of errors that mean "DAX itself could not serve this" (node down, no route, lost socket). */
const UNREACHABLE_CODES = new Set([
  'ConnectionException',
  'NoRouteException',
  'EndOfStreamException',
  'DecoderException',
  'MalformedResultException',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);

const THROTTLING_CODES = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'LimitExceededException']);

/** An SDK-shaped error made from a DAX one. @internal */
export interface NormalisedDaxError extends Error {
  /** DynamoDB's exception name (the DAX error's `code`). */
  readonly name: string;
  /** Truthy when DAX said the error is worth resending. */
  readonly $retryable?: { readonly throttling: boolean } | undefined;
  /** Per-action reasons of a cancelled transaction, `{ Code, Message?, Item? }`. */
  readonly CancellationReasons?: readonly { Code?: string; Message?: string; Item?: unknown }[] | undefined;
  /** Network-level code (`ConnectionException`, `ECONNREFUSED` …), kept as the SDK keeps `code`. */
  readonly code?: string | undefined;
  /** Marks errors that went through this normalisation (idempotence). */
  readonly $dax: true;
  /** `true` when DAX could not be reached or did not answer (not an answer from DynamoDB). */
  readonly $daxUnavailable: boolean;
  /** `true` for throttling (DAX node saturated or table throughput). */
  readonly $daxThrottled: boolean;
}

/**
 * Rewrites an error thrown by the DAX client into the SDK's shape
 * (`name`, `message`, `$retryable`, `CancellationReasons`). A condition
 * failure carries no `Item`: DAX does not return it. Idempotent.
 * @internal
 */
export function normaliseDaxError(error: unknown): NormalisedDaxError {
  const e = (error ?? {}) as {
    $dax?: true;
    code?: unknown;
    name?: unknown;
    message?: unknown;
    retryable?: unknown;
    cancellationReasons?: unknown;
    CancellationReasons?: unknown;
  };
  if (e.$dax) return error as NormalisedDaxError;
  const code = typeof e.code === 'string' && e.code !== '' ? e.code : typeof e.name === 'string' && e.name !== 'Error' ? e.name : 'UnknownError';
  const message = typeof e.message === 'string' ? stripCodePrefix(e.message, code) : describe(error);
  const unavailable = UNREACHABLE_CODES.has(code);
  const throttled = THROTTLING_CODES.has(code);
  const out = new Error(message, { cause: error }) as Error & Record<string, unknown>;
  out.name = code;
  if (unavailable) out.code = code;
  if (e.retryable === true || throttled) out.$retryable = { throttling: throttled };
  const reasons = e.cancellationReasons ?? e.CancellationReasons;
  if (Array.isArray(reasons)) out.CancellationReasons = reasons.map(toSdkReason);
  out.$dax = true;
  out.$daxUnavailable = unavailable;
  out.$daxThrottled = throttled;
  return out as unknown as NormalisedDaxError;
}

function toSdkReason(reason: unknown): { Code?: string; Message?: string; Item?: unknown } {
  const r = (reason ?? {}) as { Code?: unknown; Message?: unknown; Item?: unknown };
  const out: { Code?: string; Message?: string; Item?: unknown } = {};
  if (typeof r.Code === 'string') out.Code = r.Code;
  if (typeof r.Message === 'string') out.Message = r.Message;
  if (r.Item !== null && r.Item !== undefined) out.Item = r.Item;
  return out;
}

// Thrown values can be anything, including objects whose toString is not callable.
function describe(value: unknown): string {
  try {
    return String(value);
  } catch {
    return 'DAX client error';
  }
}

// DaxClientError formats messages as "Code: message".
function stripCodePrefix(message: string, code: string): string {
  return message.startsWith(`${code}: `) ? message.slice(code.length + 2) : message;
}
