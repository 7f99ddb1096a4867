import type { AttributeValue, WriteRequest } from '@aws-sdk/client-dynamodb';
import { utf8Length } from './utf8-length.js';

/**
 * Bytes of a marshalled item in a request body: the DynamoDB JSON the SDK
 * sends (`{"name":{"S":"…"},…}`, binaries in base64, strings JSON-escaped).
 * Larger than the stored size; this is what the 16 MB BatchWriteItem request
 * limit is about. Exact for `JSON.stringify` output.
 */
export function wireItemSize(item: Readonly<Record<string, AttributeValue>>): number {
  let size = 2; // {}
  let first = true;
  for (const name in item) {
    size += (first ? 0 : 1) + jsonStringSize(name) + 1 + wireValueSize(item[name]!);
    first = false;
  }
  return size;
}

/**
 * Bytes a BatchWriteItem request entry takes on the wire:
 * `{"PutRequest":{"Item":…}}` or `{"DeleteRequest":{"Key":…}}`, plus its comma.
 * Use as `chunkWrites(requests, writeRequestSize)`.
 */
export function writeRequestSize(request: WriteRequest): number {
  if (request.PutRequest) return 25 + wireItemSize(request.PutRequest.Item ?? {}); // {"PutRequest":{"Item":}},
  if (request.DeleteRequest) return 27 + wireItemSize(request.DeleteRequest.Key ?? {}); // {"DeleteRequest":{"Key":}},
  return 0;
}

function wireValueSize(value: AttributeValue): number {
  // Each value is {"T":…}: 5 bytes + tag length + the payload + 1.
  if (value.S !== undefined) return 6 + jsonStringSize(value.S);
  if (value.N !== undefined) return 8 + value.N.length;
  if (value.B !== undefined) return 8 + base64Size(value.B);
  if (value.BOOL !== undefined) return 9 + (value.BOOL ? 4 : 5);
  if (value.NULL !== undefined) return 13;
  if (value.M !== undefined) return 6 + wireItemSize(value.M);
  if (value.L !== undefined) return 6 + arraySize(value.L, wireValueSize);
  if (value.SS !== undefined) return 7 + arraySize(value.SS, jsonStringSize);
  if (value.NS !== undefined) return 7 + arraySize(value.NS, (n) => n.length + 2);
  if (value.BS !== undefined) return 7 + arraySize(value.BS, (b) => base64Size(b) + 2);
  return 2;
}

function arraySize<T>(values: readonly T[], sizeOf: (v: T) => number): number {
  let size = 2 + Math.max(0, values.length - 1); // [] and commas
  for (const v of values) size += sizeOf(v);
  return size;
}

function base64Size(value: Uint8Array | string): number {
  return typeof value === 'string' ? value.length : Math.ceil(value.byteLength / 3) * 4;
}

// Characters JSON.stringify escapes (or that need a closer look: surrogates).
const NEEDS_SCAN = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Bytes of `JSON.stringify(s)` in UTF-8, quotes included. */
function jsonStringSize(s: string): number {
  const base = utf8Length(s) + 2;
  if (!NEEDS_SCAN.test(s)) return base;
  let extra = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 8 || c === 9 || c === 10 || c === 12 || c === 13) extra += 1;
    else if (c < 0x20) extra += 5;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    else if (c >= 0xd800 && c <= 0xdfff) extra += 3; // lone surrogate: \udxxx (6) instead of U+FFFD (3)
  }
  return base + extra;
}
