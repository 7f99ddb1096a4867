import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * TEST DOUBLE — a loopback "DynamoDB" that, like AWS, recomputes every
 * request's SigV4 signature with the secret it knows (using the SDK's own
 * SignatureV4 over exactly the headers named in SignedHeaders, the body
 * and the X-Amz-Date) and rejects a mismatch or a date more than 5 minutes
 * off its clock with HTTP 400 `InvalidSignatureException`, the documented
 * AWS error. Valid requests get a canned GetItem response.
 */
export interface VerifyingServer {
  readonly endpoint: string;
  /** Every request, with whether its signature verified. */
  readonly log: Array<{ target: string | undefined; verified: boolean; reason?: string }>;
  close(): Promise<void>;
}

/** A node:crypto Hash in the shape SignatureV4 expects (`new Sha256(secret?)`, async digest). */
export class NodeSha256 {
  private readonly hash;
  constructor(secret?: string | Uint8Array) {
    this.hash = secret ? createHmac('sha256', secret) : createHash('sha256');
  }
  update(data: string | Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/;

const amzDate = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const parseAmzDate = (d: string) => Date.parse(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(9, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}Z`);

export async function startVerifyingServer(options: {
  secrets: Record<string, string>;
  /** The server's clock relative to ours (simulates a skewed client clock). */
  clockOffsetMs?: number;
  item?: Record<string, unknown>;
}): Promise<VerifyingServer> {
  const log: VerifyingServer['log'] = [];
  const now = () => Date.now() + (options.clockOffsetMs ?? 0);

  async function verify(req: http.IncomingMessage, body: string): Promise<string | undefined> {
    const match = AUTH.exec(String(req.headers.authorization ?? ''));
    if (!match) return 'malformed authorization';
    const [, accessKeyId, , region, service, signedHeaders, signature] = match;
    const secret = options.secrets[accessKeyId!];
    if (!secret) return 'unknown access key';
    const date = String(req.headers['x-amz-date'] ?? '');
    const signedAt = parseAmzDate(date);
    if (Math.abs(signedAt - now()) > 300_000) {
      return `Signature expired: ${date} is now earlier than ${amzDate(now() - 300_000)} (${amzDate(now())} - 5 min.)`;
    }
    // SignatureV4 takes a present x-amz-content-sha256 as the payload hash, so check it against the body (as AWS does).
    const claimed = req.headers['x-amz-content-sha256'];
    if (claimed !== undefined && claimed !== createHash('sha256').update(body).digest('hex')) {
      return "The provided 'x-amz-content-sha256' header does not match what was computed.";
    }
    const headers: Record<string, string> = {};
    for (const name of signedHeaders!.split(';')) headers[name] = String(req.headers[name] ?? '');
    const signer = new SignatureV4({
      credentials: { accessKeyId: accessKeyId!, secretAccessKey: secret }, // a session token, if any, is among the signed headers
      region: region!,
      service: service!,
      sha256: NodeSha256 as never,
      applyChecksum: false,
    });
    const [path] = (req.url ?? '/').split('?');
    const expected = await signer.sign(
      { method: req.method!, protocol: 'http:', hostname: '127.0.0.1', path: path!, query: {}, headers, body } as never,
      { signingDate: new Date(signedAt) },
    );
    const got = /Signature=([0-9a-f]{64})/.exec(String((expected as unknown as { headers: Record<string, string> }).headers.authorization))?.[1];
    return got === signature ? undefined : 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const reason = await verify(req, body);
      const target = req.headers['x-amz-target'] as string | undefined;
      log.push(reason ? { target, verified: false, reason } : { target, verified: true });
      const headers = { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `req-${log.length}`, date: new Date(now()).toUTCString() };
      if (reason) {
        res.writeHead(400, headers);
        res.end(JSON.stringify({ __type: 'com.amazon.coral.service#InvalidSignatureException', message: reason }));
      } else {
        res.writeHead(200, headers);
        res.end(JSON.stringify(options.item ? { Item: options.item } : {}));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
