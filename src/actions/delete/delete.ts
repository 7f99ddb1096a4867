import { ConditionFailedError } from '../../errors.js';
import type { ConditionInput } from '../../expressions/condition-builder.js';
import { interpretConditionFailure } from '../../model/apply-extensions.js';
import type { EntityModel } from '../../model/entity-model.js';
import { readReturnedItem } from '../../model/item-reader.js';
import type { RouteOption } from '../../request/route-option.js';
import { send } from '../../request/send.js';
import { prepareDelete } from './delete-request.js';

/** Options of `Entity.delete`. */
export interface DeleteOptions<T> extends RouteOption {
  /** Delete only if this holds for the stored item. */
  readonly condition?: ConditionInput<T> | undefined;
  /** `'ALL_OLD'` returns the deleted item. */
  readonly returnValues?: 'NONE' | 'ALL_OLD' | undefined;
  readonly abortSignal?: AbortSignal | undefined;
  /**
   * Version-locked entities: the version the caller read. The delete fails
   * with `VersionConflictError` if another version is stored. `'any'` skips the check.
   */
  readonly expectedVersion?: number | 'any' | undefined;
}

/** Sends a delete; a failed condition is read back by the write extensions. @internal */
export async function deleteItem(model: EntityModel, key: Readonly<Record<string, unknown>>, options: DeleteOptions<unknown> = {}) {
  const prepared = prepareDelete(model, key, options.condition, options);
  const { input, guard } = prepared;
  if (options.returnValues === 'ALL_OLD') input.ReturnValues = 'ALL_OLD';
  let output;
  try {
    output = await send(model.table, 'DeleteItem', input, { entity: model.name, key: prepared.key, abortSignal: options.abortSignal, route: options.route });
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    const outcome = interpretConditionFailure(model, guard, error, 'delete');
    if (outcome !== 'applied') throw outcome;
    return undefined;
  }
  return output.Attributes ? readReturnedItem(model, output.Attributes) : undefined;
}
