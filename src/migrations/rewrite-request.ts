import type { AttributeValue, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { KeyError } from '../errors.js';
import { marshallItem } from '../marshalling/marshall.js';
import type { EntityModel } from '../model/entity-model.js';
import { keyValues, toStoredItem } from '../model/item-codec.js';

/**
 * The conditional rewrite of one item by a backfill, as a pure function of
 * the item as read and its new value. It is an UpdateItem, not a Put: it sets
 * the attributes that change and removes the ones the new value drops, under a
 * condition that every attribute read is still equal (and every attribute it
 * adds still absent). A concurrent application write therefore makes the
 * rewrite fail instead of being overwritten, and attributes it does not touch
 * (TTL, write token, anything written meanwhile) stay as they are.
 * @internal
 */
export function rewriteRequest(
  model: EntityModel,
  read: Record<string, AttributeValue>,
  next: Record<string, unknown>,
): UpdateItemCommandInput | undefined {
  const stored = toStoredItem(model, next);
  if (model.versions) stored[model.versions.attribute] = model.versions.current;
  const item = marshallItem(stored, { entity: model.name });
  const keyNames = [model.primary.partitionKeyAttribute, ...(model.primary.sortKeyAttribute ? [model.primary.sortKeyAttribute] : [])];
  for (const name of keyNames) {
    if (!sameValue(item[name], read[name])) {
      throw new KeyError({
        reason: 'key-attribute-update',
        entity: model.name,
        attribute: name,
        message: `${model.name}: a backfill cannot change the primary key (${name}); write the new item and delete the old one instead`,
      });
    }
  }
  const kept = keptAttributes(model);
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  const set: string[] = [];
  const remove: string[] = [];
  const condition: string[] = [];
  let n = 0;
  let v = 0;
  const name = (attribute: string) => {
    const placeholder = `#a${n++}`;
    names[placeholder] = attribute;
    return placeholder;
  };
  const value = (attributeValue: AttributeValue) => {
    const placeholder = `:v${v++}`;
    values[placeholder] = attributeValue;
    return placeholder;
  };
  const placeholders = new Map<string, string>();
  const nameOf = (attribute: string) => placeholders.get(attribute) ?? placeholders.set(attribute, name(attribute)).get(attribute)!;
  for (const attribute in item) {
    if (keyNames.includes(attribute) || sameValue(item[attribute], read[attribute])) continue;
    set.push(`${nameOf(attribute)} = ${value(item[attribute]!)}`);
    if (read[attribute] === undefined) condition.push(`attribute_not_exists(${nameOf(attribute)})`);
  }
  for (const attribute in read) {
    if (!(attribute in item) && !kept.has(attribute)) remove.push(nameOf(attribute));
  }
  if (set.length === 0 && remove.length === 0) return undefined;
  for (const attribute in read) condition.push(`${nameOf(attribute)} = ${value(read[attribute]!)}`);
  const key: Record<string, AttributeValue> = {};
  for (const k of keyNames) key[k] = read[k]!;
  return {
    TableName: model.table.name,
    Key: key,
    UpdateExpression: [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].filter(Boolean).join(' '),
    ConditionExpression: condition.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnConsumedCapacity: 'TOTAL',
  };
}

/** The primary-key values of a stored item, for reports. @internal */
export function readKey(model: EntityModel, read: Record<string, AttributeValue>): Record<string, unknown> {
  return keyValues(model, Object.fromEntries(Object.entries(read).map(([k, a]) => [k, a.S ?? a.N ?? a.BOOL ?? null])));
}

/** Bookkeeping a rewrite leaves alone: the TTL and every extension attribute except the schema version. */
function keptAttributes(model: EntityModel): ReadonlySet<string> {
  const kept = new Set<string>();
  if (model.table.ttlAttribute) kept.add(model.table.ttlAttribute);
  kept.add(model.table.writeTokenAttribute);
  for (const e of model.extensions) for (const a of e.attributes) kept.add(a);
  if (model.versions) kept.delete(model.versions.attribute);
  return kept;
}

function sameValue(a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return canonical(a) === canonical(b);
}

/** A stable text of an AttributeValue: map keys sorted, sets as sets, numbers by value. */
function canonical(value: AttributeValue): string {
  if (value.S !== undefined) return 'S' + JSON.stringify(value.S);
  if (value.N !== undefined) return 'N' + value.N;
  if (value.BOOL !== undefined) return 'B' + String(value.BOOL);
  if (value.NULL !== undefined) return 'NULL';
  if (value.B !== undefined) return 'Y' + Buffer.from(value.B).toString('base64');
  if (value.SS !== undefined) return 'SS' + JSON.stringify([...value.SS].sort());
  if (value.NS !== undefined) return 'NS' + JSON.stringify(value.NS.map(Number).sort((x, y) => x - y));
  if (value.BS !== undefined) return 'BS' + JSON.stringify(value.BS.map((b) => Buffer.from(b).toString('base64')).sort());
  if (value.L !== undefined) return 'L[' + value.L.map(canonical).join(',') + ']';
  if (value.M !== undefined) {
    return 'M{' + Object.keys(value.M).sort().map((k) => JSON.stringify(k) + ':' + canonical(value.M![k]!)).join(',') + '}';
  }
  return JSON.stringify(value);
}
