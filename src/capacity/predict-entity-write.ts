import type { z } from 'zod';
import type { AnyObjectSchema } from '../model/entity-types.js';
import type { EntityModel } from '../model/entity-model.js';
import { predictStoredWrite, type CapacityPrediction } from './predict-write.js';

/** What {@link predictWriteCapacity} needs of an entity: any `Entity` from `table.entity(…)`. */
export interface WritableEntity<S extends AnyObjectSchema> {
  /** @internal */
  readonly model: EntityModel;
  /** @internal */
  readonly schema: S;
  toStored(item: z.input<S>): Record<string, unknown>;
}

/** Options of {@link predictWriteCapacity}. */
export interface PredictWriteOptions {
  /** Inside `transactWrite`: every unit counts twice. Default `false`. */
  readonly transactional?: boolean | undefined;
}

/**
 * Predicts the write units one write of an entity item will consume, from
 * the exact size of the item as tablewright stores it (keys, entity type,
 * compression, TTL included), per table and index — before anything is sent.
 *
 * - a put or create: `{ after: item }` (add `before` when it replaces an item you read);
 * - an update: `{ before, after }`, the item before and after the change;
 * - a delete: `{ before: item }`, or `{}` for an item that does not exist (1 unit).
 *
 * @example
 * ```ts
 * import { predictWriteCapacity } from 'tablewright/admin';
 * const cost = predictWriteCapacity(Order, { after: order });
 * console.log(cost.total, cost.table, cost.indexes); // e.g. 4, 3, { byStatus: 1 }
 * ```
 */
export function predictWriteCapacity<S extends AnyObjectSchema>(
  entity: WritableEntity<S>,
  change: { readonly before?: z.input<S> | undefined; readonly after?: z.input<S> | undefined },
  options: PredictWriteOptions = {},
): CapacityPrediction {
  const stored = (item: z.input<S> | undefined) => (item === undefined ? undefined : entity.toStored(item));
  return predictStoredWrite(entity.model.table, { before: stored(change.before), after: stored(change.after) }, options.transactional === true);
}
