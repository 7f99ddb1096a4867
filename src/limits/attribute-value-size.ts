import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { numberSize } from './number-size.js';
import { utf8Length } from './utf8-length.js';
import { CONTAINER_OVERHEAD, ELEMENT_OVERHEAD } from './value-size.js';

/**
 * Bytes a marshalled `AttributeValue` takes toward the item size (names of
 * nested map entries included, the attribute's own name not). Binary values
 * are counted as raw bytes; base64 strings (as found in DynamoDB JSON) are
 * counted after decoding.
 */
export function attributeValueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8Length(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return binarySize(value.B);
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.M !== undefined) {
    let size = CONTAINER_OVERHEAD;
    for (const key in value.M) size += utf8Length(key) + attributeValueSize(value.M[key]!) + ELEMENT_OVERHEAD;
    return size;
  }
  if (value.L !== undefined) {
    let size = CONTAINER_OVERHEAD;
    for (const element of value.L) size += attributeValueSize(element) + ELEMENT_OVERHEAD;
    return size;
  }
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + utf8Length(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, b) => sum + binarySize(b), 0);
  return 0;
}

/**
 * Size of a marshalled item (`Record<string, AttributeValue>`, as sent in
 * `PutItem.Item` or returned by `GetItem`): Σ UTF-8 name bytes + value size.
 */
export function marshalledItemSize(item: Readonly<Record<string, AttributeValue>>): number {
  let size = 0;
  for (const name in item) size += utf8Length(name) + attributeValueSize(item[name]!);
  return size;
}

function binarySize(value: Uint8Array | string): number {
  // DynamoDB JSON carries binaries as base64 text.
  return typeof value === 'string' ? Buffer.byteLength(value, 'base64') : value.byteLength;
}
