import type { z } from 'zod';
import { defOf, unwrap } from '../schema/zod-def.js';

/** The primitive kinds a key attribute can hold; each has its own key encoding. @internal */
export type KeyKind = 'string' | 'number' | 'bigint' | 'boolean' | 'date';

/**
 * The kinds of value a key attribute's schema admits, after optional,
 * nullable, default and similar wrappers; `undefined` when some admitted
 * value cannot be part of a key (objects, sets, transforms …). Literal sets,
 * enums and unions contribute the kind of every member; `null`/`undefined`
 * members are ignored (an absent key value is handled as missing). @internal
 */
export function keyKindsOf(schema: z.ZodType): ReadonlySet<KeyKind> | undefined {
  const kinds = new Set<KeyKind>();
  return collect(schema, kinds, 0) ? kinds : undefined;
}

function collect(schema: z.ZodType, kinds: Set<KeyKind>, depth: number): boolean {
  if (depth > 32) return false;
  const inner = unwrap(schema);
  const def = defOf(inner) as ReturnType<typeof defOf> & { entries?: Record<string, unknown>; values?: readonly unknown[] };
  switch (def.type) {
    case 'string':
    case 'template_literal':
      kinds.add('string');
      return true;
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'date':
      kinds.add(def.type);
      return true;
    case 'enum':
      return addValues(enumValues(def.entries ?? {}), kinds);
    case 'literal':
      return addValues(def.values ?? [], kinds);
    case 'union':
      return (def.options ?? []).every((option) => collect(option, kinds, depth + 1));
    default:
      return false;
  }
}

function addValues(values: readonly unknown[], kinds: Set<KeyKind>): boolean {
  for (const value of values) {
    if (value === null || value === undefined) continue;
    const kind = typeof value;
    if (kind !== 'string' && kind !== 'number' && kind !== 'bigint' && kind !== 'boolean') return false;
    kinds.add(kind);
  }
  return true;
}

// Same rule as zod's own: a TypeScript numeric enum carries reverse mappings (`{ A: 0, '0': 'A' }`) that are not values.
function enumValues(entries: Record<string, unknown>): unknown[] {
  const numeric = Object.values(entries).filter((v) => typeof v === 'number');
  return Object.entries(entries)
    .filter(([k]) => numeric.indexOf(+k) === -1)
    .map(([, v]) => v);
}

/** Whether a JS value is of the given key kind (no coercion: `'1'` is not a number). @internal */
export function isOfKind(kind: KeyKind, value: unknown): boolean {
  return kind === 'date' ? value instanceof Date : typeof value === kind;
}
