import type { OperationName } from '../transport.js';
import type { ResolvedEndpoint } from './resolve-endpoint.js';
import { canonicalHeaderValue, canonicalPath, SigV4Signer, signingDate, type SigningCredentials } from './sigv4-signer.js';

const CONTENT_TYPE = 'application/x-amz-json-1.0';
const TARGET_PREFIX = 'DynamoDB_20120810.';
/** Headers SigV4 never signs (the SDK signer's ALWAYS_UNSIGNABLE_HEADERS we may send). */
const UNSIGNED = new Set(['user-agent', 'x-amzn-trace-id', 'connection', 'expect', 'transfer-encoding']);

/** An HTTP request in the shape the SDK's request handlers accept. @internal */
export interface DirectHttpRequest {
  readonly method: 'POST';
  readonly protocol: string;
  readonly hostname: string;
  readonly port: number | undefined;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** The body and what depends only on it, computed once per call and reused by every attempt. @internal */
export interface PreparedBody {
  readonly body: string;
  readonly length: string;
  readonly hash: string;
}

/** Per endpoint and operation: the constant parts of the headers and of the canonical request. */
interface Template {
  readonly canonicalPath: string;
  readonly target: string;
  /** `content-type…x-amz-content-sha256:` between `content-length` and the hash. */
  readonly middle: string;
  /** `x-amz-target…x-amz-user-agent` plus the blank line. */
  readonly tail: string;
}

/** Everything that varies per attempt. @internal */
export interface AttemptInfo {
  readonly operation: OperationName;
  readonly endpoint: ResolvedEndpoint;
  readonly prepared: PreparedBody;
  readonly credentials: SigningCredentials;
  readonly signingTime: number;
  readonly invocationId: string;
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly traceId: string | undefined;
}

/**
 * Builds and signs DynamoDB JSON-protocol requests with the header set the
 * SDK sends (content type, target, length, host, SDK invocation / attempt
 * headers, payload hash, date, session token, user agents). The constant
 * parts of the canonical request are precomputed per endpoint and
 * operation; an attempt only fills in the date, the body hash and the token.
 * @internal
 */
export class RequestBuilder {
  private readonly signer = new SigV4Signer();
  private readonly templates = new WeakMap<ResolvedEndpoint, Map<string, Template>>();

  constructor(
    private readonly userAgent: string,
    private readonly xAmzUserAgent: string,
    private readonly http2: boolean,
  ) {}

  private template(endpoint: ResolvedEndpoint, operation: OperationName): Template {
    let byOperation = this.templates.get(endpoint);
    if (!byOperation) this.templates.set(endpoint, (byOperation = new Map()));
    let t = byOperation.get(operation);
    if (!t) {
      const target = TARGET_PREFIX + operation;
      t = {
        canonicalPath: canonicalPath(endpoint.path),
        target,
        middle: `\ncontent-type:${CONTENT_TYPE}\nhost:${endpoint.host}\nx-amz-content-sha256:`,
        tail: `x-amz-target:${target}\nx-amz-user-agent:${canonicalHeaderValue(this.xAmzUserAgent)}\n\n`,
      };
      byOperation.set(operation, t);
    }
    return t;
  }

  build(a: AttemptInfo): DirectHttpRequest {
    const { endpoint, prepared, credentials } = a;
    const t = this.template(endpoint, a.operation);
    const date = signingDate(a.signingTime);
    const token = credentials.sessionToken;
    const attemptHeader = `attempt=${a.attempt}; max=${a.maxAttempts}`;
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPE,
      'x-amz-target': t.target,
      'content-length': prepared.length,
      'x-amz-user-agent': this.xAmzUserAgent,
      'user-agent': this.userAgent,
      host: endpoint.host,
      'amz-sdk-invocation-id': a.invocationId,
      'amz-sdk-request': attemptHeader,
      'x-amz-date': date.long,
      'x-amz-content-sha256': prepared.hash,
    };
    if (token) headers['x-amz-security-token'] = token;
    if (a.traceId) headers['x-amzn-trace-id'] = a.traceId;
    let canonicalHeaders: string;
    let signedHeaders: string;
    if (endpoint.headers || this.http2) {
      if (endpoint.headers) for (const name in endpoint.headers) headers[name] ??= endpoint.headers[name]!;
      if (this.http2) {
        delete headers.host;
        headers[':authority'] = endpoint.host;
      }
      ({ canonicalHeaders, signedHeaders } = canonicalize(headers));
    } else {
      canonicalHeaders =
        `amz-sdk-invocation-id:${a.invocationId}\namz-sdk-request:${attemptHeader}\ncontent-length:${prepared.length}` +
        `${t.middle}${prepared.hash}\nx-amz-date:${date.long}\n` +
        (token ? `x-amz-security-token:${token}\n` : '') +
        t.tail;
      signedHeaders = token ? SIGNED_WITH_TOKEN : SIGNED_WITHOUT_TOKEN;
    }
    const scope = SigV4Signer.scope(date.short, endpoint.signingRegion, endpoint.signingName);
    const key = this.signer.signingKey(credentials.secretAccessKey, date.short, endpoint.signingRegion, endpoint.signingName);
    const canonicalRequest = `POST\n${t.canonicalPath}\n\n${canonicalHeaders}${signedHeaders}\n${prepared.hash}`;
    const signature = this.signer.signature(canonicalRequest, date, scope, key);
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
    return {
      method: 'POST',
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: endpoint.port,
      path: endpoint.path,
      query: {},
      headers,
      body: prepared.body,
    };
  }
}

const SIGNED_WITHOUT_TOKEN =
  'amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target;x-amz-user-agent';
const SIGNED_WITH_TOKEN =
  'amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target;x-amz-user-agent';

/** General canonicalisation, used only when the endpoint adds headers or the handler speaks HTTP/2. */
function canonicalize(headers: Record<string, string>): { canonicalHeaders: string; signedHeaders: string } {
  const names = Object.keys(headers)
    .map((n) => n.toLowerCase())
    .filter((n) => !UNSIGNED.has(n) && !/^proxy-/.test(n) && !/^sec-/.test(n))
    .sort();
  const lower: Record<string, string> = {};
  for (const name in headers) lower[name.toLowerCase()] = headers[name]!;
  let canonicalHeaders = '';
  for (const name of names) canonicalHeaders += `${name}:${canonicalHeaderValue(lower[name]!)}\n`;
  return { canonicalHeaders: `${canonicalHeaders}\n`, signedHeaders: names.join(';') };
}
