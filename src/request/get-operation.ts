import type { AttributeValue, CancellationReason as SdkReason } from '@aws-sdk/client-dynamodb';
import type { EntityModel } from '../model/entity-model.js';
import { keyValues, primaryKey } from '../model/item-codec.js';
import type { TableModel } from '../model/table-definition.js';
import { entityCancellation } from './entity-cancellation.js';
import { entityItemIdentity } from './item-identity.js';
import type { ParticipantReason } from './transaction-participant.js';

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
  /** @internal */
  readonly table: TableModel;
  /** Reads this key's reason when a `transactGet` is cancelled. @internal */
  interpretCancellation(reason: SdkReason): ParticipantReason;
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
    table: model.table,
    interpretCancellation: entityCancellation,
  };
}

/** The results of a list of get operations: a tuple in input order, `undefined` for missing items. */
export type GetResults<Ops extends readonly GetOperation[]> = { -readonly [I in keyof Ops]: Ops[I] extends GetOperation<infer T> ? T | undefined : never };
