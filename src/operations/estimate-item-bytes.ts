import type { AttributeValue } from '@aws-sdk/client-dynamodb';

const encoder = new TextEncoder();

/**
 * Approximate DynamoDB size of a marshalled item (names + values, UTF-8),
 * used for the 4 MB transaction and 16 MB batch request limits.
 *
 * A deliberately simple local estimate: numbers count one byte per
 * character plus one, maps/lists add 3 bytes plus one per element. The exact
 * calculator (src/limits/, issue 4) can replace this one function.
 * @internal
 */
export function estimateItemBytes(item: Record<string, AttributeValue>): number {
  let size = 0;
  for (const name in item) size += utf8(name) + valueBytes(item[name]!);
  return size;
}

function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return value.N.length + 1;
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((n, s) => n + utf8(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((n, s) => n + s.length + 1, 0);
  if (value.BS !== undefined) return value.BS.reduce((n, b) => n + b.byteLength, 0);
  if (value.L !== undefined) return value.L.reduce((n, v) => n + 1 + valueBytes(v), 3);
  if (value.M !== undefined) return 3 + Object.entries(value.M).reduce((n, [k, v]) => n + 1 + utf8(k) + valueBytes(v), 0);
  return 0;
}

function utf8(s: string): number {
  // Fast path: ASCII-only strings are one byte per character.
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s) ? s.length : encoder.encode(s).length;
}
