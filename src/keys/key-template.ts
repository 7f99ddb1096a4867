import { ConfigurationError, KeyError } from '../errors.js';
import { encodeDate } from './date-encoding.js';
import { escapeSegment } from './escape.js';
import { encodeNumber } from './number-encoding.js';

/**
 * A key template: static segments and entity attribute names, joined by the
 * table's delimiter. A segment that names an attribute of the entity's schema
 * is replaced by that attribute's (escaped or order-preserving encoded) value;
 * any other segment is static text.
 *
 * @example `['ORG', 'orgId', 'USER', 'userId']` → `ORG#acme#USER#u1`
 */
export type KeyTemplate<Attr extends string = string> = readonly (Attr | (string & {}))[];

/** Byte limits of key values (AWS). */
export const PARTITION_KEY_MAX_BYTES = 2048;
export const SORT_KEY_MAX_BYTES = 1024;

type Part = { readonly static: string } | { readonly attribute: string };

/** A key template compiled against an entity. Built once at definition time. @internal */
export interface CompiledKey {
  /** The table attribute this key is stored in (e.g. `pk`, `gsi1sk`). */
  readonly keyAttribute: string;
  readonly role: 'partition' | 'sort';
  /** `'primary'` or the index name. */
  readonly index: string;
  readonly entity: string;
  /** Entity attributes the template needs, in template order. */
  readonly attributes: readonly string[];
  /** Builds the full key; throws {@link KeyError} when an attribute is missing or invalid. */
  build(values: Readonly<Record<string, unknown>>): string;
  /** Builds the key, or returns `undefined` when any attribute is absent (sparse indexes). */
  tryBuild(values: Readonly<Record<string, unknown>>): string | undefined;
  /**
   * Builds the longest prefix the given values determine: every leading part up
   * to the first absent attribute, ending with the delimiter so that a
   * `begins_with` matches whole segments only. With all values present, the full key.
   */
  prefix(values: Readonly<Record<string, unknown>>): string;
  /** Attributes of the template that `values` lacks. */
  missing(values: Readonly<Record<string, unknown>>): string[];
}

/** Compiles a template. `isAttribute` tells attribute names from static text. @internal */
export function compileKeyTemplate(args: {
  template: KeyTemplate;
  isAttribute: (segment: string) => boolean;
  delimiter: string;
  keyAttribute: string;
  role: 'partition' | 'sort';
  index: string;
  entity: string;
}): CompiledKey {
  const { template, delimiter, keyAttribute, role, index, entity } = args;
  if (!Array.isArray(template) || template.length === 0) {
    throw new ConfigurationError(`${entity}: key template for ${index}.${keyAttribute} must be a non-empty array`);
  }
  const parts: Part[] = template.map((segment) =>
    args.isAttribute(segment) ? { attribute: segment } : { static: escapeSegment(segment, delimiter) },
  );
  const attributes = parts.flatMap((p) => ('attribute' in p ? [p.attribute] : []));
  const limit = role === 'partition' ? PARTITION_KEY_MAX_BYTES : SORT_KEY_MAX_BYTES;

  const encode = (attribute: string, value: unknown): string => {
    switch (typeof value) {
      case 'string':
        // An empty value would leave an empty key segment; DynamoDB refuses empty key strings outright.
        if (value.length === 0) {
          throw new KeyError({
            message: `${entity}: attribute "${attribute}" is an empty string; ${index} key ${keyAttribute} cannot contain empty values`,
            reason: 'empty',
            entity,
            index,
            attribute,
          });
        }
        return escapeSegment(value, delimiter);
      case 'number':
        if (!Number.isFinite(value)) throw invalid(attribute, `${value} is not a finite number`);
        return encodeNumber(value);
      case 'boolean':
        return value ? 'true' : 'false';
      case 'bigint':
        if (value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)) {
          return encodeNumber(Number(value));
        }
        throw invalid(attribute, 'bigint outside the safe integer range cannot be encoded in order');
      default:
        if (value instanceof Date) {
          try {
            return encodeDate(value);
          } catch (cause) {
            throw invalid(attribute, (cause as Error).message);
          }
        }
        throw invalid(attribute, `values of type ${value === null ? 'null' : typeof value} cannot be part of a key`);
    }
  };

  const invalid = (attribute: string, why: string) =>
    new KeyError({
      message: `${entity}: attribute "${attribute}" cannot be used in ${index} key ${keyAttribute}: ${why}`,
      reason: 'invalid-value',
      entity,
      index,
      attribute,
    });

  const check = (key: string): string => {
    if (key.length === 0) {
      throw new KeyError({
        message: `${entity}: ${index} key ${keyAttribute} would be an empty string (DynamoDB refuses empty key values)`,
        reason: 'empty',
        entity,
        index,
        attribute: keyAttribute,
      });
    }
    // A UTF-16 unit is at most 3 UTF-8 bytes: only long keys need the exact count.
    if (key.length * 3 > limit) {
      const size = Buffer.byteLength(key, 'utf8');
      if (size > limit) {
        throw new KeyError({
          message: `${entity}: ${index} key ${keyAttribute} is ${size} bytes; DynamoDB allows at most ${limit} bytes for a ${role} key`,
          reason: 'too-large',
          entity,
          index,
          attribute: keyAttribute,
          size,
          limit,
        });
      }
    }
    return key;
  };

  const join = (values: Readonly<Record<string, unknown>>, stopAtMissing: boolean): string | undefined => {
    let out = '';
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      let text: string;
      if ('static' in part) {
        text = part.static;
      } else {
        const value = values[part.attribute];
        if (value === undefined || value === null) {
          return stopAtMissing ? out : undefined;
        }
        text = encode(part.attribute, value);
      }
      out = i === 0 ? text : out + delimiter + text;
      if (stopAtMissing && i < parts.length - 1) {
        // the delimiter belongs to the prefix only if something follows it
        const next = parts[i + 1]!;
        if ('attribute' in next && (values[next.attribute] === undefined || values[next.attribute] === null)) {
          return out + delimiter;
        }
      }
    }
    return out;
  };

  const missing = (values: Readonly<Record<string, unknown>>) =>
    attributes.filter((a) => values[a] === undefined || values[a] === null);

  return {
    keyAttribute,
    role,
    index,
    entity,
    attributes,
    build(values) {
      const key = join(values, false);
      if (key === undefined) {
        const absent = missing(values);
        throw new KeyError({
          message: `${entity}: ${index} key ${keyAttribute} needs ${absent.map((a) => `"${a}"`).join(', ')}`,
          reason: 'missing-attribute',
          entity,
          index,
          attribute: keyAttribute,
          missing: absent,
        });
      }
      return check(key);
    },
    tryBuild(values) {
      const key = join(values, false);
      return key === undefined ? undefined : check(key);
    },
    prefix(values) {
      return join(values, true) ?? '';
    },
    missing,
  };
}
