import { describeInput, readingInput, thrownMessage } from '../errors/hostile-input.js';
import { KeyError } from '../errors.js';
import type { CompiledKey } from '../keys/key-template.js';
import type { ExpressionContext } from './expression-context.js';
import { compareCodePoints } from './value-order.js';

/**
 * Sort-key conditions expressed on the sort-key template's attributes rather
 * than on the stored key string. Values given must be a leading run of the
 * template's attributes; a partial run selects every key that starts with it.
 *
 * Range conditions compare encoded keys: exact for numbers and dates (fixed
 * width, order-preserving) and for the last attribute given.
 */
export type SortKeyCondition<V> =
  | { readonly kind: 'eq' | 'lt' | 'le' | 'gt' | 'ge'; readonly values: Partial<V> }
  | { readonly kind: 'between'; readonly low: Partial<V>; readonly high: Partial<V> }
  | { readonly kind: 'beginsWith'; readonly values: Partial<V>; readonly partial: boolean };

/** Builds {@link SortKeyCondition}s; `V` is the sort-key template's attributes. */
export interface KeyConditionBuilder<V> {
  /** The sort key equals the key built from every template attribute. */
  eq(values: V): SortKeyCondition<V>;
  /** The sort key sorts before the key built from the given leading attributes. */
  lt(values: Partial<V>): SortKeyCondition<V>;
  /** The sort key sorts before or equals the key built from the given leading attributes. */
  le(values: Partial<V>): SortKeyCondition<V>;
  /** The sort key sorts after the key built from the given leading attributes. */
  gt(values: Partial<V>): SortKeyCondition<V>;
  /** The sort key sorts after or equals the key built from the given leading attributes. */
  ge(values: Partial<V>): SortKeyCondition<V>;
  /** Inclusive range; each bound may be partial (a partial high bound includes every key under it). */
  between(low: Partial<V>, high: Partial<V>): SortKeyCondition<V>;
  /**
   * Keys whose leading attributes equal the given values, compared as whole
   * segments: `beginsWith({ s1: 'a' })` matches `s1 = 'a'`, never `s1 = 'aa'`
   * or an `s1` containing the delimiter. The values must be a leading run of
   * the template's attributes (`s1`, `s1 + s2` …). Given a leading run, it
   * compiles to `begins_with(sk, <key up to and including the delimiter after
   * the last value>)`; given every attribute it compiles to `sk = <full key>`
   * (the same as {@link KeyConditionBuilder.eq}), since a complete key of this
   * template cannot be extended and a longer key in the same partition
   * belongs to another template. Values are escaped like stored keys, so
   * delimiters and `\` inside values match exactly.
   *
   * `{ partial: true }` is the only prefix match: the last value given is a
   * string prefix of that (string) attribute (`name` starting with `'Jo'`;
   * `''` matches any value); the attributes before it still match whole.
   * Partial on a non-string attribute throws {@link KeyError}.
   */
  beginsWith(values: Partial<V>, options?: { readonly partial?: boolean | undefined }): SortKeyCondition<V>;
}

/** A sort-key condition, or a function building one. */
export type SortKeyInput<V> = SortKeyCondition<V> | ((k: KeyConditionBuilder<V>) => SortKeyCondition<V>);

const simple =
  (kind: 'eq' | 'lt' | 'le' | 'gt' | 'ge') =>
  (values: Record<string, unknown>) =>
    Object.freeze({ kind, values: Object.freeze({ ...values }) });

/** The untyped key-condition builder. @internal */
export const keyConditionBuilder: KeyConditionBuilder<any> = Object.freeze({
  eq: simple('eq'),
  lt: simple('lt'),
  le: simple('le'),
  gt: simple('gt'),
  ge: simple('ge'),
  between: (low: Record<string, unknown>, high: Record<string, unknown>) =>
    Object.freeze({ kind: 'between' as const, low: Object.freeze({ ...low }), high: Object.freeze({ ...high }) }),
  beginsWith: (values: Record<string, unknown>, options?: { partial?: boolean }) =>
    Object.freeze({ kind: 'beginsWith' as const, values: Object.freeze({ ...values }), partial: options?.partial === true }),
});

/** @internal */
export function resolveSortKey<V>(input: SortKeyInput<V>): SortKeyCondition<V> {
  const condition = readingInput(
    () => {
      const c = typeof input === 'function' ? input(keyConditionBuilder as KeyConditionBuilder<V>) : input;
      // From untyped callers anything can arrive here: only the builder's conditions, with object values, are compiled.
      const values = (c as { kind?: unknown } | null)?.kind === 'between' ? [(c as { low?: unknown }).low, (c as { high?: unknown }).high] : [(c as { values?: unknown } | null)?.values];
      if (c === null || typeof c !== 'object' || !SORT_KINDS.has((c as { kind?: string }).kind as string) || values.some((v) => v === null || typeof v !== 'object')) {
        throw new KeyError({ message: `A sort-key condition is built with the key-condition builder ((k) => k.eq(…), k.between(…) …), got ${describeInput(c)}`, reason: 'invalid-value' });
      }
      return c;
    },
    (cause) => new KeyError({ message: `The sort-key condition could not be read (${thrownMessage(cause)})`, reason: 'invalid-value', cause }),
  );
  return condition;
}

const SORT_KINDS = new Set(['eq', 'lt', 'le', 'gt', 'ge', 'between', 'beginsWith']);

/** What a query addresses: key attribute names and compiled templates of one index. @internal */
export interface KeyConditionTarget {
  readonly partitionKeyAttribute: string;
  readonly sortKeyAttribute: string | undefined;
  readonly pk: CompiledKey;
  readonly sk: CompiledKey | undefined;
  readonly delimiter: string;
}

/**
 * Compiles a KeyConditionExpression. Without a sort condition, a sort-key
 * template that starts with static text still narrows the query to it, so
 * other entities sharing the partition are not read.
 * @internal
 */
export function compileKeyCondition(
  target: KeyConditionTarget,
  partitionValues: Readonly<Record<string, unknown>>,
  sort: SortKeyCondition<unknown> | undefined,
  ctx: ExpressionContext,
): string {
  const pk = `${ctx.name(target.partitionKeyAttribute)} = ${ctx.value(target.pk.build(partitionValues))}`;
  const { sk, sortKeyAttribute } = target;
  if (!sk || !sortKeyAttribute) {
    if (sort) throw sortKeyError(target, 'this index has no sort key; remove the sort condition');
    return pk;
  }
  if (!sort) {
    // The name is registered only when used: DynamoDB refuses an unused ExpressionAttributeNames entry.
    if (sk.attributes.length === 0) return `${pk} AND ${ctx.name(sortKeyAttribute)} = ${ctx.value(sk.build({}))}`;
    const prefix = sk.prefix({});
    return prefix === '' ? pk : `${pk} AND begins_with(${ctx.name(sortKeyAttribute)}, ${ctx.value(prefix)})`;
  }
  const v = (s: string) => ctx.value(s);
  if (sort.kind === 'beginsWith') {
    const values = sort.values as Record<string, unknown>;
    // Every attribute given and not partial: whole segments determine the whole key, so begins_with would
    // also match a longer last value ('a' matching 'aa'); equality is the exact whole-segment match.
    if (!sort.partial && leading(target, sk, values, true) === 'complete') return `${pk} AND ${ctx.name(sortKeyAttribute)} = ${v(sk.build(values))}`;
    const prefix = beginsWithPrefix(target, sk, values, sort.partial);
    return prefix === '' ? pk : `${pk} AND begins_with(${ctx.name(sortKeyAttribute)}, ${v(prefix)})`;
  }
  const name = ctx.name(sortKeyAttribute);
  switch (sort.kind) {
    case 'eq':
      return `${pk} AND ${name} = ${v(sk.build(sort.values as Record<string, unknown>))}`;
    case 'between': {
      const low = bound(target, sk, sort.low as Record<string, unknown>, 'low');
      const high = bound(target, sk, sort.high as Record<string, unknown>, 'high');
      // DynamoDB refuses a range whose upper bound sorts before its lower one (after sending): refused here.
      if (compareCodePoints(low, high) > 0) throw sortKeyError(target, 'between needs the low bound to sort before or equal the high bound');
      return `${pk} AND ${name} BETWEEN ${v(low)} AND ${v(high)}`;
    }
    case 'ge':
      return `${pk} AND ${name} >= ${v(bound(target, sk, sort.values as Record<string, unknown>, 'low'))}`;
    case 'lt':
      return `${pk} AND ${name} < ${v(bound(target, sk, sort.values as Record<string, unknown>, 'low'))}`;
    case 'gt': {
      const values = sort.values as Record<string, unknown>;
      return leading(target, sk, values) === 'complete'
        ? `${pk} AND ${name} > ${v(sk.build(values))}`
        : `${pk} AND ${name} >= ${v(bound(target, sk, values, 'high'))}`;
    }
    case 'le': {
      const values = sort.values as Record<string, unknown>;
      return leading(target, sk, values) === 'complete'
        ? `${pk} AND ${name} <= ${v(sk.build(values))}`
        : `${pk} AND ${name} < ${v(bound(target, sk, values, 'high'))}`;
    }
  }
}

/**
 * The key a bound compares against. A complete set of values gives the full
 * key. A partial low bound is the prefix (`ORDER#2024#`): every key under it
 * sorts after it. A partial high bound replaces the prefix's trailing
 * delimiter by the next character (`ORDER#2024$`): every key under the prefix
 * sorts before it, and no key of this template equals it.
 */
function bound(target: KeyConditionTarget, sk: CompiledKey, values: Record<string, unknown>, side: 'low' | 'high'): string {
  if (leading(target, sk, values) === 'complete') return sk.build(values);
  const prefix = sk.prefix(values);
  if (side === 'low') return prefix;
  const d = target.delimiter;
  return prefix.slice(0, -d.length) + String.fromCharCode(d.charCodeAt(0) + 1);
}

function beginsWithPrefix(target: KeyConditionTarget, sk: CompiledKey, values: Record<string, unknown>, partial: boolean): string {
  const state = leading(target, sk, values, true);
  if (partial) return sk.partialPrefix(values);
  return state === 'complete' ? sk.build(values) : sk.prefix(values);
}

/** Checks the values form a leading run of the template's attributes. */
function leading(target: KeyConditionTarget, sk: CompiledKey, values: Record<string, unknown>, allowNone = false): 'complete' | 'partial' {
  const present = sk.attributes.map((a) => values[a] !== undefined && values[a] !== null);
  const firstMissing = present.indexOf(false);
  if (firstMissing === -1) return 'complete';
  if (present.indexOf(true, firstMissing) !== -1) {
    const missing = sk.attributes.slice(0, present.lastIndexOf(true)).filter((_, i) => !present[i]);
    throw new KeyError({
      message: `${sk.entity}: a sort-key condition on ${sk.index} needs ${missing.map((m) => `"${m}"`).join(', ')} (values must be given from the start of the template: ${sk.attributes.join(', ')})`,
      reason: 'missing-attribute',
      entity: sk.entity,
      index: sk.index,
      attribute: sk.keyAttribute,
      missing,
    });
  }
  if (firstMissing === 0 && !allowNone) throw sortKeyError(target, `give at least "${sk.attributes[0]}"`);
  return 'partial';
}

function sortKeyError(target: KeyConditionTarget, why: string): KeyError {
  const key = target.sk ?? target.pk;
  return new KeyError({
    message: `${key.entity}: invalid sort-key condition on ${key.index}: ${why}`,
    reason: 'missing-attribute',
    entity: key.entity,
    index: key.index,
    attribute: target.sortKeyAttribute,
    missing: target.sk?.attributes.slice(0, 1) ?? [],
  });
}
