import type { UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { EntityModel } from '../entity/entity-model.js';
import { fromStoredItem, keyValues, primaryKey } from '../entity/item-codec.js';
import { ConditionFailedError, ValidationError, type ValidationIssue } from '../errors.js';
import { compileCondition } from '../expressions/compile-condition.js';
import { compileUpdate, overlappingPaths } from '../expressions/compile-update.js';
import { resolveCondition, type ConditionInput } from '../expressions/condition-builder.js';
import type { ConditionNode } from '../expressions/condition-node.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { resolveUpdate, type UpdateInput } from '../expressions/update-builder.js';
import { ifNotExistsOperand, setAction, valueOperand, type UpdateAction, type UpdateOperand } from '../expressions/update-node.js';
import { unmarshallItem } from '../marshalling/marshall.js';
import { compileToStorage } from '../schema/storage-codec.js';
import { kindOf } from '../schema/zod-def.js';
import { mapAwsError } from './map-error.js';
import { planUpdate } from './update-plan.js';

/** What an update returns. */
export type UpdateReturnValues = 'NONE' | 'ALL_NEW' | 'ALL_OLD' | 'UPDATED_NEW' | 'UPDATED_OLD';

/** Options of `Entity.update`. */
export interface UpdateOptions<T> {
  /** Update only if this holds for the stored item. */
  readonly condition?: ConditionInput<T>;
  /**
   * `'ALL_NEW'` returns the whole item after the update (parsed by the schema),
   * `'ALL_OLD'` the item before it, `'UPDATED_NEW'` / `'UPDATED_OLD'` only the
   * changed attributes (a `Partial`). Default `'NONE'`.
   */
  readonly returnValues?: UpdateReturnValues;
  /**
   * By default an update requires the item to exist and to belong to this
   * entity (otherwise `ConditionFailedError`), so it never creates a half
   * item. With `upsert: true` a missing item is created: the update must then
   * set every required attribute (defaults are filled with `if_not_exists`).
   */
  readonly upsert?: boolean;
  readonly abortSignal?: AbortSignal;
}

/** A built UpdateItem request. @internal */
export interface PreparedUpdate {
  readonly input: UpdateItemCommandInput;
  readonly key: Record<string, unknown>;
  /** Every value the update writes, as stored, with its path (for size checks). */
  readonly assignments: readonly { readonly path: readonly (string | number)[]; readonly value: unknown }[];
}

/** What other features add to an update (versioning, timestamps, write tokens). @internal */
export interface UpdateExtras {
  readonly condition?: ConditionNode | undefined;
  readonly upsert?: boolean | undefined;
  /** `SET name = value` for top-level attributes, values in schema form (Dates…). */
  readonly set?: Readonly<Record<string, unknown>> | undefined;
  /** `SET name = if_not_exists(name, value)`, values in schema form. */
  readonly setIfNotExists?: Readonly<Record<string, unknown>> | undefined;
}

/** Validates, derives index keys and compiles the request. No I/O. @internal */
export function prepareUpdate(
  model: EntityModel,
  key: Readonly<Record<string, unknown>>,
  changes: UpdateInput<unknown>,
  options: UpdateExtras = {},
): PreparedUpdate {
  const Key = primaryKey(model, key);
  const keyVals = keyValues(model, key);
  const plan = planUpdate(model, keyVals, resolveUpdate(changes));
  const actions = [...plan.actions, ...extraActions(model, options)];
  const ctx = new ExpressionContext();
  const et = model.table.entityTypeAttribute;
  let guard: ConditionNode;
  if (options.upsert) {
    actions.push(...upsertActions(model, keyVals, plan.assigned));
    guard = {
      kind: 'or',
      conditions: [
        { kind: 'exists', path: [model.primary.partitionKeyAttribute], negated: true },
        { kind: 'compare', op: '=', left: { kind: 'path', path: [et] }, right: { kind: 'value', value: model.name } },
      ],
    };
  } else {
    // Equality on the entity type implies the item exists, and refuses another entity's item under the same key.
    guard = { kind: 'compare', op: '=', left: { kind: 'path', path: [et] }, right: { kind: 'value', value: model.name } };
  }
  const overlap = overlappingPaths(actions);
  if (overlap) {
    throw new ValidationError({
      entity: model.name,
      key: keyVals,
      issues: [{ path: [], message: `the update and the attributes tablewright manages both write ${overlap[1]}` }],
      direction: 'write',
    });
  }
  if (actions.length === 0) {
    throw new ValidationError({ entity: model.name, key: keyVals, issues: [{ path: [], message: 'the update changes nothing' }], direction: 'write' });
  }
  const input: UpdateItemCommandInput = {
    TableName: model.table.name,
    Key,
    UpdateExpression: compileUpdate(actions, ctx),
    ConditionExpression: compileCondition(options.condition ? { kind: 'and', conditions: [guard, options.condition] } : guard, ctx),
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
  Object.assign(input, ctx.toRequest());
  return { input, key: keyVals, assignments: assignments(actions) };
}

/** Bookkeeping attributes set by other features; they are not user changes, so not validated as such. */
function extraActions(model: EntityModel, extras: UpdateExtras): UpdateAction[] {
  const out: UpdateAction[] = [];
  const stored = (name: string, value: unknown) => {
    const schema = model.shape[name];
    const convert = schema && compileToStorage(schema);
    return convert ? convert(value) : value instanceof Date ? value.toISOString() : value;
  };
  for (const [name, value] of Object.entries(extras.set ?? {})) out.push(setAction([name], valueOperand(stored(name, value))));
  for (const [name, value] of Object.entries(extras.setIfNotExists ?? {})) {
    out.push(setAction([name], ifNotExistsOperand([name], valueOperand(stored(name, value)))));
  }
  return out;
}

function assignments(actions: readonly UpdateAction[]): PreparedUpdate['assignments'] {
  const out: { path: readonly (string | number)[]; value: unknown }[] = [];
  const values = (o: UpdateOperand, path: readonly (string | number)[]): void => {
    if (o.kind === 'value') out.push({ path, value: o.value });
    else if (o.kind === 'ifNotExists') values(o.fallback, path);
    else if (o.kind === 'listAppend' || o.kind === 'arithmetic') {
      values(o.left, path);
      values(o.right, path);
    }
  };
  for (const action of actions) {
    if (action.kind === 'set') values(action.operand, action.path);
    else if (action.kind === 'add' || action.kind === 'delete') out.push({ path: action.path, value: action.value });
  }
  return out;
}

/** For upsert: the entity type, the key attributes and defaults, written so a created item is whole. */
function upsertActions(model: EntityModel, key: Record<string, unknown>, assigned: ReadonlyMap<string, unknown>): UpdateAction[] {
  const out: UpdateAction[] = [set([model.table.entityTypeAttribute], model.name)];
  const issues: ValidationIssue[] = [];
  for (const attribute of model.primaryAttributes) {
    const schema = model.shape[attribute]!;
    const convert = compileToStorage(schema);
    out.push(set([attribute], convert ? convert(key[attribute]) : key[attribute]));
  }
  for (const [attribute, schema] of Object.entries(model.shape)) {
    if (model.primaryAttributes.has(attribute) || assigned.has(attribute)) continue;
    const optin = (schema as unknown as { _zod: { optin?: string } })._zod.optin;
    if (optin === 'optional') continue;
    const absent = schema.safeParse(undefined);
    if (absent.success) {
      // Defaulted (or a set, read back as empty): fill the default only when the item has no value yet.
      if (absent.data === undefined || (absent.data instanceof Set && absent.data.size === 0)) continue;
      const convert = compileToStorage(schema);
      const value = convert ? convert(absent.data) : absent.data;
      if (value !== undefined) {
        out.push(setAction([attribute], ifNotExistsOperand([attribute], valueOperand(value))));
      }
      continue;
    }
    if (kindOf(schema) === 'set') continue;
    issues.push({ path: [attribute], message: 'upsert: a required attribute must be set (the item may not exist yet)' });
  }
  if (issues.length > 0) throw new ValidationError({ entity: model.name, key, issues, direction: 'write' });
  return out;
}

const set = (path: [string], value: unknown): UpdateAction => setAction(path, valueOperand(value));

/** @internal */
export async function updateItem(
  model: EntityModel,
  key: Readonly<Record<string, unknown>>,
  changes: UpdateInput<unknown>,
  options: UpdateOptions<unknown> = {},
): Promise<unknown> {
  const prepared = prepareUpdate(model, key, changes, {
    condition: options.condition && resolveCondition(options.condition),
    upsert: options.upsert,
  });
  const returnValues = options.returnValues ?? 'NONE';
  if (returnValues !== 'NONE') prepared.input.ReturnValues = returnValues;
  let output;
  try {
    output = await model.table.transport.send('UpdateItem', prepared.input, options.abortSignal && { abortSignal: options.abortSignal });
  } catch (error) {
    const mapped = mapAwsError(error, { entity: model.name, table: model.table.name, key: prepared.key });
    if (mapped instanceof ConditionFailedError && mapped.item === undefined && !options.upsert) {
      throw new ConditionFailedError({
        entity: model.name,
        key: prepared.key,
        message: `${model.name} ${JSON.stringify(prepared.key)}: no such item to update (pass upsert: true to create it)`,
        cause: error,
      });
    }
    throw mapped;
  }
  if (!output.Attributes) return undefined;
  const raw = unmarshallItem(output.Attributes);
  if (returnValues === 'ALL_NEW' || returnValues === 'ALL_OLD') return fromStoredItem(model, raw);
  return partialFromStorage(model, raw);
}

/** UPDATED_NEW / UPDATED_OLD: only the changed attributes, converted (dates) but not schema-checked. */
function partialFromStorage(model: EntityModel, raw: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name in raw) if (!model.generatedAttributes.has(name)) input[name] = raw[name];
  const converted = (model.fromStorage ? model.fromStorage(input) : input) as Record<string, unknown>;
  // The read converter fills absent sets with empty ones: keep only what DynamoDB returned.
  const out: Record<string, unknown> = {};
  for (const name in input) out[name] = converted[name];
  return out;
}
