import type { CapacityOption } from '../../observability/request-event.js';
import type { GetItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { EntityModel } from '../../model/entity-model.js';
import { primaryKey } from '../../model/item-codec.js';
import { readItem } from '../../model/item-reader.js';
import { ExpressionContext } from '../../expressions/expression-context.js';
import type { RouteOption } from '../../request/route-option.js';
import { send } from '../../request/send.js';
import { projectedSchema, projectionExpression } from '../../request/projection.js';

/** Options of `Entity.get`. */
export interface GetOptions<A extends string = string> extends RouteOption, CapacityOption {
  /** Strongly consistent read. */
  readonly consistent?: boolean | undefined;
  /** Fetch only these top-level attributes; the result type narrows to them. */
  readonly attributes?: readonly A[] | undefined;
  /** Return the stored item unvalidated (keys and bookkeeping included), e.g. for migrations. */
  readonly raw?: boolean | undefined;
  /** Also return items whose TTL has passed but that DynamoDB has not deleted yet. */
  readonly includeExpired?: boolean | undefined;
  readonly abortSignal?: AbortSignal | undefined;
}

const NO_OPTIONS: GetOptions = Object.freeze({});

/** @internal */
export async function getItem(model: EntityModel, key: Readonly<Record<string, unknown>>, options: GetOptions = NO_OPTIONS) {
  const input: GetItemCommandInput = { TableName: model.table.name, Key: primaryKey(model, key) };
  if (options.consistent) input.ConsistentRead = true;
  const attributes = options.raw ? undefined : options.attributes;
  if (attributes) {
    const ctx = new ExpressionContext();
    input.ProjectionExpression = projectionExpression(model, attributes, ctx);
    ctx.addTo(input);
  }
  const output = await send(model.table, 'GetItem', input, {
    entity: model.name,
    key,
    keyAttributes: model.primaryAttributes,
    abortSignal: options.abortSignal,
    route: options.route,
    capacity: options.returnConsumedCapacity,
  });
  if (!output.Item) return undefined;
  return readItem(model, output.Item, attributes ? { ...options, schema: projectedSchema(model, attributes) } : options);
}
