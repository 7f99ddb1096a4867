import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { z } from 'zod';
import { unmarshallItem } from '../marshalling/marshall.js';
import { toNative } from '../marshalling/unmarshall.js';
import { applyFields } from '../schema/storage-codec.js';
import type { EntityModel } from './entity-model.js';
import { fromStoredItem, validateRead } from './item-codec.js';

/**
 * Reads a stored item straight from its AttributeValues in one pass:
 * unmarshal, drop generated attributes, apply the precomputed storage
 * conversions, then validate with zod. Same result and same errors as
 * `fromStoredItem(model, unmarshallItem(item), schema)`, which it falls back to
 * for anything unusual (an item of another entity, an attribute named
 * `__proto__`, a malformed value), so error reporting lives in one place.
 * @internal
 */
export function readStoredItem(
  model: EntityModel,
  item: Record<string, AttributeValue>,
  schema: z.ZodType = model.schema,
): Record<string, unknown> {
  const input = readInput(model, item);
  if (input === undefined) return fromStoredItem(model, unmarshallItem(item), schema);
  return validateRead(model, input, schema);
}

function readInput(model: EntityModel, item: Record<string, AttributeValue>): Record<string, unknown> | undefined {
  if (model.readFields === undefined) return undefined; // compressed attributes: the general path decompresses
  try {
    const type = item[model.table.entityTypeAttribute];
    if (type !== undefined && toNative(type) !== model.name) return undefined;
    const generated = model.generatedAttributes;
    const input: Record<string, unknown> = {};
    for (const name in item) {
      if (name === '__proto__') return undefined;
      // Generated attributes are still unmarshalled: a malformed one must fail as before.
      const value = toNative(item[name]!);
      if (!generated.has(name)) input[name] = value;
    }
    return model.readFields.length === 0 ? input : applyFields(input, model.readFields);
  } catch {
    return undefined;
  }
}
