import type { z } from 'zod';
import { managedAttribute } from '../../model/apply-extensions.js';
import type { EntityModel } from '../../model/entity-model.js';
import { REMOVED, UNKNOWN } from '../../model/write-extension.js';
import { KeyError, ValidationError, type ValidationIssue } from '../../errors.js';
import type { AttributePath } from '../../expressions/attribute-path.js';
import { overlappingPaths } from '../../expressions/compile-update.js';
import { removeAction, setAction, valueOperand, type UpdateAction, type UpdateOperand } from '../../expressions/update-node.js';
import { assertWritableUpdate } from '../../marshalling/writable-input.js';
import { compressAttributeValue, type CompressionAlgorithm } from '../../schema/compression.js';
import { schemaAtPath, type SchemaAtPath } from '../../schema/schema-at-path.js';
import { compileToStorage, type Converter } from '../../schema/storage-codec.js';
import { acceptsAbsent, defOf, kindOf, unwrap } from '../../schema/zod-def.js';

/**
 * Validates update actions against the entity's schema and derives the
 * actions tablewright adds itself (index keys). Pure; no I/O.
 * @internal
 */

export { REMOVED, UNKNOWN };
type Assigned = unknown | typeof REMOVED | typeof UNKNOWN;

/** Validated user actions plus the generated index-key actions. @internal */
export interface UpdatePlan {
  readonly actions: UpdateAction[];
  /** Top-level attributes whose new value is known (parsed, before storage conversion). */
  readonly assigned: ReadonlyMap<string, Assigned>;
}

/** The storage converters of schemas, compiled once per schema (updates convert values on every call). */
const converters = new WeakMap<z.ZodType, Converter | null>();
/** `value` in stored form for `schema` (a Date as ISO text, an empty set as nothing …). @internal */
export function toStorage(schema: z.ZodType, value: unknown): unknown {
  let convert = converters.get(schema);
  if (convert === undefined) converters.set(schema, (convert = compileToStorage(schema) ?? null));
  return convert ? convert(value) : value;
}

/** Validates and converts actions; throws ValidationError / KeyError before any request. @internal */
export function planUpdate(model: EntityModel, key: Readonly<Record<string, unknown>>, input: readonly UpdateAction[]): UpdatePlan {
  const issues: ValidationIssue[] = [];
  const actions: UpdateAction[] = [];
  const assigned = new Map<string, Assigned>();
  const issue = (path: readonly PropertyKey[], message: string) => issues.push({ path, message });
  assertWritableUpdate(input, { entity: model.name, key });

  for (const action of input) {
    const top = action.path[0] as string;
    if (model.primaryAttributes.has(top)) {
      throw new KeyError({
        message: `${model.name}: "${top}" is part of the primary key and cannot be updated (delete and re-create the item instead)`,
        reason: 'key-attribute-update',
        entity: model.name,
        index: 'primary',
        attribute: top,
      });
    }
    // Bookkeeping the write extensions maintain (a hand-set version would defeat locking).
    const managed = managedAttribute(model, top);
    if (managed) {
      issue(action.path, managed);
      continue;
    }
    const target = schemaAtPath(model.shape, action.path);
    if (!target) {
      issue(action.path, `no attribute at this path in the ${model.name} schema`);
      continue;
    }
    const topLevel = action.path.length === 1;
    const compressed = compressionIssue(model, action);
    if (compressed) {
      issue(action.path, compressed);
      continue;
    }
    switch (action.kind) {
      case 'set': {
        // The parsed (pre-storage) value of a whole-value SET, to rebuild index keys from.
        const parsed: ParsedValue = { value: UNKNOWN };
        let operand = checkOperand(model, action.operand, target, action.path, issue, parsed);
        if (operand === undefined) continue;
        const algorithm = model.compressed.get(top);
        if (algorithm) operand = compressOperand(operand, target.declared, algorithm);
        if (operand.kind === 'value' && operand.value === undefined) {
          // An empty set (or a value that stores as nothing) becomes a REMOVE.
          actions.push({ kind: 'remove', path: action.path });
          if (topLevel) assigned.set(top, REMOVED);
          continue;
        }
        // Plan nodes are internal (never handed out), so unlike the builder's they are not frozen.
        actions.push({ kind: 'set', path: action.path, operand });
        assigned.set(top, topLevel ? parsed.value : UNKNOWN);
        continue;
      }
      case 'remove':
        if (target.via === 'field' && !removable(target.declared)) {
          issue(action.path, 'a required attribute cannot be removed');
          continue;
        }
        actions.push(action);
        assigned.set(top, topLevel ? REMOVED : UNKNOWN);
        continue;
      case 'add':
      case 'delete': {
        const kind = kindOf(target.schema);
        const value = action.value;
        if (action.kind === 'add' && (typeof value === 'number' || typeof value === 'bigint')) {
          const delta = counterDelta(kind, value);
          if (typeof delta === 'string') issue(action.path, `ADD: ${delta}`);
          else actions.push(delta === value ? action : { kind: action.kind, path: action.path, value: delta });
        } else if (value instanceof Set) {
          if (kind !== 'set') issue(action.path, `${action.kind.toUpperCase()} of a set needs a set attribute, this one is ${kind}`);
          else if (value.size === 0) issue(action.path, 'DynamoDB refuses empty sets');
          else {
            const parsed = target.schema.safeParse(value);
            if (!parsed.success) for (const i of parsed.error.issues) issue([...action.path, ...i.path], i.message);
            else actions.push({ kind: action.kind, path: action.path, value: parsed.data });
          }
        } else {
          issue(action.path, `${action.kind.toUpperCase()} takes ${action.kind === 'add' ? 'a number or ' : ''}a Set`);
        }
        assigned.set(top, UNKNOWN);
        continue;
      }
    }
  }
  const overlap = overlappingPaths(actions);
  if (overlap) issue([], `two actions touch overlapping paths: ${overlap[0]} and ${overlap[1]}`);
  if (issues.length > 0) {
    throw new ValidationError({ entity: model.name, key, issues, direction: 'write' });
  }
  actions.push(...indexKeyActions(model, key, assigned));
  return { actions, assigned };
}

/** Paths an operand reads. */
function readPaths(operand: UpdateOperand, out: AttributePath[] = []): AttributePath[] {
  switch (operand.kind) {
    case 'path':
      out.push(operand.path);
      break;
    case 'ifNotExists':
      out.push(operand.path);
      readPaths(operand.fallback, out);
      break;
    case 'listAppend':
    case 'arithmetic':
      readPaths(operand.left, out);
      readPaths(operand.right, out);
      break;
  }
  return out;
}

/**
 * Compressed attributes are opaque bytes in DynamoDB: only a whole-value SET
 * (or `if_not_exists` of itself) and REMOVE make sense. Nested paths, ADD,
 * DELETE, list_append, arithmetic and copying them into or out of other
 * attributes would corrupt or misread the bytes, so they are refused.
 */
function compressionIssue(model: EntityModel, action: UpdateAction): string | undefined {
  if (model.compressed.size === 0) return undefined;
  const top = action.path[0] as string;
  const why = (name: string) =>
    `"${name}" is stored compressed: updates can only set or remove it as a whole (nested paths, add, delete, append and arithmetic cannot work on compressed bytes)`;
  if (model.compressed.has(top)) {
    if (action.path.length > 1) return why(top);
    if (action.kind === 'add' || action.kind === 'delete') return why(top);
    if (action.kind === 'set') {
      const o = action.operand;
      const ok = o.kind === 'value' || (o.kind === 'ifNotExists' && o.path.length === 1 && o.path[0] === top && o.fallback.kind === 'value');
      if (!ok) return why(top);
    }
  }
  if (action.kind === 'set') {
    for (const path of readPaths(action.operand)) {
      const source = path[0] as string;
      if (source !== top && model.compressed.has(source)) return why(source);
    }
  }
  return undefined;
}

/** Compresses the value (or if_not_exists fallback) of a checked whole-attribute SET, as the put path stores it. */
function compressOperand(operand: UpdateOperand, schema: z.ZodType, algorithm: CompressionAlgorithm): UpdateOperand {
  if (operand.kind === 'value') return { kind: 'value', value: compressAttributeValue(schema, algorithm, operand.value) };
  if (operand.kind === 'ifNotExists') return { kind: 'ifNotExists', path: operand.path, fallback: compressOperand(operand.fallback, schema, algorithm) };
  return operand;
}

/** Where {@link checkOperand} leaves the parsed value of a whole-value operand (UNKNOWN for any other). */
interface ParsedValue {
  value: unknown;
}

function checkOperand(
  model: EntityModel,
  operand: UpdateOperand,
  target: SchemaAtPath,
  path: AttributePath,
  issue: (path: readonly PropertyKey[], message: string) => void,
  parsedOut?: ParsedValue,
): UpdateOperand | undefined {
  switch (operand.kind) {
    case 'value': {
      // A counter's 0 fallback (or default step 1) on a z.bigint() attribute.
      const value = typeof operand.value === 'number' && Number.isSafeInteger(operand.value) && kindOf(target.schema) === 'bigint' ? BigInt(operand.value) : operand.value;
      const parsed = target.declared.safeParse(value);
      if (!parsed.success) {
        for (const i of parsed.error.issues) issue([...path, ...i.path], i.message);
        return undefined;
      }
      if (parsedOut) parsedOut.value = parsed.data;
      return { kind: 'value', value: toStorage(target.declared, parsed.data) };
    }
    case 'path':
      if (!schemaAtPath(model.shape, operand.path)) {
        issue(operand.path, `no attribute at this path in the ${model.name} schema`);
        return undefined;
      }
      return operand;
    case 'ifNotExists': {
      const source = schemaAtPath(model.shape, operand.path);
      if (!source) {
        issue(operand.path, `no attribute at this path in the ${model.name} schema`);
        return undefined;
      }
      const fallback = checkOperand(model, operand.fallback, source, operand.path, issue);
      return fallback && { kind: 'ifNotExists', path: operand.path, fallback };
    }
    case 'listAppend': {
      const def = defOf(target.schema);
      if (def.type !== 'array' || !def.element) {
        issue(path, `list_append needs a list attribute, this one is ${def.type}`);
        return undefined;
      }
      const element = def.element;
      const side = (o: UpdateOperand): UpdateOperand | undefined => {
        if (o.kind !== 'value') return checkOperand(model, o, target, path, issue);
        if (!Array.isArray(o.value)) {
          issue(path, 'list_append takes an array of elements');
          return undefined;
        }
        const items: unknown[] = [];
        // Every index, holes of a sparse array included (forEach would skip them silently).
        for (let i = 0; i < o.value.length; i++) {
          const parsed = element.safeParse(o.value[i]);
          if (!parsed.success) for (const e of parsed.error.issues) issue([...path, i, ...e.path], e.message);
          else items.push(toStorage(element, parsed.data));
        }
        return { kind: 'value', value: items };
      };
      const left = side(operand.left);
      const right = side(operand.right);
      return left && right && { kind: 'listAppend', left, right };
    }
    case 'arithmetic': {
      const kind = kindOf(target.schema);
      if (kind !== 'number' && kind !== 'bigint') {
        issue(path, `arithmetic needs a number attribute, this one is ${kind}`);
        return undefined;
      }
      const side = (o: UpdateOperand): UpdateOperand | undefined => {
        if (o.kind !== 'value') return checkOperand(model, o, target, path, issue);
        const delta = typeof o.value === 'number' || typeof o.value === 'bigint' ? counterDelta(kind, o.value) : `takes numbers, got ${String(o.value)}`;
        if (typeof delta === 'string') {
          issue(path, `arithmetic ${delta}`);
          return undefined;
        }
        return delta === o.value ? o : { kind: 'value', value: delta };
      };
      const left = side(operand.left);
      const right = side(operand.right);
      return left && right && { kind: 'arithmetic', op: operand.op, left, right };
    }
  }
}

/**
 * The amount a counter of `kind` changes by, or why it cannot: a number
 * attribute takes finite numbers; a `z.bigint()` attribute takes bigints
 * (and safe integers, converted), so sums stay exact. DynamoDB's 38-digit
 * limit is checked with the other written values.
 */
function counterDelta(kind: string, value: number | bigint): number | bigint | string {
  if (kind === 'bigint') {
    if (typeof value === 'bigint') return value;
    return Number.isSafeInteger(value) ? BigInt(value) : `a bigint attribute takes bigints or safe integers, got ${value}`;
  }
  if (kind !== 'number') return `needs a number attribute, this one is ${kind}`;
  if (typeof value === 'bigint') return `${value}n is a bigint, but this attribute is a number (declare it z.bigint() for exact large counters)`;
  return Number.isFinite(value) ? value : `${value} is not a finite number`;
}

/** Optional, defaulted (read fills the default) and set (absent reads as empty) attributes may be removed. */
function removable(declared: z.ZodType): boolean {
  return acceptsAbsent(declared) || defOf(unwrap(declared)).type === 'set' || defOf(declared).type === 'default';
}

/**
 * When an update touches an attribute used by an index key template, that
 * index's key attributes are rebuilt from the update's values and the primary
 * key. If a needed value is not in the update, the update is refused rather
 * than leaving a stale index key. Removing a template attribute takes the
 * item out of the (sparse) index.
 */
function indexKeyActions(model: EntityModel, key: Readonly<Record<string, unknown>>, assigned: ReadonlyMap<string, Assigned>): UpdateAction[] {
  const out: UpdateAction[] = [];
  for (const index of model.indexes.values()) {
    const local = index.definition?.type === 'local';
    const needed = [...new Set([...(local ? [] : index.pk.attributes), ...(index.sk?.attributes ?? [])])];
    if (!needed.some((a) => assigned.has(a))) continue;
    const values: Record<string, unknown> = {};
    const missing: string[] = [];
    const unknown: string[] = [];
    let removed = false;
    for (const attribute of needed) {
      if (model.primaryAttributes.has(attribute)) {
        values[attribute] = key[attribute];
        continue;
      }
      const value = assigned.get(attribute);
      if (value === UNKNOWN) unknown.push(attribute);
      else if (value === REMOVED || value === null) removed = true;
      else if (value === undefined) missing.push(attribute);
      else values[attribute] = value;
    }
    const keyAttributes = [...(local ? [] : [index.partitionKeyAttribute]), ...(index.sortKeyAttribute ? [index.sortKeyAttribute] : [])];
    if (unknown.length > 0 || (!removed && missing.length > 0)) {
      const absent = [...unknown, ...missing];
      throw new KeyError({
        message:
          `${model.name}: this update changes attributes of index ${index.index}'s key; ` +
          `to rebuild ${keyAttributes.join('/')} it must also set ${absent.map((a) => `"${a}"`).join(', ')}` +
          (unknown.length
            ? ` (${unknown.join(', ')} changed by add/increment/append/if_not_exists: set the new value explicitly)`
            : ', or pass { readMissingKeyAttributes: true } to read them (consistent) and write them back unchanged, retried if they change meanwhile'),
        reason: 'missing-attribute',
        entity: model.name,
        index: index.index,
        attribute: keyAttributes[0],
        missing: absent,
      });
    }
    if (removed) {
      for (const attribute of keyAttributes) out.push(removeAction([attribute]));
      continue;
    }
    if (!local) out.push(setKey(index.partitionKeyAttribute, index.pk.build(values)));
    if (index.sk && index.sortKeyAttribute) out.push(setKey(index.sortKeyAttribute, index.sk.build(values)));
  }
  return out;
}

const setKey = (attribute: string, value: string): UpdateAction => setAction([attribute], valueOperand(value));
