import { ItemTooLargeError, ValidationError, type ValidationIssue } from '../errors.js';
import { ITEM_SIZE_LIMIT, type AttributeSize } from './item-size.js';
import { utf8Length } from './utf8-length.js';
import { checkName, valueSize } from './value-size.js';
import { isWellFormed } from '../keys/well-formed.js';

/** A value an update writes at a path (`SET path = value`, `ADD path value` …). */
export interface UpdateAssignment {
  /** Path segments; a string for a top-level attribute. */
  readonly path: string | readonly PropertyKey[];
  /** The plain value written (as stored: after date conversion or compression). */
  readonly value: unknown;
}

/**
 * Checks the values an update writes, before it is sent. An update's final
 * size is only known to DynamoDB (it depends on the stored item), but every
 * value written ends up in the item together with its key, so
 * `key + Σ(values written)` is a lower bound: when it is over 409,600 bytes
 * the update cannot succeed and {@link ItemTooLargeError} is thrown, listing
 * the largest values. Values DynamoDB refuses (NaN, out-of-range numbers,
 * empty sets …) throw {@link ValidationError} with their paths.
 * DynamoDB's own rejection of a grown item is mapped to `ItemTooLargeError`
 * by the error mapper.
 *
 * @param key - the stored key attributes (e.g. `{ pk: 'ORG#1', sk: 'USER#2' }`)
 * @returns the lower bound in bytes
 */
export function checkUpdateSizes(
  entity: string,
  key: Readonly<Record<string, unknown>>,
  assignments: Iterable<UpdateAssignment>,
  context?: { readonly keyValues?: Readonly<Record<string, unknown>> },
): number {
  // Read twice when over the limit (for the error's largest parts): a one-shot iterable is kept.
  const list = Array.isArray(assignments) ? (assignments as readonly UpdateAssignment[]) : [...assignments];
  const issues: ValidationIssue[] = [];
  let total = 0;
  for (const name in key) total += utf8Length(name) + Math.max(0, valueSize(key[name], [name], issues));
  for (const { path, value } of list) {
    const size = assignmentSize(path, value, issues);
    if (size >= 0) total += size;
  }
  const where = context?.keyValues ?? key;
  if (issues.length > 0) throw new ValidationError({ entity, key: where, issues, direction: 'write' });
  if (total > ITEM_SIZE_LIMIT) throw new ItemTooLargeError({ entity, key: where, size: total, limit: ITEM_SIZE_LIMIT, largest: largestSizes(key, list) });
  return total;
}

/**
 * What one assignment adds to the item (its value, plus its name when
 * top-level or its map key when nested), or -1 for a value not stored.
 * Paths are copied only where the walk needs a scratch stack (a container
 * value) or an issue names them: this runs for every value of every update.
 */
function assignmentSize(path: string | readonly PropertyKey[], value: unknown, issues: ValidationIssue[]): number {
  const segments = typeof path === 'string' ? [path] : path;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (typeof segment === 'string' && !isWellFormed(segment)) checkName(segment, segments.slice(0, i + 1), issues);
  }
  const s = valueSize(value, value !== null && typeof value === 'object' ? [...segments] : (segments as PropertyKey[]), issues);
  if (s < 0) return -1;
  // A top-level value brings its name; a nested one at least its map key or list slot.
  const last = segments[segments.length - 1];
  return s + (typeof last === 'string' ? utf8Length(last) : 0);
}

/** The five largest parts of an update over the limit, for its error (computed only then). */
function largestSizes(key: Readonly<Record<string, unknown>>, assignments: readonly UpdateAssignment[]): AttributeSize[] {
  const scratch: ValidationIssue[] = [];
  const sizes: AttributeSize[] = [];
  for (const name in key) sizes.push({ attribute: name, size: utf8Length(name) + Math.max(0, valueSize(key[name], [name], scratch)) });
  for (const { path, value } of assignments) {
    const size = assignmentSize(path, value, scratch);
    if (size >= 0) sizes.push({ attribute: (typeof path === 'string' ? [path] : path).map(String).join('.'), size });
  }
  sizes.sort((a, b) => b.size - a.size);
  return sizes.slice(0, 5);
}

/** What the update check reads of an entity model (structural: limits sit below the model). @internal */
export interface SizedEntity {
  readonly name: string;
  readonly primary: {
    readonly partitionKeyAttribute: string;
    readonly sortKeyAttribute: string | undefined;
    readonly pk: { build(values: Readonly<Record<string, unknown>>): string };
    readonly sk: { build(values: Readonly<Record<string, unknown>>): string } | undefined;
  };
  readonly primaryAttributes: ReadonlySet<string>;
}

/**
 * {@link checkUpdateSizes} for an entity: builds the stored primary key from
 * the entity's key values. For the update operation; call it with the values
 * as stored (after `model.toStorage`, so compressed attributes count compressed).
 * @internal
 */
export function checkEntityUpdate(
  model: SizedEntity,
  key: Readonly<Record<string, unknown>>,
  assignments: Iterable<UpdateAssignment>,
  storedKey?: Readonly<Record<string, { readonly S?: string | undefined }>>,
): number {
  const { primary } = model;
  // The request's marshalled Key when the caller has built it (key templates build strings), else built here.
  const pk = storedKey?.[primary.partitionKeyAttribute]?.S ?? primary.pk.build(key);
  const stored: Record<string, unknown> = { [primary.partitionKeyAttribute]: pk };
  if (primary.sk && primary.sortKeyAttribute) stored[primary.sortKeyAttribute] = storedKey?.[primary.sortKeyAttribute]?.S ?? primary.sk.build(key);
  const keyValues: Record<string, unknown> = {};
  for (const attribute of model.primaryAttributes) keyValues[attribute] = key[attribute];
  return checkUpdateSizes(model.name, stored, assignments, { keyValues });
}
