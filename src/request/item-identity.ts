import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { EntityModel } from '../model/entity-model.js';

/**
 * A string that names one stored item: table plus primary key values.
 * Transactions and batches use it to find two operations on the same item
 * and to map DynamoDB's unprocessed keys back to the caller's inputs.
 * tablewright keys are always strings, so `S` is all we need to read.
 * @internal
 */
export function itemIdentity(table: string, partitionKey: string, sortKey: string | undefined, item: Record<string, AttributeValue>): string {
  const pk = item[partitionKey]?.S ?? '';
  const sk = sortKey === undefined ? '' : (item[sortKey]?.S ?? '');
  return `${table}\u0000${pk}\u0000${sk}`;
}

/** {@link itemIdentity} for an entity's marshalled key (or full item). @internal */
export function entityItemIdentity(model: EntityModel, item: Record<string, AttributeValue>): string {
  return itemIdentity(model.table.name, model.primary.partitionKeyAttribute, model.primary.sortKeyAttribute, item);
}
