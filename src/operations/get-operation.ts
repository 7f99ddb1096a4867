import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { EntityModel } from '../entity/entity-model.js';
import { keyValues, primaryKey } from '../entity/item-codec.js';
import { entityItemIdentity } from './item-identity.js';

/**
 * One key to read with `transactGet` or `batchGet`, built by `Entity.getOp`.
 *
 * @typeParam T - the entity's item type (the result type for this position)
 */
export interface GetOperation<T = unknown> {
  readonly kind: 'get';
  readonly entity: string;
  readonly key: Readonly<Record<string, unknown>>;
  /** The marshalled primary key. */
  readonly request: { readonly TableName: string; readonly Key: Record<string, AttributeValue> };
  /** @internal */
  readonly model: EntityModel;
  /** @internal */
  readonly identity: string;
  /** Carries the result type only. @internal */
  readonly __item?: T | undefined;
}

/** @internal */
export function getOperation<T>(model: EntityModel, key: Readonly<Record<string, unknown>>): GetOperation<T> {
  const Key = primaryKey(model, key);
  return {
    kind: 'get',
    entity: model.name,
    key: keyValues(model, key),
    request: { TableName: model.table.name, Key },
    model,
    identity: entityItemIdentity(model, Key),
  };
}

/** The results of a list of get operations: a tuple in input order, `undefined` for missing items. */
export type GetResults<Ops extends readonly GetOperation[]> = { -readonly [I in keyof Ops]: Ops[I] extends GetOperation<infer T> ? T | undefined : never };
