import type { z } from 'zod';
import type { Entity } from './entity.js';
import type { EntityModel } from '../model/entity-model.js';
import type { QueryKey } from '../model/entity-types.js';
import { readItem } from '../model/item-reader.js';
import { toNative } from '../marshalling/unmarshall.js';
import { ConfigurationError } from '../errors.js';
import { resolveCondition, type ConditionInput } from '../expressions/condition-builder.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { compileKeyCondition } from '../expressions/key-condition.js';
import type { QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { sendQuery } from '../actions/query/query.js';
import {
  allPages,
  applyPaging,
  checkConsistent,
  entityFilter,
  entityIndexKeys,
  readTarget,
  withCursor,
  type PageOptions,
} from '../request/read-request.js';
import { encodeCursor, type CursorScope } from '../request/cursor.js';
import type { TableModel } from '../model/table-definition.js';

/** Any entity. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEntity = Entity<string, any, any>;

/**
 * What a collection needs of a member (every `Entity` is one). Structural and
 * small on purpose: checking each member against the whole `Entity` class
 * was most of the type-check cost of a 60-entity collection.
 */
export interface CollectionMember {
  /** @internal */
  readonly model: EntityModel;
  readonly schema: unknown;
  readonly keys: unknown;
}

/** The entities of a collection, by the names its results are grouped under. */
export type CollectionEntities = Readonly<Record<string, CollectionMember>>;

/** Items of one page, grouped by entity. */
export type CollectionItems<E extends CollectionEntities> = {
  [N in keyof E]: E[N] extends { readonly schema: infer S } ? z.output<S>[] : never;
};

/** One page of a collection query. */
export interface CollectionPage<E extends CollectionEntities> {
  readonly items: CollectionItems<E>;
  readonly cursor: string | undefined;
}

/** The partition-key values of the collection's index (shared by every member). */
export type CollectionKey<E extends CollectionEntities, I extends string> = {
  [N in keyof E]: E[N] extends { readonly schema: infer S; readonly keys: infer K } ? (I extends keyof K ? QueryKey<z.output<S>, K, I> : never) : never;
}[keyof E];

/** Options of a collection query. */
export interface CollectionQueryOptions extends PageOptions {
  readonly order?: 'asc' | 'desc' | undefined;
  readonly consistent?: boolean | undefined;
  /** Applied after the key condition, to items of every member entity. */
  readonly filter?: ConditionInput<Record<string, unknown>> | undefined;
}

/**
 * Several entities that share a partition (for example an organisation, its
 * users and its orders). One query reads the partition and returns the items
 * grouped by entity, each parsed by its own schema. Members must use the same
 * partition-key template on the collection's index; this is checked when the
 * collection is defined.
 *
 * @example
 * ```ts
 * const org = table.collection({ org: Org, users: User, orders: Order });
 * const { items } = await org.query({ orgId: 'acme' });
 * items.users; // User[]
 * ```
 */
export class Collection<E extends CollectionEntities, I extends string = 'primary'> {
  readonly entities: E;
  /** `'primary'` or the index every member shares a partition on. */
  readonly index: I;
  private readonly table: TableModel;
  private readonly byType: ReadonlyMap<string, { group: string; model: EntityModel }>;
  private readonly scope: CursorScope;
  private readonly first: EntityModel;

  constructor(table: TableModel, entities: E, index: I) {
    this.table = table;
    this.entities = entities;
    this.index = index;
    const fail: (message: string) => never = (message) => {
      throw new ConfigurationError(`Collection on ${index}: ${message}`);
    };
    const members = Object.entries(entities);
    if (members.length === 0) fail('give at least one entity');
    const byType = new Map<string, { group: string; model: EntityModel }>();
    let reference: { name: string; probe: string; attributes: readonly string[] } | undefined;
    for (const [group, entity] of members) {
      const model = entity.model;
      if (model.table !== table) fail(`entity ${model.name} belongs to table ${model.table.name}, not ${table.name}`);
      if (byType.has(model.name)) fail(`entity ${model.name} is listed twice`);
      const keys = index === 'primary' ? model.primary : model.indexes.get(index);
      if (!keys) fail(`entity ${model.name} has no key templates for ${index}`);
      // Same template ⇔ same static text, attribute names and kinds.
      const probe = keys.pk.signature;
      if (!reference) reference = { name: model.name, probe, attributes: keys.pk.attributes };
      else if (probe !== reference.probe || keys.pk.attributes.join('\u0000') !== reference.attributes.join('\u0000')) {
        fail(`entities ${reference.name} and ${model.name} use different partition-key templates on ${index}`);
      }
      byType.set(model.name, { group, model });
    }
    this.byType = byType;
    this.first = members[0]![1].model;
    const target = readTarget(table, index);
    this.scope = {
      table,
      index,
      reader: `collection(${[...byType.keys()].sort().join(',')})`,
      keyAttributes: target.keyAttributes,
    };
  }

  /** Reads one page of the partition, grouped by entity. */
  async query(key: CollectionKey<E, I>, options: CollectionQueryOptions = {}): Promise<CollectionPage<E>> {
    const input = this.prepare(key as Readonly<Record<string, unknown>>, options);
    const output = await sendQuery({ name: this.scope.reader, table: this.table }, input, options.abortSignal, options.route, options.returnConsumedCapacity);
    const items: Record<string, unknown[]> = {};
    for (const { group } of this.byType.values()) items[group] = [];
    for (const stored of output.Items ?? []) {
      const type = stored[this.table.entityTypeAttribute];
      const member = this.byType.get(String(type === undefined ? undefined : toNative(type)));
      // Expired items were filtered on the server (see entityFilter).
      if (member) items[member.group]!.push(readItem(member.model, stored, { includeExpired: true })!);
    }
    return { items: items as CollectionItems<E>, cursor: encodeCursor(this.scope, output.LastEvaluatedKey) };
  }

  /** Every page from `options.cursor` on. */
  pages(key: CollectionKey<E, I>, options: CollectionQueryOptions = {}): AsyncGenerator<CollectionPage<E>> {
    this.prepare(key as Readonly<Record<string, unknown>>, options);
    return allPages((cursor) => this.query(key, withCursor(options, cursor)), options.cursor);
  }

  private prepare(key: Readonly<Record<string, unknown>>, options: CollectionQueryOptions): QueryCommandInput {
    const target = readTarget(this.table, this.index);
    checkConsistent(target, options.consistent);
    const keys = entityIndexKeys(this.first, this.index);
    const ctx = new ExpressionContext();
    const input: QueryCommandInput = {
      TableName: this.table.name,
      // Members' sort keys differ: no sort condition, the whole partition is read.
      KeyConditionExpression: compileKeyCondition(
        { partitionKeyAttribute: keys.partitionKeyAttribute, sortKeyAttribute: undefined, pk: keys.pk, sk: undefined, delimiter: this.table.delimiter },
        key,
        undefined,
        ctx,
      ),
    };
    if (target.indexName) input.IndexName = target.indexName;
    if (options.order === 'desc') input.ScanIndexForward = false;
    if (options.consistent) input.ConsistentRead = true;
    const filter = options.filter && resolveCondition(options.filter);
    applyPaging(input, this.scope, options, entityFilter(this.table, [...this.byType.keys()], filter, options), ctx);
    Object.assign(input, ctx.toRequest());
    return input;
  }
}
