import { Readable } from 'node:stream';

/**
 * TEST DOUBLE — a request handler (the `requestHandler` contract of the
 * SDK) that records every request it is given and answers with a canned
 * DynamoDB JSON response, without any network. Used to compare what the SDK
 * and the direct transport put on the wire (endpoint, headers, signature).
 */
export class CapturingRequestHandler {
  readonly requests: Array<{ protocol: string; hostname: string; port?: number; path: string; headers: Record<string, string>; body: string }> = [];
  constructor(private readonly responseBody = '{}') {}

  async handle(request: { protocol: string; hostname: string; port?: number; path: string; headers: Record<string, string>; body: unknown }) {
    const body = request.body instanceof Uint8Array ? Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength).toString('utf8') : String(request.body);
    this.requests.push({ ...request, headers: { ...request.headers }, body });
    return {
      response: {
        statusCode: 200,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'captured' },
        body: Readable.from([Buffer.from(this.responseBody)]),
      },
    };
  }
}
