import type { UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { ConfigurationError } from '../../errors.js';
import type { EntityModel } from '../../model/entity-model.js';
import { keyValues, primaryKey } from '../../model/item-codec.js';
import { readReturnedItem } from '../../model/item-reader.js';
import { compileCondition } from '../../expressions/compile-condition.js';
import type { ConditionNode } from '../../expressions/condition-node.js';
import { ExpressionContext } from '../../expressions/expression-context.js';
import { send } from '../../request/send.js';
import { existsCondition } from '../../actions/put/put.js';
import { notExpiredNode } from './ttl-condition.js';
import { toTtlSeconds, type ExpiryInput } from './ttl-value.js';

/** Options of `extendExpiry` / `removeExpiry`. */
export interface ExpiryUpdateOptions {
  /** Also act on an item whose TTL has passed (resurrecting it). Default: such items count as gone. */
  readonly includeExpired?: boolean;
  readonly abortSignal?: AbortSignal;
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
  const output = await send(model.table, 'UpdateItem', input, { entity: model.name, key: keyValues(model, key), abortSignal: options.abortSignal });
  return readReturnedItem(model, output.Attributes ?? {});
}
