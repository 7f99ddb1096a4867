import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EndpointResolver, type EndpointSettings } from './resolve-endpoint.js';
import { resolveUserAgent, type UserAgentHeaders } from './user-agent.js';

/** A retry strategy in the SDK's v2 shape (what `config.retryStrategy()` returns by default). @internal */
export interface RetryStrategyV2 {
  acquireInitialRetryToken(scope: string): Promise<RetryToken>;
  refreshRetryTokenForRetry(token: RetryToken, errorInfo: { error: unknown; errorType: string; retryAfterHint?: Date }): Promise<RetryToken>;
  recordSuccess(token: RetryToken): void;
}
/** @internal */
export interface RetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
  $retryLog?: { acquisitionDelay?: number };
}
/** A pre-SRA strategy (`retry(next, args)`), still accepted by the SDK. @internal */
export interface LegacyRetryStrategy {
  retry(next: (args: unknown) => Promise<{ output: any; response: unknown }>, args: unknown): Promise<{ output: any; response: unknown }>;
}

/** The request handler contract the SDK uses (`NodeHttpHandler`, `FetchHttpHandler`, custom ones). @internal */
export interface RequestHandlerLike {
  handle(request: unknown, options?: { abortSignal?: AbortSignal }): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: unknown } }>;
  metadata?: { handlerProtocol?: string };
}

/** Everything the direct transport reads from the client, resolved once. @internal */
export interface ClientSettings {
  readonly endpoints: EndpointResolver;
  readonly retryStrategy: RetryStrategyV2 | LegacyRetryStrategy;
  readonly maxAttempts: number;
  readonly userAgent: UserAgentHeaders;
  readonly handler: RequestHandlerLike;
  readonly collector: ((body: unknown) => Promise<Uint8Array>) | undefined;
  readonly disableClockSkewCorrection: boolean;
  /** HTTP/2 handlers take `:authority` instead of `host` (as the SDK's host-header middleware does). */
  readonly http2: boolean;
}

/** The resolved client configuration, as far as the direct transport reads it. @internal */
export type ClientConfig = Record<string, any> & { systemClockOffset?: number };

const call = async <T>(value: unknown): Promise<T> => (typeof value === 'function' ? (value as () => Promise<T>)() : (value as T));

/**
 * Reads the client's resolved configuration: region, FIPS / dual-stack,
 * custom or configured endpoint, account-id endpoint mode, retry strategy
 * and max attempts, user agent, request handler. The SDK re-awaits these
 * providers on every call; they are constant for a client, so the direct
 * transport resolves them on its first request.
 * @internal
 */
export async function resolveClientSettings(client: DynamoDBClient): Promise<ClientSettings> {
  const config = client.config as unknown as ClientConfig;
  const region = await call<string>(config.region);
  if (!region) throw new Error('expected `region` to be configured for `aws.auth#sigv4`');
  let endpoint: { url?: URL; protocol?: string; hostname?: string; port?: number; path?: string; headers?: Record<string, string | string[]> } | undefined;
  if (config.isCustomEndpoint) {
    endpoint = await call(config.endpoint);
  } else if (!config.ignoreConfiguredEndpointUrls && typeof config.serviceConfiguredEndpoint === 'function') {
    // AWS_ENDPOINT_URL_DYNAMODB / endpoint_url in the shared config, as the endpoint middleware reads it.
    const configured = await config.serviceConfiguredEndpoint();
    if (configured) endpoint = typeof configured === 'string' ? { url: new URL(configured) } : configured;
  }
  let endpointUrl: string | undefined;
  if (endpoint) {
    endpointUrl = endpoint.url
      ? endpoint.url.href
      : `${endpoint.protocol}//${endpoint.hostname}${endpoint.port ? `:${endpoint.port}` : ''}${endpoint.path ?? ''}`;
  }
  const settings: EndpointSettings = {
    region,
    useFips: Boolean(await call(config.useFipsEndpoint)),
    useDualStack: Boolean(await call(config.useDualstackEndpoint)),
    endpoint: endpointUrl,
    customEndpointHeaders: endpoint?.headers,
    accountIdEndpointMode: await call<string | undefined>(config.accountIdEndpointMode),
    signingName: config.signingName,
    signingRegion: config.signingRegion,
  };
  const handler = config.requestHandler as RequestHandlerLike;
  return {
    endpoints: new EndpointResolver(config.endpointProvider, settings, config.logger),
    retryStrategy: await call(config.retryStrategy),
    maxAttempts: await call<number>(config.maxAttempts),
    userAgent: await resolveUserAgent(config as Parameters<typeof resolveUserAgent>[0]),
    handler,
    collector: config.streamCollector,
    disableClockSkewCorrection: (await call<boolean | undefined>(config.disableClockSkewCorrection)) === true,
    http2: (handler.metadata?.handlerProtocol ?? '').includes('h2'),
  };
}
