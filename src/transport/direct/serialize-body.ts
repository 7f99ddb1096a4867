/**
 * JSON request bodies for DynamoDB's JSON protocol. The SDK input shapes are
 * already the wire shapes, except binary values: Uint8Array (and Buffer) go
 * out as base64 strings. Inputs without binaries (the common case) go
 * straight to `JSON.stringify`; otherwise only the paths holding binaries are
 * copied.
 * @internal
 */
export function serializeBody(input: object): string {
  return JSON.stringify(encodeBinaries(input));
}

const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

function encodeBinaries(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return toBase64(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      const encoded = encodeBinaries(v);
      if (encoded !== v) (copy ??= value.slice())[i] = encoded;
    }
    return copy ?? value;
  }
  const obj = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key in obj) {
    const v = obj[key];
    if (v === null || typeof v !== 'object') continue;
    // The SDK base64-encodes string members of a binary set as UTF-8 (a lone B string is sent as is).
    const encoded = key === 'BS' && Array.isArray(v) ? v.map((b) => (typeof b === 'string' ? Buffer.from(b).toString('base64') : encodeBinaries(b))) : encodeBinaries(v);
    if (encoded !== v) (copy ??= { ...obj })[key] = encoded;
  }
  return copy ?? obj;
}
