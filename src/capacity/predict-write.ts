import { measureItem } from '../limits/item-size.js';
import type { TableModel } from '../model/table-definition.js';
import { writeUnits } from './capacity-units.js';
import { indexEntries } from './index-entries.js';

/** Capacity units a request is predicted to consume, in total and per table and index. */
export interface CapacityPrediction {
  /** Everything: the table plus every index. */
  readonly total: number;
  /** The base table's share. */
  readonly table: number;
  /** Each secondary index's share (only indexes the request writes to or reads from). */
  readonly indexes: Readonly<Record<string, number>>;
}

/** A write as stored items: the item before (if any) and after (if any, `undefined` for deletes). @internal */
export interface StoredChange {
  readonly before?: Readonly<Record<string, unknown>> | undefined;
  readonly after?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Write units of one item write (developer guide, capacity unit consumption;
 * matches DynamoDB Local's `ConsumedCapacity` with `INDEXES`):
 * - table: the larger of the item before and after, in 1 KB units (a delete:
 *   the deleted item; deleting a missing item still costs 1, also in a
 *   transaction, as measured on DynamoDB Local);
 * - each index: a new entry costs its size, a removed entry its size, a changed
 *   index key a delete plus a put, a changed projected value the larger entry,
 *   and a change of attributes the index does not project nothing;
 * - transactional writes cost twice.
 * Without `before`, a put is predicted as an insert: replacing an existing,
 * larger item costs more.
 * @internal
 */
export function predictStoredWrite(table: TableModel, change: StoredChange, transactional = false): CapacityPrediction {
  const { before, after } = change;
  const sizeOf = (item: Readonly<Record<string, unknown>> | undefined) => (item === undefined ? 0 : measureItem(item, []));
  // Deleting a missing item costs 1 unit, inside a transaction too (measured on DynamoDB Local).
  const tableUnits = before === undefined && after === undefined ? 1 : writeUnits(Math.max(sizeOf(before), sizeOf(after)), transactional);
  const old = indexEntries(table, before);
  const now = indexEntries(table, after);
  const indexes: Record<string, number> = {};
  let total = tableUnits;
  for (const name of new Set([...old.keys(), ...now.keys()])) {
    const b = old.get(name);
    const a = now.get(name);
    let units = 0;
    if (b && a) {
      if (b.key !== a.key) units = writeUnits(b.size, transactional) + writeUnits(a.size, transactional);
      else if (b.projected !== a.projected) units = writeUnits(Math.max(b.size, a.size), transactional);
    } else {
      units = writeUnits((a ?? b)!.size, transactional);
    }
    if (units === 0) continue;
    indexes[name] = units;
    total += units;
  }
  return { total, table: tableUnits, indexes };
}
