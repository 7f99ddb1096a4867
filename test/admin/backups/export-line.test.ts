import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonLine } from '../../../src/admin/export-reader/export-line.js';
import { loadIon, parseIonLine } from '../../../src/admin/export-reader/ion-line.js';
import { ionStruct } from '../../doubles/export-writer.double.js';

const number = fc.oneof(fc.integer().map(String), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((n) => String(Number(n.toFixed(6)))));
const bytes = fc.uint8Array({ maxLength: 8 });
const { value } = fc.letrec<{ value: AttributeValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string().map((S) => ({ S })),
    number.map((N) => ({ N })),
    bytes.map((B) => ({ B })),
    fc.boolean().map((BOOL) => ({ BOOL })),
    fc.constant({ NULL: true }),
    fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 3 }).map((SS) => ({ SS })),
    fc.uniqueArray(fc.integer().map(String), { minLength: 1, maxLength: 3 }).map((NS) => ({ NS })),
    fc.array(bytes, { minLength: 1, maxLength: 2 }).map((BS) => ({ BS })),
    fc.array(tie('value'), { maxLength: 3 }).map((L) => ({ L })),
    fc.dictionary(fc.string({ minLength: 1 }), tie('value'), { maxKeys: 3 }).map((M) => ({ M })),
  ),
}));
const item = fc.dictionary(fc.string({ minLength: 1 }), value, { minKeys: 1, maxKeys: 5 }).filter((i) => !('__proto__' in i));

/** DynamoDB JSON carries bytes as base64, as an export file does. */
function wire(v: unknown): unknown {
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Array.isArray(v)) return v.map(wire);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wire(x)]));
  return v;
}
/** Numbers compare by value (ION writes 1 as 1. and reads it back as 1). */
function normal(v: unknown): unknown {
  if (v instanceof Uint8Array) return [...v];
  if (Array.isArray(v)) return v.map(normal);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'N' ? Number(x) : k === 'NS' ? (x as string[]).map(Number) : normal(x)]));
  return v;
}

describe('export line parsers (property)', () => {
  it('DynamoDB JSON lines round-trip every AttributeValue, bytes included', () => {
    fc.assert(
      fc.property(item, (i) => {
        const line = parseJsonLine(JSON.stringify(wire({ Item: i })), false);
        expect(line.kind === 'item' && normal(line.item)).toEqual(normal(i));
      }),
    );
  });

  it('ION lines read to the same AttributeValues', async () => {
    const ion = await loadIon();
    fc.assert(
      fc.property(item, (i) => {
        const line = parseIonLine(ion, `$ion_1_0 {Item:${ionStruct(i)}}`, false);
        expect(line.kind === 'item' && normal(line.item)).toEqual(normal(i));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a map key or attribute named __proto__ as an own key (assignment would drop it)', async () => {
    const line = '{"Item":{"__proto__":{"S":"top"},"m":{"M":{"__proto__":{"N":"0"}}}}}';
    const parsed = parseJsonLine(line, false);
    const item = parsed.kind === 'item' ? parsed.item : {};
    expect(Object.keys(item)).toEqual(['__proto__', 'm']);
    expect(Object.getOwnPropertyDescriptor(item, '__proto__')?.value).toEqual({ S: 'top' });
    expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(item.m!.M!, '__proto__')?.value).toEqual({ N: '0' });
    const ion = await loadIon();
    const fromIon = parseIonLine(ion, '$ion_1_0 {Item:{\'__proto__\':"top"}}', false);
    expect(Object.keys(fromIon.kind === 'item' ? fromIon.item : {})).toEqual(['__proto__']);
  });

  it('rejects malformed values instead of passing them on', () => {
    for (const bad of ['{"Item":{"a":{"S":1}}}', '{"Item":{"a":{"X":"1"}}}', '{"Item":{"a":{"S":"x","N":"1"}}}', '{"Item":[]}', '{}', '{"Item":{"a":{"NULL":false}}}']) {
      expect(() => parseJsonLine(bad, false)).toThrow(SyntaxError);
    }
    expect(() => parseJsonLine('{"Keys":{},"Metadata":{"WriteTimestampMicros":{"N":"x"}}}', true)).toThrow(SyntaxError);
  });
});
