import { describeInput, readingInput, thrownMessage } from '../errors/hostile-input.js';
import { ConfigurationError, KeyError } from '../errors.js';
import { encodeDate } from './date-encoding.js';
import { escapeSegment } from './escape.js';
import { isOfKind, type KeyKind } from './key-kind.js';
import { encodeNumber } from './number-encoding.js';
import { describeLoneSurrogate, isWellFormed } from './well-formed.js';

/**
 * A key template: static segments and entity attribute names, joined by the
 * table's delimiter. A segment that names an attribute of the entity's schema
 * is replaced by that attribute's (escaped or order-preserving encoded) value;
 * any other segment is static text.
 *
 * Definition-time checks (`ConfigurationError`):
 * - A plain static segment that looks like a keyable attribute the template
 *   does not use is refused as a likely typo (`'tenantID'` next to a
 *   `tenantId` field would give every tenant the same key): equal after
 *   lower-casing and dropping `_ - .` and spaces, or within edit distance 1
 *   (attribute names of 5–9 such characters) or 2 (10 and more). A label
 *   resembling an attribute the same template uses (`['STATUS', 'status']`)
 *   is fine. When the text is meant, write {@link StaticSegment}
 *   `{ static: 'tenantID' }`; the stored key is the same as before, so
 *   templates refused by this check migrate without rewriting data. If it
 *   was a typo, the items written so far share one key: fix the template and
 *   rewrite them.
 * - An attribute whose schema admits more than one primitive kind
 *   (`z.literal([0, '0'])`, `z.enum({ A: 0, B: 'x' })`, `z.union([z.string(), z.number()])`)
 *   is refused: values of different kinds could encode to the same key.
 *   Give the attribute one kind (e.g. map it to a string) and rewrite its items.
 *
 * Each attribute value must have the attribute's kind when a key is built
 * (`get({ n: '1' })` on a number attribute is a `KeyError`, never converted).
 *
 * @example `['ORG', 'orgId', 'USER', 'userId']` → `ORG#acme#USER#u1`
 */
export type KeyTemplate<Attr extends string = string> = readonly (Attr | (string & {}) | StaticSegment)[];

/**
 * A segment that is static text even when it looks like (or equals) an
 * attribute name: `['TENANT', { static: 'tenantID' }, 'tenantId']`. Stored
 * exactly like the plain string segment would be.
 */
export interface StaticSegment {
  /** The text, stored verbatim (escaped like every segment). */
  readonly static: string;
}

/** Byte limits of key values (AWS). */
export const PARTITION_KEY_MAX_BYTES = 2048;
export const SORT_KEY_MAX_BYTES = 1024;

type Part = { readonly static: string } | { readonly attribute: string; readonly kind: KeyKind | undefined };

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
  /**
   * Like {@link CompiledKey.prefix}, but the last attribute given is a string
   * prefix of that attribute (`beginsWith(…, { partial: true })`): its escaped
   * text ends the prefix, with no delimiter after it. Throws {@link KeyError}
   * when no attribute is given or the last one is not a string attribute.
   */
  partialPrefix(values: Readonly<Record<string, unknown>>): string;
  /** Attributes of the template that `values` lacks. */
  missing(values: Readonly<Record<string, unknown>>): string[];
  /**
   * The template's structure (static text, attribute names and kinds): equal
   * signatures build equal keys from equal values. @internal
   */
  readonly signature: string;
}

/**
 * Compiles a template. `isAttribute` tells attribute names from static text;
 * `kindOf`, when given, is the one kind each attribute's values must have
 * (checked on every build, so a `'1'` for a number key is a {@link KeyError},
 * not a different key). @internal
 */
export function compileKeyTemplate(args: {
  template: KeyTemplate;
  isAttribute: (segment: string) => boolean;
  kindOf?: (attribute: string) => KeyKind | undefined;
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
  const parts: Part[] = template.map((segment) => {
    const text = typeof segment === 'string' ? segment : segment?.static;
    if (typeof text !== 'string') {
      throw new ConfigurationError(`${entity}: key template segments of ${index}.${keyAttribute} must be strings or { static: string }`);
    }
    if (!isWellFormed(text)) {
      throw new ConfigurationError(`${entity}: static key segment ${JSON.stringify(text)} of ${index}.${keyAttribute} holds ${describeLoneSurrogate(text)}`);
    }
    if (typeof segment === 'string' && args.isAttribute(segment)) return { attribute: segment, kind: args.kindOf?.(segment) };
    return { static: escapeSegment(text, delimiter) };
  });
  const attributes = parts.flatMap((p) => ('attribute' in p ? [p.attribute] : []));
  const limit = role === 'partition' ? PARTITION_KEY_MAX_BYTES : SORT_KEY_MAX_BYTES;

  const encode = (part: { attribute: string; kind: KeyKind | undefined }, value: unknown): string => {
    const { attribute, kind } = part;
    if (kind !== undefined && !isOfKind(kind, value)) {
      throw invalid(attribute, `expected ${kind === 'date' ? 'a Date' : `a ${kind}`}, got ${describeValue(value)} (key values are never converted)`);
    }
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
        if (!isWellFormed(value)) throw invalid(attribute, describeLoneSurrogate(value));
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

  // Key values come from callers, possibly untyped: a key that is no object, or a getter or proxy that throws, is a KeyError.
  const keyObject = (values: unknown): Readonly<Record<string, unknown>> => {
    if (values === null || typeof values !== 'object' || Array.isArray(values)) {
      throw new KeyError({
        message: `${entity}: a key must be an object of attribute values (${attributes.map((a) => `"${a}"`).join(', ')}), got ${describeInput(values)}`,
        reason: 'invalid-value',
        entity,
        index,
        attribute: keyAttribute,
      });
    }
    return values as Readonly<Record<string, unknown>>;
  };
  const unreadable = (cause: unknown) =>
    new KeyError({
      message: `${entity}: the key values for ${index} key ${keyAttribute} could not be read (${thrownMessage(cause)})`,
      reason: 'invalid-value',
      entity,
      index,
      attribute: keyAttribute,
      cause,
    });
  const join = (values: Readonly<Record<string, unknown>>, stopAtMissing: boolean): string | undefined =>
    readingInput(() => joinParts(keyObject(values), stopAtMissing), unreadable);
  const joinParts = (values: Readonly<Record<string, unknown>>, stopAtMissing: boolean): string | undefined => {
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
        text = encode(part, value);
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
    readingInput(() => attributes.filter((a) => keyObject(values)[a] === undefined || values[a] === null), unreadable);
  const signature = parts.map((p) => ('static' in p ? `s:${p.static}` : `a:${p.attribute}:${p.kind ?? '*'}`)).join('\u0000');

  const partialPrefix = (values: Readonly<Record<string, unknown>>): string => readingInput(() => partialPrefixOf(keyObject(values)), unreadable);
  const partialPrefixOf = (values: Readonly<Record<string, unknown>>): string => {
    const given = parts.filter((p): p is Extract<Part, { attribute: string }> => 'attribute' in p && values[p.attribute] !== undefined && values[p.attribute] !== null);
    const last = given[given.length - 1];
    if (last === undefined) {
      throw new KeyError({
        message: `${entity}: beginsWith with partial: true on ${index} needs at least one attribute value`,
        reason: 'missing-attribute',
        entity,
        index,
        attribute: keyAttribute,
        missing: attributes.slice(0, 1),
      });
    }
    const text = values[last.attribute];
    if (typeof text !== 'string' || (last.kind !== undefined && last.kind !== 'string')) {
      throw invalid(last.attribute, `a partial (prefix) value needs a string attribute and a string value, got ${describeValue(text)}`);
    }
    if (!isWellFormed(text)) throw invalid(last.attribute, describeLoneSurrogate(text));
    const rest = { ...values };
    delete rest[last.attribute];
    return (join(rest, true) ?? '') + escapeSegment(text, delimiter);
  };

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
    partialPrefix,
    missing,
    signature,
  };
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') {
    try {
      if (value instanceof Date) return 'a Date';
      return Array.isArray(value) ? 'an array' : 'an object';
    } catch {
      return 'an object'; // a proxy whose traps throw
    }
  }
  return describeInput(value);
}
