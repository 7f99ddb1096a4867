/**
 * Telling a static key segment from a mistyped attribute name.
 *
 * A template segment that is not an attribute name is static text, so a
 * typo (`'tenantID'` for `tenantId`) silently makes every item share one key.
 * The rule: compare the segment with each keyable attribute after
 * normalising both (lower case, `_`, `-`, `.` and spaces dropped). The
 * segment resembles the attribute when the normalised forms are equal, or
 * when their edit distance (insertions, deletions, substitutions and
 * swaps of neighbours) is at most 1 for attributes of 5–9 normalised
 * characters and at most 2 from 10 characters on. Shorter attribute names
 * only match exactly, so labels such as `USER` next to `userId` stay static;
 * names of one or two characters (`n`, `s`, `id`) never match, since one- and
 * two-letter labels (`N`, `S`, `ID`) are common static segments.
 */

/** Shortest normalised attribute name a static segment is compared with. @internal */
export const MIN_COMPARED_LENGTH = 3;

/** The normal form both sides are compared in. @internal */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[_\-. ]/g, '');
}

/** Edit distance allowed for an attribute whose normalised name has `length` characters. @internal */
export function allowedDistance(length: number): number {
  return length >= 10 ? 2 : length >= 5 ? 1 : 0;
}

/** Whether `segment` looks like a mistyped `attribute` (see the module comment for the rule). @internal */
export function resembles(segment: string, attribute: string): boolean {
  const a = normalizeName(segment);
  const b = normalizeName(attribute);
  if (b.length < MIN_COMPARED_LENGTH) return false;
  if (a === b) return true;
  const max = allowedDistance(b.length);
  return max > 0 && Math.abs(a.length - b.length) <= max && editDistance(a, b, max) <= max;
}

/** Optimal-string-alignment distance, giving up (returning `max + 1`) once it exceeds `max`. @internal */
export function editDistance(a: string, b: string, max = Infinity): number {
  const n = a.length;
  const m = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[m]! > max ? max + 1 : prev[m]!;
}
