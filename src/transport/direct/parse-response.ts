import { deserializationError, serviceError, type ResponseMetadata } from './service-error.js';

/** What a request handler resolves to (`{ response }`), reduced to what we read. @internal */
export interface RawResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

type Collector = (body: unknown) => Promise<Uint8Array>;

/**
 * Reads a response body as text. Node's IncomingMessage is drained with
 * plain listeners (cheaper than the SDK's stream collector); any other body
 * (fetch stream, Blob, test stub) goes through the client's `streamCollector`.
 * @internal
 */
export function readBody(body: unknown, collector: Collector | undefined): Promise<string> {
  if (typeof body === 'string') return Promise.resolve(body);
  if (body instanceof Uint8Array) return Promise.resolve(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  const stream = body as NodeJS.ReadableStream | undefined;
  if (stream && typeof stream.on === 'function' && typeof (stream as { read?: unknown }).read === 'function') {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    });
  }
  if (body == null) return Promise.resolve('');
  if (!collector) return Promise.reject(new TypeError('Unsupported response body and no streamCollector on the client'));
  return collector(body).then((bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
}

/** `$metadata` from the response headers, as the SDK's JSON protocol builds it. @internal */
export function responseMetadata(response: RawResponse): ResponseMetadata {
  const h = response.headers;
  return {
    httpStatusCode: response.statusCode,
    requestId: h['x-amzn-requestid'] ?? h['x-amzn-request-id'] ?? h['x-amz-request-id'],
    extendedRequestId: h['x-amz-id-2'],
    cfId: h['x-amz-cf-id'],
  };
}

/**
 * Binary attribute values travel base64-encoded; the SDK hands them out as
 * Uint8Array. In DynamoDB's output shapes a `{ "B": "<string>" }` object can
 * only be an AttributeValue (an attribute *named* B maps to an object, never
 * to a string), so a shape-free walk is exact.
 */
function decodeBinaries(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) decodeBinaries(v);
    return;
  }
  const obj = value as Record<string, unknown>;
  for (const key in obj) {
    const v = obj[key];
    if (key === 'B' && typeof v === 'string') obj.B = fromBase64(v);
    else if (key === 'BS' && Array.isArray(v) && (v.length === 0 || typeof v[0] === 'string')) obj.BS = v.map((s) => fromBase64(s as string));
    else if (v !== null && typeof v === 'object') decodeBinaries(v);
  }
}

function fromBase64(text: string): Uint8Array {
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function parseJson(text: string): Record<string, unknown> {
  if (text.length === 0) return {};
  const data = JSON.parse(text) as Record<string, unknown>;
  // Cheap pre-check: only walk when a binary member can be present.
  if (text.includes('"B"') || text.includes('"BS"')) decodeBinaries(data);
  return data;
}

/**
 * Turns a response into the SDK output shape (`$metadata` included) or
 * throws the error the SDK would throw for it.
 * @internal
 */
export async function parseResponse(response: RawResponse, collector: Collector | undefined): Promise<Record<string, unknown>> {
  const text = await readBody(response.body, collector);
  const metadata = responseMetadata(response);
  let data: Record<string, unknown>;
  try {
    data = parseJson(text);
  } catch (error) {
    throw deserializationError(error as Error, metadata, { ...response, body: text });
  }
  if (response.statusCode >= 300) {
    const error = serviceError(response.statusCode, response.headers, data, metadata);
    Object.defineProperty(error, '$response', { value: { ...response, body: text }, enumerable: false, writable: false, configurable: false });
    throw error;
  }
  data.$metadata = metadata;
  return data;
}
