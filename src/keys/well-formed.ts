/**
 * Lone UTF-16 surrogates (`'a\ud800'`) are not Unicode scalar values: they
 * have no UTF-8 form, so the SDK sends U+FFFD in their place and two
 * different strings can be stored as the same one. tablewright refuses them
 * in every value, name and key before a request.
 */

const native = (String.prototype as { isWellFormed?: () => boolean }).isWellFormed;

/** True when `s` holds no unpaired surrogate (every code unit is part of a scalar value). @internal */
export const isWellFormed: (s: string) => boolean = native
  ? (s) => native.call(s)
  : (s) => {
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c < 0xd800 || c > 0xdfff) continue;
        if (c > 0xdbff || i + 1 >= s.length || (s.charCodeAt(i + 1) & 0xfc00) !== 0xdc00) return false;
        i++;
      }
      return true;
    };

/** Index of the first unpaired surrogate in `s`, or -1. For error messages. @internal */
export function loneSurrogateAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c > 0xdbff || i + 1 >= s.length || (s.charCodeAt(i + 1) & 0xfc00) !== 0xdc00) return i;
    i++;
  }
  return -1;
}

/** A short description of the first lone surrogate in `s`, e.g. `a lone surrogate U+D800 at index 1`. @internal */
export function describeLoneSurrogate(s: string): string {
  const at = loneSurrogateAt(s);
  const unit = s.charCodeAt(at).toString(16).toUpperCase();
  return `a lone UTF-16 surrogate U+${unit} at index ${at} (not valid Unicode; DynamoDB would store U+FFFD)`;
}
