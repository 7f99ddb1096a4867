import { ItemTooLargeError, ValidationError, type ValidationIssue } from '../errors.js';
import { ITEM_SIZE_LIMIT, type AttributeSize } from './item-size.js';
import { utf8Length } from './utf8-length.js';
import { checkName, valueSize } from './value-size.js';

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
  const issues: ValidationIssue[] = [];
  const sizes: AttributeSize[] = [];
  let total = 0;
  for (const name in key) {
    const s = utf8Length(name) + Math.max(0, valueSize(key[name], [name], issues));
    sizes.push({ attribute: name, size: s });
    total += s;
  }
  for (const { path, value } of assignments) {
    const segments = typeof path === 'string' ? [path] : [...path];
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      if (typeof segment === 'string') checkName(segment, segments.slice(0, i + 1), issues);
    }
    const s = valueSize(value, segments, issues);
    if (s < 0) continue;
    // A top-level value brings its name; a nested one at least its map key or list slot.
    const last = segments[segments.length - 1];
    const extra = typeof last === 'string' ? utf8Length(last) : 0;
    const size = s + extra;
    sizes.push({ attribute: segments.map(String).join('.'), size });
    total += size;
  }
  const where = context?.keyValues ?? key;
  if (issues.length > 0) throw new ValidationError({ entity, key: where, issues, direction: 'write' });
  if (total > ITEM_SIZE_LIMIT) {
    sizes.sort((a, b) => b.size - a.size);
    throw new ItemTooLargeError({ entity, key: where, size: total, limit: ITEM_SIZE_LIMIT, largest: sizes.slice(0, 5) });
  }
  return total;
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
): number {
  const { primary } = model;
  const stored: Record<string, unknown> = { [primary.partitionKeyAttribute]: primary.pk.build(key) };
  if (primary.sk && primary.sortKeyAttribute) stored[primary.sortKeyAttribute] = primary.sk.build(key);
  const keyValues: Record<string, unknown> = {};
  for (const attribute of model.primaryAttributes) keyValues[attribute] = key[attribute];
  return checkUpdateSizes(model.name, stored, assignments, { keyValues });
}
