import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { OperationMap, OperationName, SendOptions, Transport } from '../transport.js';
import { RequestBuilder, type PreparedBody } from './build-request.js';
import { correctClockOnError, updatedClockOffset } from './clock-skew.js';
import {
  resolveClientSettings,
  type ClientConfig,
  type ClientSettings,
  type LegacyRetryStrategy,
  type RetryStrategyV2,
  type RetryToken,
} from './client-settings.js';
import { CredentialCache } from './credential-cache.js';
import { parseResponse, type RawResponse } from './parse-response.js';
import { retryAfterHint } from './retry-after.js';
import { retryErrorType } from './retry-error-type.js';
import { serializeBody } from './serialize-body.js';
import { sha256Hex, type SigningCredentials } from './sigv4-signer.js';
import type { ResponseMetadata } from './service-error.js';
import type { ResolvedEndpoint } from './resolve-endpoint.js';

type Output = Record<string, unknown> & { $metadata: ResponseMetadata };

/**
 * Input members the SDK's model marks as idempotency tokens: when absent, the
 * SDK fills them with a fresh UUID once per command, before its retry loop,
 * so its own resends of a lost response are no-ops on the server. The direct
 * transport must do the same, or its retries would apply a write twice.
 */
const IDEMPOTENCY_TOKENS: Partial<Record<OperationName, string>> = { TransactWriteItems: 'ClientRequestToken' };

/** `input` with its idempotency token filled in (a copy; the caller's object is left alone). */
function withIdempotencyToken<I>(operation: OperationName, input: I): I {
  const member = IDEMPOTENCY_TOKENS[operation];
  if (member === undefined || (input as Record<string, unknown>)[member] !== undefined) return input;
  return { ...input, [member]: randomUUID() };
}

/**
 * Sends DynamoDB JSON-protocol requests straight through the client's own
 * request handler, skipping the SDK middleware stack (serialize, build,
 * sign, retry, deserialize middleware) but keeping its semantics: the
 * client's credentials provider, region and endpoint rules, retry strategy,
 * clock-skew correction, abort signals and error classes.
 * Loaded on the first send of a transport made by `directTransport`
 * (direct-transport.ts), so programs that never use it do not import it.
 * @internal
 */
export class DirectSender implements Transport {
  private settings: ClientSettings | undefined;
  private starting: Promise<ClientSettings> | undefined;
  private builder: RequestBuilder | undefined;
  private readonly credentials: CredentialCache;
  private readonly config: ClientConfig;
  private readonly lambda = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);

  constructor(private readonly client: DynamoDBClient) {
    this.config = client.config as unknown as ClientConfig;
    this.credentials = new CredentialCache(this.config as { credentials?: unknown });
  }

  private async start(): Promise<ClientSettings> {
    this.starting ??= resolveClientSettings(this.client).then((settings) => {
      this.builder = new RequestBuilder(settings.userAgent.userAgent, settings.userAgent.xAmzUserAgent, settings.http2);
      return (this.settings = settings);
    });
    try {
      return await this.starting;
    } catch (error) {
      this.starting = undefined;
      throw error;
    }
  }

  async send<O extends OperationName>(operation: O, input: OperationMap[O][0], options?: SendOptions): Promise<OperationMap[O][1]> {
    const settings = this.settings ?? (await this.start());
    const signal = options?.abortSignal;
    const body = serializeBody(withIdempotencyToken(operation, input));
    const prepared: PreparedBody = { body, length: String(Buffer.byteLength(body)), hash: sha256Hex(body) };
    // Identity and endpoint are resolved once per call, before the retry loop, as in the SDK.
    const c = this.credentials.get();
    const credentials = c instanceof Promise ? await c : c;
    const endpoint = settings.endpoints.resolve(operation, input as unknown as Record<string, unknown>, credentials.accountId);
    const invocationId = randomUUID();
    const attempt = (n: number) => this.attempt(operation, prepared, endpoint, credentials, settings, n, invocationId, signal);

    const strategy = settings.retryStrategy;
    if (!isV2(strategy)) {
      let n = 0;
      const { output } = await strategy.retry(async () => ({ output: await attempt(++n), response: {} }), { input });
      return output;
    }
    let token = await race(strategy.acquireInitialRetryToken(''), signal);
    let attempts = 0;
    let totalRetryDelay = 0;
    for (;;) {
      try {
        const output = await attempt(attempts + 1);
        strategy.recordSuccess(token);
        output.$metadata.attempts = attempts + 1;
        output.$metadata.totalRetryDelay = totalRetryDelay;
        return output as never;
      } catch (caught) {
        const error = asError(caught);
        try {
          if (signal?.aborted) throw error;
          const info: { error: unknown; errorType: string; retryAfterHint?: Date } = { error, errorType: retryErrorType(error) };
          const hint = retryAfterHint((error as { $response?: RawResponse }).$response?.headers);
          if (hint) info.retryAfterHint = hint;
          token = await race(strategy.refreshRetryTokenForRetry(token, info), signal);
        } catch (refreshError) {
          if (refreshError !== error && signal?.aborted && (refreshError as Error)?.name === 'AbortError') throw refreshError;
          const e = error as { $metadata?: ResponseMetadata };
          e.$metadata ??= {};
          e.$metadata.attempts = attempts + 1;
          e.$metadata.totalRetryDelay = totalRetryDelay;
          throw error;
        }
        attempts = token.getRetryCount();
        const delay = token.getRetryDelay();
        totalRetryDelay += (token.$retryLog?.acquisitionDelay ?? 0) + delay;
        if (delay > 0) await race(new Promise((resolve) => setTimeout(resolve, delay)), signal);
      }
    }
  }

  private async attempt(
    operation: OperationName,
    prepared: PreparedBody,
    endpoint: ResolvedEndpoint,
    credentials: SigningCredentials,
    settings: ClientSettings,
    attempt: number,
    invocationId: string,
    signal: AbortSignal | undefined,
  ): Promise<Output> {
    const config = this.config;
    const skew = !settings.disableClockSkewCorrection;
    const offset = config.systemClockOffset ?? 0;
    const sentAt = Date.now();
    const request = this.builder!.build({
      operation,
      endpoint,
      prepared,
      credentials,
      signingTime: skew ? sentAt + offset : sentAt,
      invocationId,
      attempt,
      maxAttempts: settings.maxAttempts,
      traceId: this.lambda ? process.env._X_AMZN_TRACE_ID || undefined : undefined,
    });
    const { response } = await settings.handler.handle(request, signal ? { abortSignal: signal } : {});
    let output;
    try {
      output = (await parseResponse(response, settings.collector)) as Output;
    } catch (error) {
      if (skew) correctClockOnError(config, error, response.headers, offset, sentAt);
      throw error;
    }
    if (skew) {
      const h = response.headers;
      config.systemClockOffset = updatedClockOffset(h.date ?? h.Date, h.age ?? h.Age, config.systemClockOffset ?? 0, sentAt);
    }
    return output;
  }
}

const isV2 = (s: RetryStrategyV2 | LegacyRetryStrategy): s is RetryStrategyV2 =>
  typeof (s as RetryStrategyV2).acquireInitialRetryToken === 'function' &&
  typeof (s as RetryStrategyV2).refreshRetryTokenForRetry === 'function' &&
  typeof (s as RetryStrategyV2).recordSuccess === 'function';

function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (error instanceof Object) return Object.assign(new Error(), error);
  if (typeof error === 'string') return new Error(error);
  return new Error(`AWS SDK error wrapper for ${String(error)}`);
}

/** Rejects with an `AbortError` (as the SDK builds it) when `signal` fires first. */
function race<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  let cleanup = () => {};
  const aborted = new Promise<never>((_, reject) => {
    const onAbort = () => {
      const reason = signal.reason;
      const error =
        reason instanceof Error
          ? Object.assign(new Error('Request aborted'), { name: 'AbortError', cause: reason })
          : Object.assign(new Error(reason ? String(reason) : 'Request aborted'), { name: 'AbortError' });
      reject(error);
    };
    if (signal.aborted) onAbort();
    else {
      signal.addEventListener('abort', onAbort, { once: true });
      cleanup = () => signal.removeEventListener('abort', onAbort);
    }
  });
  return Promise.race([promise, aborted]).finally(cleanup);
}
