import type { z } from 'zod';
import { defOf, unwrap } from './zod-def.js';

/** The schema found at a document path, and how its last step was reached. @internal */
export interface SchemaAtPath {
  readonly schema: z.ZodType;
  /** The field or element schema as declared (with its optional/default wrapper). */
  readonly declared: z.ZodType;
  /** `'field'` for an object property, `'element'` for a list index, `'entry'` for a record key. */
  readonly via: 'field' | 'element' | 'entry';
}

/**
 * Walks a zod object shape along a path (`['profile', 'address', 'city']`,
 * `['items', 2, 'qty']`, `['byName', 'any key']` for records). Returns
 * `undefined` when the schema has no such path, including paths that go
 * through a union or another shape that cannot be routed statically.
 * @internal
 */
export function schemaAtPath(shape: Readonly<Record<string, z.ZodType>>, path: readonly (string | number)[]): SchemaAtPath | undefined {
  const first = path[0];
  if (typeof first !== 'string' || !Object.prototype.hasOwnProperty.call(shape, first)) return undefined;
  let declared = shape[first]!;
  let via: SchemaAtPath['via'] = 'field';
  // By index: a rest copy of the path would allocate on every update.
  for (let i = 1; i < path.length; i++) {
    const segment = path[i]!;
    // zod drops a `__proto__` key from every record and object it parses: no schema can hold one.
    if (segment === '__proto__') return undefined;
    const def = defOf(unwrap(declared));
    let next: z.ZodType | undefined;
    if (typeof segment === 'number') {
      if (def.type === 'array') next = def.element;
      else if (def.type === 'tuple') next = (def as { items?: z.ZodType[] }).items?.[segment];
      via = 'element';
    } else if (def.type === 'object') {
      next = def.shape && Object.prototype.hasOwnProperty.call(def.shape, segment) ? def.shape[segment] : undefined;
      via = 'field';
    } else if (def.type === 'record') {
      next = def.valueType;
      via = 'entry';
    }
    if (!next) return undefined;
    declared = next;
  }
  return { schema: unwrap(declared), declared, via };
}
