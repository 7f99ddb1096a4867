import type { z } from 'zod';

/**
 * Minimal, version-tolerant view of a zod v4 schema's definition. We read
 * `_zod.def` (zod's documented internals for library authors) rather than
 * `instanceof`, so schemas from `zod` and `zod/mini` both work.
 * @internal
 */
export interface ZodDefView {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
  readonly valueType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly in?: z.ZodType;
  readonly out?: z.ZodType;
  readonly getter?: () => z.ZodType;
}

/** @internal */
export function defOf(schema: z.ZodType): ZodDefView {
  return (schema as unknown as { _zod: { def: ZodDefView } })._zod.def;
}

/** Wrappers that do not change the stored shape of a value. @internal */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional', 'success']);

/** Strips optional/nullable/default/… wrappers. @internal */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 32; i++) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'lazy' && def.getter) current = def.getter();
    else return current;
  }
  return current;
}

/**
 * True when the schema is optional in the strict sense: an absent value stays
 * `undefined` after parsing (`.optional()`). Defaulted fields (`.default()`,
 * `.prefault()`; zod reports `optin === 'defaulted'`) are NOT optional here:
 * absent, they parse to their default. The storage codec relies on that (an
 * absent non-optional set reads as an empty set, so a stored empty set does
 * not come back as the default). For "may the input omit it" use
 * {@link acceptsAbsent}.
 * @internal
 */
export function isOptional(schema: z.ZodType): boolean {
  return optinOf(schema) === 'optional';
}

/** True when the input may omit the value: optional or defaulted. @internal */
export function acceptsAbsent(schema: z.ZodType): boolean {
  const optin = optinOf(schema);
  return optin === 'optional' || optin === 'defaulted';
}

function optinOf(schema: z.ZodType): string | undefined {
  return (schema as unknown as { _zod: { optin?: string } })._zod.optin;
}

/** The zod type name after unwrapping (`'string'`, `'number'`, `'date'`, `'set'`, …). @internal */
export function kindOf(schema: z.ZodType): string {
  return defOf(unwrap(schema)).type;
}
