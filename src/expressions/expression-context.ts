import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshallValue } from '../marshalling/marshall.js';
import type { AttributePath } from './attribute-path.js';

/**
 * Collects placeholders while expressions are compiled. Every attribute name
 * becomes `#nX` and every value `:vX`: user data never enters an expression
 * string. One context is shared by all expressions of a request (condition,
 * update, projection …) because DynamoDB takes one name map and one value map.
 */
export class ExpressionContext {
  // Names seen so far, in placeholder order: a linear scan beats a Map for the few names of a request.
  private readonly seen: string[] = [];
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  private valueCount = 0;

  /** `#nX` for a name (the same name reuses its placeholder). */
  name(name: string): string {
    const seen = this.seen;
    for (let i = 0; i < seen.length; i++) if (seen[i] === name) return namePlaceholder(i);
    if (seen.length >= SCAN_LIMIT) return this.manyNames(name);
    const placeholder = namePlaceholder(seen.length);
    seen.push(name);
    this.names[placeholder] = name;
    return placeholder;
  }

  private byName: Map<string, string> | undefined;

  /** Past {@link SCAN_LIMIT} names (long projections), a Map keeps each lookup constant-time. */
  private manyNames(name: string): string {
    if (this.byName === undefined) {
      this.byName = new Map();
      for (let i = 0; i < this.seen.length; i++) this.byName.set(this.seen[i]!, namePlaceholder(i));
    }
    let placeholder = this.byName.get(name);
    if (placeholder === undefined) {
      placeholder = namePlaceholder(this.byName.size);
      this.byName.set(name, placeholder);
      this.names[placeholder] = name;
    }
    return placeholder;
  }

  /** `#n0.#n1[3]` for a path. */
  path(path: AttributePath): string {
    let out = '';
    for (const segment of path) {
      out += typeof segment === 'number' ? `[${segment}]` : out === '' ? this.name(segment) : `.${this.name(segment)}`;
    }
    return out;
  }

  /** `:vX` for a JS value (marshalled). */
  value(value: unknown): string {
    return this.rawValue(marshallValue(value !== null && typeof value === 'object' ? datesToIso(value) : value));
  }

  /** `:vX` for an already marshalled value. */
  rawValue(value: AttributeValue): string {
    const placeholder = valuePlaceholder(this.valueCount++);
    this.values[placeholder] = value;
    return placeholder;
  }

  /** The maps to put on a request, omitted when empty (DynamoDB rejects empty maps). */
  toRequest(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, AttributeValue> } {
    return this.addTo({});
  }

  /** Sets the maps on `input` (only those that are not empty), without an intermediate object. */
  addTo<T extends object>(input: T): T & { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, AttributeValue> } {
    const out = input as { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, AttributeValue> };
    if (this.seen.length > 0) out.ExpressionAttributeNames = this.names;
    if (this.valueCount > 0) out.ExpressionAttributeValues = this.values;
    return input as never;
  }
}

/** Names scanned linearly before a Map takes over. */
const SCAN_LIMIT = 32;
/** The first placeholders, built once (on first use, nothing at import) instead of per request. */
const CACHED_PLACEHOLDERS = 32;
const NAME_PLACEHOLDERS: string[] = [];
const VALUE_PLACEHOLDERS: string[] = [];
const namePlaceholder = (i: number): string => (i < CACHED_PLACEHOLDERS ? (NAME_PLACEHOLDERS[i] ??= `#n${i}`) : `#n${i}`);
const valuePlaceholder = (i: number): string => (i < CACHED_PLACEHOLDERS ? (VALUE_PLACEHOLDERS[i] ??= `:v${i}`) : `:v${i}`);

/** Dates nested in maps and lists are stored as ISO strings, like top-level ones. */
function datesToIso(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.some((v) => v !== null && typeof v === 'object') ? value.map(datesToIso) : value;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = datesToIso(v);
    return out;
  }
  return value;
}
