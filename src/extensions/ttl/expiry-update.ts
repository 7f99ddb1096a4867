import type { UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { ConfigurationError } from '../../errors.js';
import type { EntityModel } from '../../model/entity-model.js';
import { keyValues, primaryKey } from '../../model/item-codec.js';
import { readReturnedItem } from '../../model/item-reader.js';
import { compileCondition } from '../../expressions/compile-condition.js';
import { bothConditions, itemExists, notExpired } from '../../expressions/item-conditions.js';
import { ExpressionContext } from '../../expressions/expression-context.js';
import { send } from '../../request/send.js';
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
  const attribute = model.table.ttlAttribute;
  if (!attribute) throw new ConfigurationError(`${model.name}: the table declares no ttlAttribute`);
  const now = model.table.clock();
  const ctx = new ExpressionContext();
  const input: UpdateItemCommandInput = {
    TableName: model.table.name,
    Key: primaryKey(model, key),
    UpdateExpression:
      expiresAt === null
        ? `REMOVE ${ctx.name(attribute)}`
        : `SET ${ctx.name(attribute)} = ${ctx.value(toTtlSeconds(expiresAt, now, { entity: model.name, attribute }))}`,
    ReturnValues: 'ALL_NEW',
  };
  const exists = itemExists(model.primary.partitionKeyAttribute);
  // An expired item counts as gone (reads hide it); includeExpired resurrects it.
  input.ConditionExpression = compileCondition(options.includeExpired ? exists : bothConditions(exists, notExpired(attribute, now)), ctx);
  Object.assign(input, ctx.toRequest());
  const output = await send(model.table, 'UpdateItem', input, { entity: model.name, key: keyValues(model, key), abortSignal: options.abortSignal });
  return readReturnedItem(model, output.Attributes ?? {});
}
