import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../src/limits/decimal.js';
import { numberIssue, numberTextIssue } from '../../src/limits/number-limits.js';
import { numberSize, parsedNumberSize } from '../../src/limits/number-size.js';

/** The general rule: parse the text with the regular expression, then size it. */
function generalSize(n: number): number {
  const parsed = parseDecimal(String(n));
  if (parsed === 'zero') return 1;
  return parsedNumberSize(parsed!);
}

const doubles = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.integer().map((i) => i / 100),
  fc.constantFrom(1e-130, 9.999999999999999e-131, 1e126, 9.999999999999999e125, -1e-130, 1e21, 1e-7, 0.1 + 0.2, 2 ** 53 + 2, -0, 5e-324),
);

describe('JS number size and limits without the regex parse', () => {
  it('numberSize of a finite number equals the general rule', () => {
    fc.assert(fc.property(doubles, (n) => {
          expect(numberSize(n)).toBe(generalSize(n));
        }), { numRuns: 5000 });
  });

  it('numberIssue of a finite number equals the text rule', () => {
    fc.assert(fc.property(doubles, (n) => {
          expect(numberIssue(n)?.code).toBe(numberTextIssue(String(n))?.code);
        }), { numRuns: 5000 });
  });
});
