import type { GetItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { EntityModel } from '../entity/entity-model.js';
import { keyValues, primaryKey } from '../entity/item-codec.js';
import { readStoredItem } from '../entity/item-reader.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { unmarshallItem } from '../marshalling/marshall.js';
import { isExpiredAttribute } from '../ttl/ttl-model.js';
import { mapAwsError } from './map-error.js';
import { projectedSchema, projectionExpression } from './projection.js';

/** Options of `Entity.get`. */
export interface GetOptions<A extends string = string> {
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
    Object.assign(input, ctx.toRequest());
  }
  let output;
  try {
    output = await model.table.transport.send('GetItem', input, options.abortSignal && { abortSignal: options.abortSignal });
  } catch (error) {
    throw mapAwsError(error, { entity: model.name, table: model.table.name, key: keyValues(model, key) });
  }
  if (!output.Item) return undefined;
  // DynamoDB deletes expired items only eventually; until then they are hidden here.
  if (!options.includeExpired && isExpiredAttribute(model.ttl, output.Item, model.table.clock)) return undefined;
  if (options.raw) return unmarshallItem(output.Item);
  return readStoredItem(model, output.Item, attributes ? projectedSchema(model, attributes) : model.schema);
}
