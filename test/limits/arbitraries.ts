import { NumberValueImpl } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';

/** Attribute and map-key names: 1–12 chars incl. multibyte; never a key attribute of the test tables. */
export const attributeName = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 12 })
  .filter((s) => !['pk', 'sk', 'gsi1pk', 'gsi1sk', '_et', 'pad', 'l1', 'l2', 'constructor', '__proto__'].includes(s));

const number = fc.oneof(
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
  fc.double({ min: -1e15, max: 1e15, noNaN: true, noDefaultInfinity: true }).filter((d) => d === 0 || Math.abs(d) >= 1e-100),
  fc.bigInt({ min: -(10n ** 38n) + 1n, max: 10n ** 38n - 1n }),
  // Decimal text with up to 38 digits at any scale inside DynamoDB's range.
  fc
    .tuple(fc.boolean(), fc.bigInt({ min: 1n, max: 10n ** 38n - 1n }), fc.integer({ min: -120, max: 80 }))
    .map(([neg, digits, exp]) => new NumberValueImpl(`${neg ? '-' : ''}${digits}E${exp}`)),
);

const text = (maxLength: number) =>
  fc.oneof(fc.string({ unit: 'binary', maxLength }), fc.string({ unit: 'grapheme-ascii', maxLength }));

/** Plain JS values of every storable shape (strings incl. multibyte, numbers, binary, bool/null, sets, maps, lists). */
export function plainValue(maxLength: number) {
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text(maxLength),
      number,
      fc.uint8Array({ maxLength }),
      fc.boolean(),
      fc.constant(null),
      fc.uniqueArray(text(maxLength), { minLength: 1, maxLength: 6 }).map((a) => new Set(a)),
      fc.uniqueArray(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 6 }).map((a) => new Set(a)),
      fc
        .uniqueArray(fc.uint8Array({ maxLength }), { minLength: 1, maxLength: 4, selector: (b) => Buffer.from(b).toString('hex') })
        .map((a) => new Set(a)),
      fc.array(tie('value'), { maxLength: 6 }),
      fc.dictionary(attributeName, tie('value'), { maxKeys: 6 }),
    ),
  }));
  return value;
}

/** A plain item of many shapes (no key attributes). */
export function plainItem({ maxLength }: { maxLength: number }) {
  return fc.dictionary(attributeName, plainValue(maxLength), { minKeys: 1, maxKeys: 10 });
}
