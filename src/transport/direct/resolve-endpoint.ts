import type { OperationName } from '../transport.js';

/** Where one request goes and how it is signed, derived from the client's endpoint rules. @internal */
export interface ResolvedEndpoint {
  readonly protocol: string;
  readonly hostname: string;
  readonly port: number | undefined;
  readonly path: string;
  /** The `host` header value (hostname plus a non-default port). */
  readonly host: string;
  readonly signingRegion: string;
  readonly signingName: string;
  /** Extra headers from the endpoint rules or a custom endpoint, lower-case names. */
  readonly headers: Readonly<Record<string, string>> | undefined;
}

/** Client endpoint settings resolved once per transport (they are providers in the SDK). @internal */
export interface EndpointSettings {
  readonly region: string;
  readonly useFips: boolean;
  readonly useDualStack: boolean;
  /** The custom endpoint URL (client `endpoint` or AWS_ENDPOINT_URL_DYNAMODB), if any. */
  readonly endpoint: string | undefined;
  readonly customEndpointHeaders: Readonly<Record<string, string | string[]>> | undefined;
  readonly accountIdEndpointMode: string | undefined;
  /** Signing name / region the user pinned on the client (`signingName`, `signingRegion`). */
  readonly signingName: string | undefined;
  readonly signingRegion: string | undefined;
}

type EndpointV2 = {
  url: URL;
  properties?: { authSchemes?: Array<{ name?: string; signingName?: string; signingRegion?: string }> };
  headers?: Record<string, string[]>;
};
type EndpointProvider = (params: Record<string, unknown>, context?: { logger?: unknown }) => EndpointV2;

/**
 * The resource the endpoint rules look at, per operation — what the SDK's
 * `contextParams` / `operationContextParams` instructions read
 * (`TableName` → `ResourceArn`, table names of batch / transact calls →
 * `ResourceArnList`).
 * @internal
 */
export function endpointResource(operation: OperationName, input: Record<string, any>): { arn?: string; list?: string[] } {
  switch (operation) {
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return { list: Object.keys(input.RequestItems ?? {}) };
    case 'TransactGetItems':
      return { list: (input.TransactItems ?? []).map((t: any) => t?.Get?.TableName) };
    case 'TransactWriteItems':
      return {
        list: (input.TransactItems ?? []).flatMap((t: any) =>
          [t?.ConditionCheck?.TableName, t?.Put?.TableName, t?.Delete?.TableName, t?.Update?.TableName].filter((n) => n),
        ),
      };
    default:
      return { arn: input.TableName };
  }
}

/**
 * Resolves endpoints through the client's own `endpointProvider` (the
 * generated DynamoDB rules: FIPS, dual-stack, account-id endpoints, custom
 * endpoints), with the same parameters the SDK's endpoint middleware passes,
 * and caches the result per resource and account.
 * @internal
 */
export class EndpointResolver {
  private readonly cache = new Map<string, ResolvedEndpoint>();

  constructor(
    private readonly provider: EndpointProvider,
    private readonly settings: EndpointSettings,
    private readonly logger: unknown,
  ) {}

  resolve(operation: OperationName, input: Record<string, any>, accountId: string | undefined): ResolvedEndpoint {
    const resource = endpointResource(operation, input);
    const key = `${resource.arn ?? ''}\u0000${resource.list ? resource.list.join('\u0001') : ''}\u0000${accountId ?? ''}`;
    let hit = this.cache.get(key);
    if (hit === undefined) {
      hit = this.compute(resource, accountId);
      if (this.cache.size >= 256) this.cache.clear();
      this.cache.set(key, hit);
    }
    return hit;
  }

  private compute(resource: { arn?: string; list?: string[] }, accountId: string | undefined): ResolvedEndpoint {
    const s = this.settings;
    const params: Record<string, unknown> = {
      UseFIPS: s.useFips,
      AccountId: accountId,
      Endpoint: s.endpoint,
      Region: s.region,
      UseDualStack: s.useDualStack,
      AccountIdEndpointMode: s.accountIdEndpointMode,
    };
    if (resource.list) params.ResourceArnList = resource.list;
    else params.ResourceArn = resource.arn;
    const endpoint = this.provider(params, { logger: this.logger });
    const url = endpoint.url;
    const auth = endpoint.properties?.authSchemes?.[0];
    let headers: Record<string, string> | undefined;
    for (const [name, values] of Object.entries(endpoint.headers ?? {})) (headers ??= {})[name.toLowerCase()] = values.join(',');
    for (const [name, value] of Object.entries(s.customEndpointHeaders ?? {})) {
      (headers ??= {})[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
    }
    let path = url.pathname || '/';
    if (!path.endsWith('/')) path += '/';
    return {
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path,
      host: url.host,
      signingRegion: auth?.signingRegion ?? s.signingRegion ?? s.region,
      signingName: auth?.signingName ?? s.signingName ?? 'dynamodb',
      headers,
    };
  }
}
