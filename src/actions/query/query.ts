import type { CapacityOption } from '../../observability/request-event.js';
import type { QueryCommandInput } from '@aws-sdk/client-dynamodb';
import type { z } from 'zod';
import type { EntityModel } from '../../model/entity-model.js';
import { readItem } from '../../model/item-reader.js';
import { resolveCondition, type ConditionInput } from '../../expressions/condition-builder.js';
import { ExpressionContext } from '../../expressions/expression-context.js';
import { compileKeyCondition, resolveSortKey, type SortKeyInput } from '../../expressions/key-condition.js';
import { encodeCursor, type CursorScope } from '../../request/cursor.js';
import { send } from '../../request/send.js';
import type { RouteOption } from '../../request/route-option.js';
import { projectedSchema, projectionExpression } from '../../request/projection.js';
import {
  allPages,
  applyPaging,
  checkConsistent,
  entityFilter,
  entityIndexKeys,
  readTarget,
  withConsumed,
  type Page,
  withCursor,
  type PageOptions,
} from '../../request/read-request.js';

/** Options of `Entity.query`. `V` is the sort-key template's attributes. */
export interface QueryOptions<T, V = Record<string, unknown>, A extends string = string> extends PageOptions {
  /** A condition on the sort key, expressed with the sort-key template's attribute values. */
  readonly sort?: SortKeyInput<V> | undefined;
  /** Sort-key order; default `'asc'`. */
  readonly order?: 'asc' | 'desc' | undefined;
  /** Applied by DynamoDB after the key condition (and after `limit`). */
  readonly filter?: ConditionInput<T> | undefined;
  /** Fetch only these top-level attributes; items narrow to them. */
  readonly attributes?: readonly A[] | undefined;
  /** Strongly consistent read. Refused before sending on a global secondary index. */
  readonly consistent?: boolean | undefined;
}

/** A built Query request plus what is needed to read its pages. @internal */
export interface PreparedQuery {
  readonly input: QueryCommandInput;
  readonly scope: CursorScope;
  readonly schema: z.ZodType;
}

/**
 * Builds a Query for one entity: key condition from the templates, a filter
 * on the entity type, a static sort-key prefix when no sort condition is given.
 * No I/O. @internal
 */
export function prepareQuery(
  model: EntityModel,
  index: string,
  key: Readonly<Record<string, unknown>>,
  options: QueryOptions<unknown> = {},
  select?: 'COUNT',
): PreparedQuery {
  const target = readTarget(model.table, index, model.name);
  const keys = entityIndexKeys(model, index);
  checkConsistent(target, options.consistent);
  const ctx = new ExpressionContext();
  const input: QueryCommandInput = {
    TableName: model.table.name,
    KeyConditionExpression: compileKeyCondition(
      { ...keys, delimiter: model.table.delimiter },
      key,
      options.sort && resolveSortKey(options.sort),
      ctx,
    ),
  };
  if (target.indexName) input.IndexName = target.indexName;
  if (options.order === 'desc') input.ScanIndexForward = false;
  if (options.consistent) input.ConsistentRead = true;
  const scope: CursorScope = { table: model.table, index, reader: model.name, keyAttributes: target.keyAttributes };
  applyPaging(input, scope, options, entityFilter(model.table, [model.name], options.filter && resolveCondition(options.filter, model), options), ctx);
  let schema: z.ZodType = model.schema;
  if (select === 'COUNT') input.Select = 'COUNT';
  else if (options.attributes) {
    input.ProjectionExpression = projectionExpression(model, options.attributes, ctx);
    schema = projectedSchema(model, options.attributes);
  }
  ctx.addTo(input);
  return { input, scope, schema };
}

/** @internal */
export async function queryPage(
  model: EntityModel,
  index: string,
  key: Readonly<Record<string, unknown>>,
  options: QueryOptions<unknown> = {},
): Promise<Page<unknown>> {
  const { input, scope, schema } = prepareQuery(model, index, key, options);
  const output = await sendQuery(model, input, options.abortSignal, options.route, options.returnConsumedCapacity);
  return withConsumed(
    {
      items: (output.Items ?? []).map((item) => readItem(model, item, { schema, includeExpired: true })!),
      cursor: encodeCursor(scope, output.LastEvaluatedKey),
    },
    output.ConsumedCapacity,
  );
}

/** Every page from `options.cursor` on. @internal */
export function queryPages(
  model: EntityModel,
  index: string,
  key: Readonly<Record<string, unknown>>,
  options: QueryOptions<unknown> = {},
): AsyncGenerator<Page<unknown>> {
  // Build once up front so bad input throws at the call, not at the first iteration.
  prepareQuery(model, index, key, options);
  return allPages((cursor) => queryPage(model, index, key, withCursor(options, cursor)), options.cursor);
}

/** Counts matching items across all pages with `Select: COUNT`. @internal */
export async function countQuery(
  model: EntityModel,
  index: string,
  key: Readonly<Record<string, unknown>>,
  options: QueryOptions<unknown> = {},
): Promise<number> {
  const { input } = prepareQuery(model, index, key, options, 'COUNT');
  let total = 0;
  let start = input.ExclusiveStartKey;
  do {
    const output = await sendQuery(model, start ? { ...input, ExclusiveStartKey: start } : input, options.abortSignal, options.route, options.returnConsumedCapacity);
    total += output.Count ?? 0;
    start = output.LastEvaluatedKey;
  } while (start);
  return total;
}

/** @internal */
export function sendQuery(model: { name: string; table: EntityModel['table'] }, input: QueryCommandInput, abortSignal?: AbortSignal, route?: RouteOption['route'], capacity?: CapacityOption['returnConsumedCapacity']) {
  return send(model.table, 'Query', input, { entity: model.name, abortSignal, route, capacity });
}
