import type { UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { ConfigurationError } from '../errors.js';
import type { EntityModel } from '../entity/entity-model.js';
import { fromStoredItem, keyValues, primaryKey } from '../entity/item-codec.js';
import { compileCondition } from '../expressions/compile-condition.js';
import type { ConditionNode } from '../expressions/condition-node.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { unmarshallItem } from '../marshalling/marshall.js';
import { mapAwsError } from '../operations/map-error.js';
import { existsCondition } from '../operations/put.js';
import { notExpiredNode } from './ttl-condition.js';
import { toTtlSeconds, type ExpiryInput } from './ttl-value.js';

/** Options of `extendExpiry` / `removeExpiry`. */
export interface ExpiryUpdateOptions {
  /** Also act on an item whose TTL has passed (resurrecting it). Default: such items count as gone. */
  readonly includeExpired?: boolean | undefined;
  readonly abortSignal?: AbortSignal | undefined;
}

/**
 * Sets (or, with `null`, removes) an item's expiry. Fails with
 * `ConditionFailedError` when the item does not exist or has already expired.
 * Returns the item as stored afterwards.
 * @internal
 */
export async function setExpiry(
  model: EntityModel,
  key: Readonly<Record<string, unknown>>,
  expiresAt: ExpiryInput | null,
  options: ExpiryUpdateOptions = {},
): Promise<Record<string, unknown>> {
  const ttl = model.ttl;
  if (!ttl) throw new ConfigurationError(`${model.name}: the table declares no ttlAttribute`);
  const now = model.table.clock();
  const ctx = new ExpressionContext();
  const input: UpdateItemCommandInput = {
    TableName: model.table.name,
    Key: primaryKey(model, key),
    UpdateExpression:
      expiresAt === null
        ? `REMOVE ${ctx.name(ttl.attribute)}`
        : `SET ${ctx.name(ttl.attribute)} = ${ctx.value(toTtlSeconds(expiresAt, now, { entity: model.name, attribute: ttl.attribute }))}`,
    ReturnValues: 'ALL_NEW',
  };
  const conditions: ConditionNode[] = [existsCondition(model)];
  if (!options.includeExpired) conditions.push(notExpiredNode(ttl, now));
  input.ConditionExpression = compileCondition({ kind: 'and', conditions }, ctx);
  Object.assign(input, ctx.toRequest());
  let output;
  try {
    output = await model.table.transport.send('UpdateItem', input, options.abortSignal && { abortSignal: options.abortSignal });
  } catch (error) {
    throw mapAwsError(error, { entity: model.name, table: model.table.name, key: keyValues(model, key) });
  }
  return fromStoredItem(model, unmarshallItem(output.Attributes ?? {}));
}
