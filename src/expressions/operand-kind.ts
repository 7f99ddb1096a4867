import type { z } from 'zod';
import { isNumberValue } from '../limits/number-limits.js';
import { defOf, unwrap } from '../schema/zod-def.js';

/**
 * The kinds of value a condition operand can be, as DynamoDB sees them
 * (`date` is stored as an ISO string, so it also compares as a string).
 * @internal
 */
export type OperandKind = 'string' | 'number' | 'boolean' | 'binary' | 'date' | 'set' | 'list' | 'map' | 'null';

/** What a schema accepts at a path: `undefined` when any value may be right (unions, `z.any()`, …). @internal */
export interface SchemaKinds {
  readonly kinds: ReadonlySet<OperandKind>;
  /** For sets and lists: what their elements accept. */
  readonly element: SchemaKinds | undefined;
  /** The schema (or a wrapper of it) admits `null`. */
  readonly nullable: boolean;
}

const kindsOf = (...kinds: OperandKind[]): ReadonlySet<OperandKind> => new Set(kinds);
const STRING = kindsOf('string');
const NUMBER = kindsOf('number');

/** The kind of a JS value as it would be stored, or `undefined` for values that cannot be. @internal */
export function operandKind(value: unknown): OperandKind | undefined {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      if (value === null) return 'null';
      if (value instanceof Date) return 'date';
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return 'binary';
      if (value instanceof Set) return 'set';
      if (Array.isArray(value)) return 'list';
      if (isNumberValue(value)) return 'number';
      return 'map';
    default:
      return undefined;
  }
}

/** Human name of a kind, for messages. @internal */
export function kindName(kind: OperandKind): string {
  return kind === 'map' ? 'an object' : kind === 'list' ? 'an array' : kind === 'set' ? 'a Set' : kind === 'date' ? 'a Date' : kind === 'null' ? 'null' : `a ${kind}`;
}

function nullable(declared: z.ZodType): boolean {
  let current = declared;
  for (let i = 0; i < 32; i++) {
    const def = defOf(current);
    if (def.type === 'nullable' || def.type === 'null') return true;
    if (!def.innerType) return false;
    current = def.innerType;
  }
  return false;
}

/**
 * What a declared schema accepts as a condition operand, or `undefined`
 * when it cannot be said statically (unions, transforms, `z.any()`, custom
 * checks other than binary): those operands are only checked as values.
 * @internal
 */
export function schemaKinds(declared: z.ZodType, depth = 0): SchemaKinds | undefined {
  if (depth > 8) return undefined;
  const def = defOf(unwrap(declared));
  const of = (kinds: ReadonlySet<OperandKind>, element?: SchemaKinds): SchemaKinds => ({ kinds, element, nullable: nullable(declared) });
  switch (def.type) {
    case 'string':
    case 'template_literal':
      return of(STRING);
    case 'number':
    case 'bigint':
      return of(NUMBER);
    case 'boolean':
      return of(kindsOf('boolean'));
    case 'date':
      return of(kindsOf('date', 'string'));
    case 'null':
      return of(kindsOf('null'));
    case 'enum':
      return literalKinds(Object.values((def as { entries?: Record<string, unknown> }).entries ?? {}), of);
    case 'literal':
      return literalKinds((def as { values?: unknown[] }).values ?? [], of);
    case 'set': {
      const valueType = (def as { valueType?: z.ZodType }).valueType;
      return of(kindsOf('set'), valueType && schemaKinds(valueType, depth + 1));
    }
    case 'array':
      return of(kindsOf('list'), def.element && schemaKinds(def.element, depth + 1));
    case 'tuple':
      return of(kindsOf('list'));
    case 'object':
    case 'record':
    case 'map':
      return of(kindsOf('map'));
    default:
      return undefined;
  }
}

function literalKinds(values: readonly unknown[], of: (kinds: ReadonlySet<OperandKind>) => SchemaKinds): SchemaKinds | undefined {
  const kinds = new Set<OperandKind>();
  for (const v of values) {
    const kind = operandKind(v);
    if (kind === undefined) return undefined;
    kinds.add(kind);
  }
  return kinds.size ? of(kinds) : undefined;
}

/** True when `kinds` accepts a value of `kind`. @internal */
export function accepts(kinds: SchemaKinds, kind: OperandKind): boolean {
  return kinds.kinds.has(kind) || (kind === 'null' && kinds.nullable);
}

/** `a string or a number`, for messages. @internal */
export function describeKinds(kinds: SchemaKinds): string {
  const names = [...kinds.kinds].filter((k) => !(k === 'string' && kinds.kinds.has('date'))).map(kindName);
  if (kinds.nullable && !kinds.kinds.has('null')) names.push('null');
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
