import type { z } from 'zod';
import type { EntityModel } from '../entity/entity-model.js';
import { KeyError, ValidationError, type ValidationIssue } from '../errors.js';
import type { AttributePath } from '../expressions/attribute-path.js';
import { overlappingPaths } from '../expressions/compile-update.js';
import { removeAction, setAction, valueOperand, type UpdateAction, type UpdateOperand } from '../expressions/update-node.js';
import { schemaAtPath, type SchemaAtPath } from '../schema/schema-at-path.js';
import { compileToStorage, type Converter } from '../schema/storage-codec.js';
import { defOf, kindOf, unwrap } from '../schema/zod-def.js';

/**
 * Validates update actions against the entity's schema and derives the
 * actions tablewright adds itself (index keys). Pure; no I/O.
 * @internal
 */

const REMOVED = Symbol('removed');
const UNKNOWN = Symbol('unknown');
type Assigned = unknown | typeof REMOVED | typeof UNKNOWN;

/** Validated user actions plus the generated index-key actions. @internal */
export interface UpdatePlan {
  readonly actions: UpdateAction[];
  /** Top-level attributes whose new value is known (parsed, before storage conversion). */
  readonly assigned: ReadonlyMap<string, Assigned>;
}

const converters = new WeakMap<z.ZodType, Converter | null>();
function toStorage(schema: z.ZodType, value: unknown): unknown {
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
    const target = schemaAtPath(model.shape, action.path);
    if (!target) {
      issue(action.path, `no attribute at this path in the ${model.name} schema`);
      continue;
    }
    const topLevel = action.path.length === 1;
    switch (action.kind) {
      case 'set': {
        const operand = checkOperand(model, action.operand, target, action.path, issue);
        if (operand === undefined) continue;
        if (operand.kind === 'value' && operand.value === undefined) {
          // An empty set (or a value that stores as nothing) becomes a REMOVE.
          actions.push(Object.freeze({ kind: 'remove', path: action.path }));
          if (topLevel) assigned.set(top, REMOVED);
          continue;
        }
        actions.push(Object.freeze({ ...action, operand }));
        if (topLevel && parsedValues.has(operand)) assigned.set(top, parsedValues.get(operand));
        else assigned.set(top, UNKNOWN);
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
        if (action.kind === 'add' && typeof value === 'number') {
          if (kind !== 'number') issue(action.path, `ADD of a number needs a number attribute, this one is ${kind}`);
          else if (!Number.isFinite(value)) issue(action.path, `${value} is not a finite number`);
          else actions.push(action);
        } else if (value instanceof Set) {
          if (kind !== 'set') issue(action.path, `${action.kind.toUpperCase()} of a set needs a set attribute, this one is ${kind}`);
          else if (value.size === 0) issue(action.path, 'DynamoDB refuses empty sets');
          else {
            const parsed = target.schema.safeParse(value);
            if (!parsed.success) for (const i of parsed.error.issues) issue([...action.path, ...i.path], i.message);
            else actions.push(Object.freeze({ ...action, value: parsed.data }));
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

/** Parsed (pre-storage) values of value operands, to rebuild index keys from. */
const parsedValues = new WeakMap<UpdateOperand, unknown>();

function checkOperand(
  model: EntityModel,
  operand: UpdateOperand,
  target: SchemaAtPath,
  path: AttributePath,
  issue: (path: readonly PropertyKey[], message: string) => void,
): UpdateOperand | undefined {
  switch (operand.kind) {
    case 'value': {
      const parsed = target.declared.safeParse(operand.value);
      if (!parsed.success) {
        for (const i of parsed.error.issues) issue([...path, ...i.path], i.message);
        return undefined;
      }
      const out: UpdateOperand = Object.freeze({ kind: 'value', value: toStorage(target.declared, parsed.data) });
      parsedValues.set(out, parsed.data);
      return out;
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
      return fallback && Object.freeze({ ...operand, fallback });
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
        o.value.forEach((item, i) => {
          const parsed = element.safeParse(item);
          if (!parsed.success) for (const e of parsed.error.issues) issue([...path, i, ...e.path], e.message);
          else items.push(toStorage(element, parsed.data));
        });
        return Object.freeze({ kind: 'value', value: items });
      };
      const left = side(operand.left);
      const right = side(operand.right);
      return left && right && Object.freeze({ ...operand, left, right });
    }
    case 'arithmetic': {
      if (kindOf(target.schema) !== 'number') {
        issue(path, `arithmetic needs a number attribute, this one is ${kindOf(target.schema)}`);
        return undefined;
      }
      const side = (o: UpdateOperand): UpdateOperand | undefined => {
        if (o.kind !== 'value') return checkOperand(model, o, target, path, issue);
        if (typeof o.value !== 'number' || !Number.isFinite(o.value)) {
          issue(path, `arithmetic takes finite numbers, got ${String(o.value)}`);
          return undefined;
        }
        return o;
      };
      const left = side(operand.left);
      const right = side(operand.right);
      return left && right && Object.freeze({ ...operand, left, right });
    }
  }
}

/** Optional, defaulted (read fills the default) and set (absent reads as empty) attributes may be removed. */
function removable(declared: z.ZodType): boolean {
  const optin = (declared as unknown as { _zod: { optin?: string } })._zod.optin;
  return optin === 'optional' || optin === 'defaulted' || defOf(unwrap(declared)).type === 'set' || defOf(declared).type === 'default';
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
          (unknown.length ? ` (${unknown.join(', ')} changed by add/increment/append/if_not_exists: set the new value explicitly)` : ''),
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
