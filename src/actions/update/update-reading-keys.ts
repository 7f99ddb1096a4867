import { ConditionFailedError, KeyError } from '../../errors.js';
import type { ConditionNode } from '../../expressions/condition-node.js';
import { allConditions, attributeEquals, itemNotExists } from '../../expressions/item-conditions.js';
import { resolveUpdate, type UpdateBuilder, type UpdateInput } from '../../expressions/update-builder.js';
import { unmarshallItem } from '../../marshalling/marshall.js';
import type { EntityModel } from '../../model/entity-model.js';
import { primaryKey } from '../../model/item-codec.js';
import { readPartialItem } from '../../model/item-reader.js';
import { send } from '../../request/send.js';
import { updateItem } from './update.js';
import type { UpdateOptions } from './update-request.js';

/** Read-then-write rounds before a key attribute that keeps changing is reported. */
const MAX_ATTEMPTS = 3;

/**
 * `Entity.update` with `readMissingKeyAttributes`: when the update changes
 * part of an index key and the other attributes of that key are not in it,
 * reads them (consistent read of just those attributes), writes them back
 * unchanged so the index key can be rebuilt, and requires that they still
 * hold the values read. A concurrent change of one of them fails that
 * condition and the round is repeated, at most {@link MAX_ATTEMPTS} times.
 * @internal
 */
export function updateEntity(
  model: EntityModel,
  key: Readonly<Record<string, unknown>>,
  changes: UpdateInput<unknown>,
  options: UpdateOptions<unknown> = {},
): Promise<unknown> {
  // Not async itself: the common call adds no promise of its own to updateItem's.
  return options.readMissingKeyAttributes ? updateReadingKeys(model, key, changes, options) : updateItem(model, key, changes, options);
}

async function updateReadingKeys(
  model: EntityModel,
  key: Readonly<Record<string, unknown>>,
  changes: UpdateInput<unknown>,
  options: UpdateOptions<unknown>,
): Promise<unknown> {
  let missing: readonly string[];
  let keyError: KeyError;
  try {
    return await updateItem(model, key, changes, options);
  } catch (error) {
    // Thrown while building the request, before anything was sent.
    if (!(error instanceof KeyError) || error.reason !== 'missing-attribute' || !error.missing) throw error;
    const actions = resolveUpdate(changes);
    // An attribute the update changes itself (add, increment…) has no value to read.
    if (actions.some((a) => error.missing!.includes(a.path[0] as string))) throw error;
    missing = error.missing;
    keyError = error;
  }
  const actions = resolveUpdate(changes);
  const context = { entity: model.name, key, abortSignal: options.abortSignal, route: options.route };
  const names: Record<string, string> = {};
  missing.forEach((name, i) => (names[`#k${i}`] = name));
  for (let attempt = 1; ; attempt++) {
    const read = await send(
      model.table,
      'GetItem',
      { TableName: model.table.name, Key: primaryKey(model, key), ConsistentRead: true, ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names },
      context,
    );
    if (!read.Item) {
      // Nothing to read: an upsert must give every key attribute itself.
      if (options.upsert) throw keyError;
      throw new ConditionFailedError({ entity: model.name, key, message: `${model.name} ${JSON.stringify(key)}: no such item to update (pass upsert: true to create it)` });
    }
    const stored = unmarshallItem(read.Item);
    const parsed = readPartialItem(model, read.Item);
    const unchanged: ConditionNode[] = missing.map((name) =>
      stored[name] === undefined ? itemNotExists(name) : attributeEquals(name, stored[name]),
    );
    const completed = (u: UpdateBuilder<any>) => [...actions, ...missing.map((name) => u.set(name, parsed[name]))];
    try {
      return await updateItem(model, key, completed, options, false, allConditions(unchanged));
    } catch (error) {
      if (!(error instanceof ConditionFailedError) || !keyAttributesChanged(missing, stored, error.item)) throw error;
      if (attempt >= MAX_ATTEMPTS) {
        throw new ConditionFailedError({
          entity: model.name,
          key,
          item: error.item,
          message:
            `${model.name} ${JSON.stringify(key)}: ${missing.map((n) => `"${n}"`).join(', ')} changed between the read and the write ` +
            `in ${MAX_ATTEMPTS} attempts (concurrent writers); read the item and retry, or send every key attribute yourself`,
          cause: error,
        });
      }
    }
  }
}

/** Whether the stored item (ALL_OLD of the failed write) differs from what was read in one of the key attributes. */
function keyAttributesChanged(missing: readonly string[], read: Record<string, unknown>, current: Record<string, unknown> | undefined): boolean {
  if (current === undefined) return false;
  return missing.some((name) => current[name] !== read[name]);
}
