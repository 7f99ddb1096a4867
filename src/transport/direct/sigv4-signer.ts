import { createHash, createHmac } from 'node:crypto';

/** Credentials as the SDK's providers return them. @internal */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
  readonly expiration?: Date | undefined;
  readonly accountId?: string | undefined;
}

/** `20261125T135723Z` and `20261125` for a signing time in epoch ms. @internal */
export interface SigningDate {
  readonly long: string;
  readonly short: string;
}

let lastSecond = -1;
let lastDate: SigningDate = { long: '', short: '' };

/** Formats a signing time; cached per second (every request in that second shares it). @internal */
export function signingDate(epochMs: number): SigningDate {
  const second = Math.floor(epochMs / 1000);
  if (second !== lastSecond) {
    const iso = new Date(second * 1000).toISOString(); // 2026-11-25T13:57:23.000Z
    const long = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
    lastDate = { long, short: long.slice(0, 8) };
    lastSecond = second;
  }
  return lastDate;
}

/** Lower-case hex SHA-256 of a UTF-8 string. @internal */
export function sha256Hex(data: string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * AWS Signature Version 4 for JSON-protocol POSTs, written against
 * node:crypto so the hot path does two hashes and one HMAC per attempt,
 * synchronously, with no request cloning. The signing key (four HMACs) is
 * derived once per day / region / service / secret and cached.
 * @internal
 */
export class SigV4Signer {
  private keySecret = '';
  private keyScope = '';
  private key: Buffer = Buffer.alloc(0);

  /** `${shortDate}/${region}/${service}/aws4_request` */
  static scope(short: string, region: string, service: string): string {
    return `${short}/${region}/${service}/aws4_request`;
  }

  /** The derived signing key for one secret and scope (cached: it only changes daily). */
  signingKey(secret: string, short: string, region: string, service: string): Buffer {
    const scope = SigV4Signer.scope(short, region, service);
    if (secret === this.keySecret && scope === this.keyScope) return this.key;
    const kDate = createHmac('sha256', `AWS4${secret}`).update(short).digest();
    const kRegion = createHmac('sha256', kDate).update(region).digest();
    const kService = createHmac('sha256', kRegion).update(service).digest();
    this.key = createHmac('sha256', kService).update('aws4_request').digest();
    this.keySecret = secret;
    this.keyScope = scope;
    return this.key;
  }

  /**
   * Signature over a canonical request whose headers are already
   * canonical (lower-case names, sorted, trimmed values).
   */
  signature(canonicalRequest: string, date: SigningDate, scope: string, key: Buffer): string {
    const stringToSign = `AWS4-HMAC-SHA256\n${date.long}\n${scope}\n${sha256Hex(canonicalRequest)}`;
    return createHmac('sha256', key).update(stringToSign).digest('hex');
  }
}

/** SigV4 URI path canonicalisation (normalised segments, RFC 3986 escaping, `/` kept). @internal */
export function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment.length === 0 || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return escapeUri(normalized).replace(/%2F/g, '/');
}

const escapeUri = (uri: string): string =>
  encodeURIComponent(uri).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** SigV4 header value canonicalisation (newlines to spaces, runs of blanks collapsed, trimmed). @internal */
export function canonicalHeaderValue(value: string): string {
  return value.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');
}
