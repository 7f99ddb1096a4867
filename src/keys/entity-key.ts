import type { z } from 'zod';
import { ConfigurationError } from '../errors.js';
import { compileKeyTemplate, type CompiledKey, type KeyTemplate } from './key-template.js';
import { keyKindsOf, type KeyKind } from './key-kind.js';
import { resembles } from './near-miss.js';

/**
 * Compiles one key template of an entity against its schema, refusing at
 * definition time what would silently build wrong keys:
 * - an attribute whose schema cannot be part of a key (objects, sets, transforms …);
 * - an attribute whose schema admits more than one primitive kind
 *   (`z.literal([0, '8000000000000000'])`, `z.enum({ A: 0, B: 'x' })`,
 *   `z.union([z.string(), z.number()])`): their encodings can coincide, so
 *   two different values would share one key;
 * - a plain static segment that resembles an attribute the template does
 *   not use (keyable or not, like the compile-time check in template-types.ts;
 *   see {@link resembles}): most likely a typo that would give every item
 *   the same key. A segment that resembles an attribute the same
 *   template uses is that attribute's label (`['STATUS', 'status']`) and is
 *   fine; `{ static: 'tenantID' }` states the intent where the rule is wrong.
 * Each attribute's single kind is then checked on every key built.
 * @internal
 */
export function compileEntityKey(args: {
  template: KeyTemplate;
  shape: Readonly<Record<string, z.ZodType>>;
  delimiter: string;
  keyAttribute: string;
  role: 'partition' | 'sort';
  index: string;
  entity: string;
}): CompiledKey {
  const { template, shape, entity, index, keyAttribute } = args;
  const fail = (message: string): never => {
    throw new ConfigurationError(`Entity ${entity}: ${message}`);
  };
  const isAttribute = (segment: string) => Object.prototype.hasOwnProperty.call(shape, segment);
  if (!Array.isArray(template) || template.length === 0) fail(`key template for ${index}.${keyAttribute} must be a non-empty array`);

  const kinds = new Map<string, KeyKind>();
  for (const segment of template) {
    if (typeof segment !== 'string' || !isAttribute(segment)) continue;
    const admitted = keyKindsOf(shape[segment]!);
    if (!admitted) {
      fail(`attribute "${segment}" cannot be part of a key (${index}.${keyAttribute}): use strings, numbers, bigints, dates, booleans, or enums, literals and unions of one of them`);
    } else if (admitted.size !== 1) {
      fail(
        `attribute "${segment}" admits ${[...admitted].join(' and ')} values and cannot be part of a key (${index}.${keyAttribute}): ` +
          'values of different kinds can encode to the same key; give the key attribute a single kind (e.g. map it to a string)',
      );
    } else {
      kinds.set(segment, [...admitted][0]!);
    }
  }

  // Every attribute counts, keyable or not, as in the compile-time check (a "META" next to a map `meta` is as suspicious).
  const attributes = Object.keys(shape);
  for (const segment of template) {
    if (typeof segment !== 'string' || isAttribute(segment)) continue;
    const similar = attributes.filter((attribute) => resembles(segment, attribute));
    // A segment resembling an attribute the template uses is that attribute's label (['STATUS', 'status']).
    const like = similar.some((attribute) => kinds.has(attribute)) ? undefined : similar[0];
    if (like !== undefined) {
      fail(
        `static key segment "${segment}" in ${index}.${keyAttribute} looks like attribute "${like}" (a typo would give every item the same key); ` +
          `write "${like}" to use the attribute, or { static: ${JSON.stringify(segment)} } if the text is meant`,
      );
    }
  }

  return compileKeyTemplate({ ...args, isAttribute, kindOf: (attribute) => kinds.get(attribute) });
}
