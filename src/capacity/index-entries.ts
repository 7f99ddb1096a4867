import { itemSizeBreakdown } from '../limits/item-size.js';
import type { ResolvedIndex, TableModel } from '../model/table-definition.js';

/** One index an item is in, and the size of its entry there. */
export interface IndexEntry {
  readonly index: string;
  readonly type: 'global' | 'local';
  /** The index's key values, to tell a key change from an entry update. */
  readonly key: string;
  /** Bytes of the entry: the table's and the index's key attributes plus what the index projects. */
  readonly size: number;
  /** The projected attributes' values, to tell whether the entry changes. */
  readonly projected: string;
}

/**
 * The secondary-index entries of a stored item (plain form, as `Entity.toStored`
 * returns it): an item is in a GSI when it has the GSI's key attributes, in
 * an LSI when it has the LSI's sort key (sparse indexes). An entry holds the
 * table keys, the index keys and the projected attributes (`all`: the item).
 * @internal
 */
export function indexEntries(table: TableModel, stored: Readonly<Record<string, unknown>> | undefined): Map<string, IndexEntry> {
  const out = new Map<string, IndexEntry>();
  if (stored === undefined) return out;
  const breakdown = itemSizeBreakdown(stored);
  const sizes = new Map(breakdown.attributes.map((a) => [a.attribute, a.size]));
  for (const index of Object.values(table.indexes)) {
    const keyAttributes = index.type === 'local' ? [index.sortKey] : [index.partitionKey, index.sortKey];
    if (keyAttributes.some((a) => a !== undefined && stored[a] === undefined)) continue;
    const attributes = projectedAttributes(table, index, stored);
    let size = 0;
    for (const a of attributes) size += sizes.get(a) ?? 0;
    out.set(index.name, {
      index: index.name,
      type: index.type,
      key: stableText([stored[index.partitionKey], index.sortKey === undefined ? null : stored[index.sortKey]]),
      size: index.projection === 'all' ? breakdown.size : size,
      projected: stableText(attributes.map((a) => [a, stored[a]])),
    });
  }
  return out;
}

function projectedAttributes(table: TableModel, index: ResolvedIndex, stored: Readonly<Record<string, unknown>>): string[] {
  if (index.projection === 'all') return Object.keys(stored).sort();
  const names = new Set([table.partitionKey, index.partitionKey]);
  if (table.sortKey) names.add(table.sortKey);
  if (index.sortKey) names.add(index.sortKey);
  if (index.projection !== 'keys-only') for (const a of index.projection.include) names.add(a);
  return [...names].filter((a) => stored[a] !== undefined).sort();
}

/** A comparable text of plain stored values (sets, binaries and bigints included). */
function stableText(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof Set) return { set: [...v].map(String).sort() };
    if (v instanceof Uint8Array) return { b: Buffer.from(v).toString('base64') };
    if (typeof v === 'bigint') return { n: v.toString() };
    if (v instanceof Map) return Object.fromEntries(v);
    return v;
  });
}
