import type { ConditionInput } from '../../expressions/condition-builder.js';
import type { EntityModel } from '../../model/entity-model.js';
import { entityWriteOperation, withGuardedFields } from '../../request/entity-write-operation.js';
import type { WriteOperation } from '../../request/write-operation.js';
import { prepareDelete } from './delete-request.js';

/** Options of `Entity.deleteOp`. */
export interface DeleteOpOptions<T> {
  readonly condition?: ConditionInput<T> | undefined;
  /** Version-locked entities: the version read (or `'any'`). */
  readonly expectedVersion?: number | 'any' | undefined;
}

/** A delete for `transactWrite`/`batchWrite`, built now. Pure: no I/O. @internal */
export function deleteOperation<T>(model: EntityModel, key: Readonly<Record<string, unknown>>, options: DeleteOpOptions<T> = {}): WriteOperation<T> {
  const prepared = prepareDelete(model, key, options.condition as ConditionInput<unknown> | undefined, options);
  const { input } = prepared;
  return entityWriteOperation<T>({
    model,
    kind: 'delete',
    key: prepared.key,
    request: { Delete: withGuardedFields({ TableName: input.TableName, Key: input.Key }, input) },
    stored: input.Key!,
    guard: prepared.guard,
  });
}
