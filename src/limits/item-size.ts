import { ValidationError, type ValidationIssue } from '../errors.js';
import { utf8Length } from './utf8-length.js';
import { checkName, valueSize } from './value-size.js';

/** DynamoDB's item size limit: 400 KB = 409,600 bytes (measured exact on DynamoDB Local). */
export const ITEM_SIZE_LIMIT = 409_600;

/** One top-level attribute's share of an item: UTF-8 name bytes + value bytes. */
export interface AttributeSize {
  readonly attribute: string;
  readonly size: number;
}

/** An item's size with its per-attribute breakdown (largest first). */
export interface ItemSizeBreakdown {
  readonly size: number;
  readonly attributes: readonly AttributeSize[];
  /** Values DynamoDB would refuse (bad numbers, empty sets …), with their paths. */
  readonly issues: readonly ValidationIssue[];
}

/**
 * Size in bytes of a plain JS item (the form you pass to `marshall`, or get
 * from `unmarshall`) toward DynamoDB's 400 KB limit, following AWS's rules:
 * UTF-8 names and strings, base-100 numbers, raw binary, 1 byte for booleans
 * and nulls, 3 bytes per map/list plus 1 per element, sets as the sum of their
 * elements. `undefined` attributes are not stored and count 0. Dates count as
 * their ISO-8601 text (how tablewright stores them). Strings, names and map
 * keys with a lone UTF-16 surrogate have no size (no UTF-8 form): they are
 * reported as issues, never counted as U+FFFD.
 *
 * For marshalled items (`{ name: { S: '…' } }`) use {@link marshalledItemSize}:
 * the two forms cannot be told apart reliably, so there is one function each.
 *
 * Throws {@link ValidationError} when the item holds a value DynamoDB cannot
 * store (NaN, an empty set …); use {@link itemSizeBreakdown} to get those as data.
 */
export function itemSize(item: Readonly<Record<string, unknown>>): number {
  const issues: ValidationIssue[] = [];
  const size = measureItem(item, issues);
  if (issues.length > 0) throw new ValidationError({ entity: '(item)', issues, direction: 'write' });
  return size;
}

/** Total size without the per-attribute breakdown (cheaper); issues are appended to `issues`. @internal */
export function measureItem(item: Readonly<Record<string, unknown>>, issues: ValidationIssue[]): number {
  const path: PropertyKey[] = [];
  let size = 0;
  for (const name in item) {
    path.push(name);
    const s = valueSize(item[name], path, issues);
    if (s >= 0) checkName(name, path, issues);
    path.pop();
    if (s >= 0) size += utf8Length(name) + s;
  }
  return size;
}

/** Like {@link itemSize}, with each top-level attribute's size (largest first) and any issues. */
export function itemSizeBreakdown(item: Readonly<Record<string, unknown>>): ItemSizeBreakdown {
  const issues: ValidationIssue[] = [];
  const path: PropertyKey[] = [];
  const attributes: AttributeSize[] = [];
  let size = 0;
  for (const name in item) {
    path.push(name);
    const s = valueSize(item[name], path, issues);
    if (s >= 0) checkName(name, path, issues);
    path.pop();
    if (s < 0) continue;
    const total = utf8Length(name) + s;
    attributes.push({ attribute: name, size: total });
    size += total;
  }
  attributes.sort((a, b) => b.size - a.size);
  return { size, attributes, issues };
}
