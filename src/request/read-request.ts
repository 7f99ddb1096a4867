import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { sumCapacity } from '../observability/build-request-event.js';
import type { ConsumedUnits } from '../observability/request-event.js';
import type { CapacityOption } from '../observability/request-event.js';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { CompiledIndexKeys } from '../model/entity-model.js';
import { ConfigurationError, KeyError } from '../errors.js';
import { compileCondition } from '../expressions/compile-condition.js';
import type { ConditionNode } from '../expressions/condition-node.js';
import type { ExpressionContext } from '../expressions/expression-context.js';
import { decodeCursor, type CursorScope } from './cursor.js';
import type { RouteOption } from './route-option.js';
import type { TableModel } from '../model/table-definition.js';
import { allConditions, entityTypeIs, notExpired } from '../expressions/item-conditions.js';

/**
 * Pieces shared by Query and Scan requests: which index, the entity-type
 * filter, cursors and common option checks.
 * @internal
 */

/** One page of results. `cursor` is set when more may follow (even after an empty page). */
export interface Page<T> {
  readonly items: T[];
  readonly cursor: string | undefined;
  /** Capacity this page consumed, when the call or the table asked for it (`returnConsumedCapacity`). */
  readonly consumed?: ConsumedUnits | undefined;
}

/** The page with `consumed` added when DynamoDB reported capacity (no property otherwise). @internal */
export function withConsumed<T>(page: Page<T>, capacity: ConsumedCapacity | undefined): Page<T> {
  return capacity === undefined ? page : { ...page, consumed: sumCapacity([capacity]) };
}

/** Options every paginated read takes. */
export interface PageOptions extends RouteOption, CapacityOption {
  /** Maximum items DynamoDB evaluates for this page (before filters). */
  readonly limit?: number | undefined;
  /** Continue after this cursor (from a previous page). */
  readonly cursor?: string | undefined;
  /**
   * Also return items whose TTL has passed but that DynamoDB has not deleted
   * yet. By default they are filtered out on the server side.
   */
  readonly includeExpired?: boolean | undefined;
  readonly abortSignal?: AbortSignal | undefined;
}

/** The table and index a read targets. @internal */
export interface ReadTarget {
  readonly table: TableModel;
  readonly index: string;
  readonly indexName: string | undefined;
  readonly keyAttributes: readonly string[];
  readonly global: boolean;
}

/** Resolves `'primary'` or an index name to a read target. @internal */
export function readTarget(table: TableModel, index: string, entity?: string): ReadTarget {
  const keyAttributes = [table.partitionKey, ...(table.sortKey ? [table.sortKey] : [])];
  if (index === 'primary') return { table, index, indexName: undefined, keyAttributes, global: false };
  const def = table.indexes[index];
  if (!def) {
    throw new KeyError({
      message: `${entity ?? table.name}: table ${table.name} has no index "${index}"`,
      reason: 'unknown-index',
      entity,
      index,
    });
  }
  for (const a of [def.partitionKey, def.sortKey]) if (a && !keyAttributes.includes(a)) keyAttributes.push(a);
  return { table, index, indexName: index, keyAttributes, global: def.type === 'global' };
}

/** The compiled keys of `'primary'` or an index for an entity. @internal */
export function entityIndexKeys(
  model: { readonly name: string; readonly primary: CompiledIndexKeys; readonly indexes: ReadonlyMap<string, CompiledIndexKeys> },
  index: string,
): CompiledIndexKeys {
  const keys = index === 'primary' ? model.primary : model.indexes.get(index);
  if (!keys) {
    throw new KeyError({ message: `${model.name} has no key templates for index "${index}"`, reason: 'unknown-index', entity: model.name, index });
  }
  return keys;
}

/**
 * `_et = :name` (or `_et IN (…)`), the not-expired filter when the table has a
 * TTL attribute, and the user's filter. The TTL part runs server side, so
 * expired items cost no client work and `Limit`/cursors behave as usual.
 * @internal
 */
export function entityFilter(
  table: TableModel,
  entities: readonly string[] | undefined,
  filter: ConditionNode | undefined,
  options: Pick<PageOptions, 'includeExpired'> = {},
): ConditionNode | undefined {
  const parts: ConditionNode[] = [];
  if (table.ttlAttribute && !options.includeExpired) parts.push(notExpired(table.ttlAttribute, table.clock()));
  if (entities && entities.length > 0) parts.push(entityTypeIs(table.entityTypeAttribute, entities));
  if (filter) parts.push(filter);
  return allConditions(parts);
}

/** Applies limit, cursor and filter to a request. Throws before sending on bad options. @internal */
export function applyPaging(
  input: { Limit?: number | undefined; ExclusiveStartKey?: Record<string, AttributeValue> | undefined; FilterExpression?: string | undefined },
  scope: CursorScope,
  options: PageOptions,
  filter: ConditionNode | undefined,
  ctx: ExpressionContext,
): void {
  if (options.limit !== undefined) {
    if (!Number.isInteger(options.limit) || options.limit < 1) {
      throw new ConfigurationError(`limit must be a positive integer, got ${options.limit}`);
    }
    input.Limit = options.limit;
  }
  if (options.cursor !== undefined) input.ExclusiveStartKey = decodeCursor(scope, options.cursor);
  if (filter) input.FilterExpression = compileCondition(filter, ctx);
}

/** Refuses ConsistentRead on a GSI before the request (DynamoDB would reject it). @internal */
export function checkConsistent(target: ReadTarget, consistent: boolean | undefined): void {
  if (consistent && target.global) {
    throw new ConfigurationError(`Consistent reads are not supported on global secondary index ${target.index} of table ${target.table.name}`);
  }
}

/** Walks every page, starting at `options.cursor`; empty pages that carry a cursor are followed. @internal */
export async function* allPages<P extends { readonly cursor: string | undefined }>(
  fetch: (cursor: string | undefined) => Promise<P>,
  start: string | undefined,
): AsyncGenerator<P> {
  let cursor = start;
  do {
    const page = await fetch(cursor);
    yield page;
    cursor = page.cursor;
  } while (cursor !== undefined);
}

/** `options` with `cursor` replaced (or dropped when `undefined`). @internal */
export function withCursor<O extends PageOptions>(options: O, cursor: string | undefined): O {
  const { cursor: _previous, ...rest } = options;
  return (cursor === undefined ? rest : { ...rest, cursor }) as O;
}
