import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { EntityModel } from '../model/entity-model.js';
import type { TableModel } from '../model/table-definition.js';
import type { WriteGuard } from '../model/write-extension.js';
import type { TransactionParticipant } from './transaction-participant.js';

/**
 * One prepared write for `transactWrite` (and, for plain puts/deletes,
 * `batchWrite`): built and validated by the entity, no I/O yet. A
 * {@link TransactionParticipant} like any other.
 *
 * Updates (`Entity.updateOp`, `kind: 'update'`) join transactions only:
 * `batchWrite` refuses them, as DynamoDB's BatchWriteItem carries no updates.
 *
 * @typeParam T - the entity's item type
 */
export interface WriteOperation<T = unknown> extends TransactionParticipant {
  readonly kind: 'put' | 'delete' | 'condition' | 'update';
  /** Entity name. */
  readonly entity: string;
  /** The primary-key attribute values (for errors and results). */
  readonly key: Readonly<Record<string, unknown>>;
  /** For puts: the item as it will be stored (after defaults, version increment, timestamps). */
  readonly item: T | undefined;
  /** The SDK request item. */
  readonly request: TransactWriteItem;
  /** @internal */
  readonly model: EntityModel;
  /** What the write extensions recorded (version, write token). @internal */
  readonly guard: WriteGuard;
  /** Table + key, to find two operations on one item. @internal */
  readonly identity: string;
  /** @internal */
  readonly table: TableModel;
}
