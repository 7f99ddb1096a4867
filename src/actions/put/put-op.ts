import { ConfigurationError } from '../../errors.js';
import { resolveCondition, type ConditionInput } from '../../expressions/condition-builder.js';
import { itemNotExists } from '../../expressions/item-conditions.js';
import type { EntityModel } from '../../model/entity-model.js';
import { entityWriteOperation, withGuardedFields } from '../../request/entity-write-operation.js';
import type { WriteOperation } from '../../request/write-operation.js';
import { preparePut } from './put-request.js';

/** Options of `Entity.putOp`. */
export interface PutOpOptions<T> {
  readonly condition?: ConditionInput<T> | undefined;
  /** `true`: the item must not exist yet (like `Entity.create`). */
  readonly create?: boolean | undefined;
  /**
   * `true`: an unconditional write for bulk loads, imports and restores. The
   * item replaces whatever is stored under its key, and no write extension
   * adds a condition, so `batchWrite` accepts it even for version-locked
   * entities. A version-locked item is stored with its own version (the
   * `version` field of the item, e.g. from an export) or 1, so later locked
   * writes (`put` with the version read, `update` with `expectedVersion`) work
   * from it. Timestamps and TTL are applied as for any put. Cannot be
   * combined with `create` or `condition` (`ConfigurationError`): a load
   * never checks what it overwrites, so nothing may write the same items
   * concurrently.
   */
  readonly load?: boolean | undefined;
}

/** A put for `transactWrite`/`batchWrite`, built now. Pure: no I/O. @internal */
export function putOperation<T>(model: EntityModel, item: unknown, options: PutOpOptions<T> = {}): WriteOperation<T> {
  if (options.load && (options.create || options.condition)) {
    throw new ConfigurationError(`${model.name}.putOp: load writes unconditionally; it cannot be combined with ${options.create ? 'create' : 'condition'}`);
  }
  const condition = options.condition && resolveCondition(options.condition as ConditionInput<unknown>, model);
  const notExists = options.create ? itemNotExists(model.primary.partitionKeyAttribute) : undefined;
  const prepared = preparePut(model, item, condition, notExists, {
    create: options.create === true,
    transactional: true,
    load: options.load === true,
  });
  const { input } = prepared;
  return entityWriteOperation<T>({
    model,
    kind: 'put',
    key: prepared.key,
    item: prepared.parsed as T,
    request: { Put: withGuardedFields({ TableName: input.TableName, Item: input.Item }, input) },
    stored: input.Item!,
    guard: prepared.guard,
  });
}
