import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { z } from 'zod';
import { decodeDate } from '../keys/date-encoding.js';
import { splitKey } from '../keys/escape.js';
import type { CompiledKey } from '../keys/key-template.js';
import { decodeNumber } from '../keys/number-encoding.js';
import type { EntityModel } from '../model/entity-model.js';
import { kindOf } from '../schema/zod-def.js';

/**
 * Reads an entity's typed primary-key values back out of a record's stored
 * keys (`pk: 'ORDER#o1'` → `{ orderId: 'o1' }`), for records without images
 * (KEYS_ONLY streams, an INSERT under OLD_IMAGE). Each template is compiled
 * once into its segment layout; a key is accepted only when its values parse
 * with the schema AND rebuild to exactly the stored key, so a match is never a
 * guess, whatever the encodings.
 * @internal
 */
export interface KeyReader {
  /** The primary-key values, or `undefined` when the stored keys are not this entity's. */
  read(keys: Readonly<Record<string, AttributeValue>>): Record<string, unknown> | undefined;
}

type Segment = { readonly static: string } | { readonly attribute: string };

/** Compiles the key reader of an entity (definition time). @internal */
export function compileKeyReader(model: EntityModel): KeyReader {
  const { primary, shape } = model;
  const parts: Array<{ attribute: string; key: CompiledKey; layout: Segment[] }> = [
    { attribute: primary.partitionKeyAttribute, key: primary.pk, layout: layoutOf(primary.pk, model.table.delimiter, shape) },
  ];
  if (primary.sk) parts.push({ attribute: primary.sortKeyAttribute!, key: primary.sk, layout: layoutOf(primary.sk, model.table.delimiter, shape) });
  const delimiter = model.table.delimiter;
  return {
    read(keys) {
      const values: Record<string, unknown> = {};
      for (const part of parts) {
        const stored = keys[part.attribute]?.S;
        if (typeof stored !== 'string') return undefined;
        const segments = splitKey(stored, delimiter);
        if (segments.length !== part.layout.length) return undefined;
        for (let i = 0; i < segments.length; i++) {
          const slot = part.layout[i]!;
          if ('static' in slot) {
            if (segments[i] !== slot.static) return undefined;
          } else {
            const value = decodeSegment(segments[i]!, shape[slot.attribute]!);
            if (value === undefined) return undefined;
            values[slot.attribute] = value;
          }
        }
      }
      for (const part of parts) if (part.key.tryBuild(values) !== keys[part.attribute]!.S) return undefined;
      return values;
    },
  };
}

/**
 * Which template segments are static text and which hold an attribute: build
 * the key twice with different values of each attribute's kind; the segments
 * that differ hold the attributes, in template order.
 */
function layoutOf(key: CompiledKey, delimiter: string, shape: Readonly<Record<string, z.ZodType>>): Segment[] {
  const probe = (which: 0 | 1) => {
    const values: Record<string, unknown> = {};
    for (const attribute of key.attributes) values[attribute] = probeValue(kindOf(shape[attribute]!), which);
    return splitKey(key.build(values), delimiter);
  };
  const a = probe(0);
  const b = probe(1);
  let next = 0;
  return a.map((segment, i) => (segment === b[i] ? { static: segment } : { attribute: key.attributes[next++]! }));
}

function probeValue(kind: string, which: 0 | 1): unknown {
  switch (kind) {
    case 'number':
      return which + 1;
    case 'bigint':
      return BigInt(which + 1);
    case 'date':
      return new Date(Date.UTC(2000, 0, 1 + which));
    case 'boolean':
      return which === 1;
    default:
      return which === 0 ? 'a' : 'b';
  }
}

/** Decodes one key segment as the field's schema says; `undefined` when it does not parse. */
function decodeSegment(segment: string, schema: z.ZodType): unknown {
  for (const candidate of candidates(segment, kindOf(schema))) {
    const parsed = schema.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

function candidates(segment: string, kind: string): unknown[] {
  const number = () => {
    try {
      return decodeNumber(segment);
    } catch {
      return undefined;
    }
  };
  switch (kind) {
    case 'number':
      return [number()];
    case 'bigint': {
      const n = number();
      return n !== undefined && Number.isSafeInteger(n) ? [BigInt(n)] : [];
    }
    case 'date':
      try {
        return [decodeDate(segment)];
      } catch {
        return [];
      }
    case 'boolean':
      return segment === 'true' ? [true] : segment === 'false' ? [false] : [];
    case 'literal':
      return [segment, number(), segment === 'true' ? true : segment === 'false' ? false : undefined];
    default:
      return [segment];
  }
}
