/**
 * UTF-8 byte length of a string, as DynamoDB counts names and string values.
 * Short strings are counted in JS (cheaper than crossing into native code);
 * long ones with `Buffer.byteLength`. A lone surrogate (no UTF-8 form) counts
 * 3 bytes, the U+FFFD the encoder would substitute; tablewright's size checks
 * refuse such strings before counting them (see `itemSize`).
 */
export function utf8Length(s: string): number {
  const n = s.length;
  if (n > 48) return Buffer.byteLength(s, 'utf8');
  let bytes = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      bytes += 1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a surrogate pair: 2 UTF-16 units, 4 bytes
      i++;
    } else {
      bytes += 2;
    }
  }
  return bytes;
}
