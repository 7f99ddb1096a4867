import type { TableModel } from '../../model/table-definition.js';
import {
  createTable as createModel,
  deleteTable as deleteModel,
  describeTable as describeModel,
  ensureTable as ensureModel,
  waitForActive,
  type EnsureResult,
  type TableStatusReport,
  type WaitOptions,
} from '../../table/table-lifecycle.js';

export type { EnsureResult, TableStatusReport };

/** A table declaration: a `Table` or `TableCore`. */
export interface AdminTable {
  /** @internal */
  readonly model: TableModel;
}

/**
 * Creates the declared table and waits until it and its indexes are ACTIVE;
 * enables TTL if declared. Same as `table.create()`.
 *
 * @example
 * ```ts
 * import { createTable } from 'tablewright/admin';
 * await createTable(table);
 * ```
 */
export function createTable(table: AdminTable, options?: WaitOptions): Promise<void> {
  return createModel(table.model, options);
}

/** Creates the table if missing; otherwise adds missing GSIs, enables TTL and streams. Idempotent. Same as `table.ensure()`. */
export function ensureTable(table: AdminTable, options?: WaitOptions): Promise<EnsureResult> {
  return ensureModel(table.model, options);
}

/** Whether the table exists and how it differs from its declaration. Same as `table.describe()`. */
export function describeTable(table: AdminTable): Promise<TableStatusReport> {
  return describeModel(table.model);
}

/** Waits until the table and every GSI are ACTIVE. Same as `table.waitUntilActive()`. */
export async function waitUntilActive(table: AdminTable, options?: WaitOptions): Promise<void> {
  await waitForActive(table.model, options);
}

/** Deletes the table (refused by DynamoDB when deletion protection is on). Same as `table.delete()`. */
export function deleteTable(table: AdminTable): Promise<void> {
  return deleteModel(table.model);
}
