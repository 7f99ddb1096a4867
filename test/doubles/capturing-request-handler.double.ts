import { Readable } from 'node:stream';

/** A response the handler gives back. */
export interface CannedResponse {
  readonly statusCode: number;
  readonly headers?: Record<string, string>;
  readonly body: string;
}

/**
 * TEST DOUBLE — a request handler (the `requestHandler` contract of the
 * SDK) that records every request it is given and answers with a canned
 * DynamoDB JSON response, without any network. Used to compare what the SDK
 * and the direct transport put on the wire (endpoint, headers, signature).
 */
export class CapturingRequestHandler {
  readonly requests: Array<{ protocol: string; hostname: string; port?: number; path: string; headers: Record<string, string>; body: string }> = [];
  /** `responses` are used in turn (the last one repeats); a string is a 200 body. */
  private readonly responses: Array<string | CannedResponse>;
  constructor(...responses: Array<string | CannedResponse>) {
    this.responses = responses.length ? responses : ['{}'];
  }

  async handle(request: { protocol: string; hostname: string; port?: number; path: string; headers: Record<string, string>; body: unknown }) {
    const body = request.body instanceof Uint8Array ? Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength).toString('utf8') : String(request.body);
    this.requests.push({ ...request, headers: { ...request.headers }, body });
    const next = this.responses.length > 1 ? this.responses.shift()! : this.responses[0]!;
    const canned = typeof next === 'string' ? { statusCode: 200, body: next } : next;
    return {
      response: {
        statusCode: canned.statusCode,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'captured', ...canned.headers },
        body: Readable.from(canned.body ? [Buffer.from(canned.body)] : []),
      },
    };
  }
}
