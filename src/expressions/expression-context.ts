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
  private readonly nameToPlaceholder = new Map<string, string>();
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  private valueCount = 0;

  /** `#nX` for a name (the same name reuses its placeholder). */
  name(name: string): string {
    let placeholder = this.nameToPlaceholder.get(name);
    if (placeholder === undefined) {
      placeholder = `#n${this.nameToPlaceholder.size}`;
      this.nameToPlaceholder.set(name, placeholder);
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
    const placeholder = `:v${this.valueCount++}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  /** The maps to put on a request, omitted when empty (DynamoDB rejects empty maps). */
  toRequest(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, AttributeValue> } {
    return {
      ...(this.nameToPlaceholder.size > 0 && { ExpressionAttributeNames: this.names }),
      ...(this.valueCount > 0 && { ExpressionAttributeValues: this.values }),
    };
  }
}

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
