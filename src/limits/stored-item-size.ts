import { ItemTooLargeError, ValidationError } from '../errors.js';
import type { ValidationIssue } from '../errors.js';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshallItem } from '../marshalling/marshall.js';
import { ITEM_SIZE_LIMIT, itemSizeBreakdown, measureItem, type AttributeSize, type ItemSizeBreakdown } from './item-size.js';
import { marshallMeasured } from './measured-marshall.js';

/** What the size check reads of a table model (structural: limits sit below the model). @internal */
export interface SizedTable {
  readonly indexes: Readonly<
    Record<
      string,
      {
        readonly name: string;
        readonly type: 'global' | 'local';
        readonly partitionKey: string;
        readonly sortKey: string | undefined;
        readonly projection: 'all' | 'keys-only' | { readonly include: readonly string[] };
      }
    >
  >;
}

/** Size of one local secondary index entry that counts toward its item's limit. */
export interface IndexEntrySize {
  readonly index: string;
  readonly size: number;
}

/** An item as stored in a table, measured against the 400 KB limit. */
export interface StoredItemSize extends ItemSizeBreakdown {
  /** `size` plus every local-index entry: what DynamoDB compares with `limit`. */
  readonly total: number;
  readonly limit: number;
  readonly indexEntries: readonly IndexEntrySize[];
  /** `total <= limit` and no issues. */
  readonly fits: boolean;
}

/**
 * Measures a stored item (plain form: keys, entity type, converted values)
 * in its table. On tables with local secondary indexes, AWS counts the item
 * plus its LSI entries toward the 400 KB limit. Measured on DynamoDB Local
 * (docs/limits.md), an entry is the partition-key and index-sort-key
 * attributes plus the projected attributes (`all`: the whole item); an item
 * without the index's sort key is not in the index and adds nothing.
 */
export function measureStoredItem(table: SizedTable, stored: Readonly<Record<string, unknown>>): StoredItemSize {
  const breakdown = itemSizeBreakdown(stored);
  let total = breakdown.size;
  const indexEntries: IndexEntrySize[] = [];
  for (const index of Object.values(table.indexes)) {
    if (index.type !== 'local' || !index.sortKey || stored[index.sortKey] === undefined) continue;
    const sizeOf = (attribute: string) => breakdown.attributes.find((a) => a.attribute === attribute)?.size ?? 0;
    let size: number;
    if (index.projection === 'all') size = breakdown.size;
    else {
      size = sizeOf(index.partitionKey) + sizeOf(index.sortKey);
      if (index.projection !== 'keys-only') {
        for (const attribute of index.projection.include) {
          if (attribute !== index.partitionKey && attribute !== index.sortKey) size += sizeOf(attribute);
        }
      }
    }
    indexEntries.push({ index: index.name, size });
    total += size;
  }
  return { ...breakdown, total, limit: ITEM_SIZE_LIMIT, indexEntries, fits: total <= ITEM_SIZE_LIMIT && breakdown.issues.length === 0 };
}

const LOCAL_INDEXES = new WeakMap<SizedTable, boolean>();
function hasLocalIndexes(table: SizedTable): boolean {
  let has = LOCAL_INDEXES.get(table);
  if (has === undefined) {
    has = Object.values(table.indexes).some((i) => i.type === 'local');
    LOCAL_INDEXES.set(table, has);
  }
  return has;
}

/**
 * Throws before the request when a stored item cannot be written:
 * {@link ValidationError} for values DynamoDB refuses (with their paths),
 * {@link ItemTooLargeError} when over the limit. @internal
 */
export function assertStoredItemFits(
  table: SizedTable,
  entity: string,
  stored: Readonly<Record<string, unknown>>,
  key: Readonly<Record<string, unknown>> | undefined,
): void {
  // Hot path (put): without local indexes a plain total is enough; the breakdown is built only to explain a failure.
  if (!hasLocalIndexes(table)) {
    const issues: ValidationIssue[] = [];
    const size = measureItem(stored, issues);
    if (issues.length === 0 && size <= ITEM_SIZE_LIMIT) return;
  }
  const measured = measureStoredItem(table, stored);
  if (measured.issues.length > 0) {
    throw new ValidationError({ entity, key, issues: measured.issues, direction: 'write' });
  }
  if (measured.total > measured.limit) {
    throw new ItemTooLargeError({
      entity,
      key,
      size: measured.total,
      limit: measured.limit,
      largest: measured.attributes.slice(0, 5) as AttributeSize[],
      indexEntries: measured.indexEntries,
    });
  }
}

/**
 * {@link assertStoredItemFits}, then `marshallItem`: the same errors, in the
 * same order. Without local indexes the item is marshalled and measured in
 * one walk (which also records a bound of its wire size, `wireBoundOf`);
 * anything that walk does not handle (issues, conversions, an item over the
 * limit) goes through the two exact passes. @internal
 */
export function marshallFittingItem(
  table: SizedTable,
  entity: string,
  stored: Readonly<Record<string, unknown>>,
  key: Readonly<Record<string, unknown>> | undefined,
): Record<string, AttributeValue> {
  if (!hasLocalIndexes(table)) {
    const measured = marshallMeasured(stored);
    if (measured !== undefined && measured.size <= ITEM_SIZE_LIMIT) return measured.item;
  }
  assertStoredItemFits(table, entity, stored, key);
  return marshallItem(stored as Record<string, unknown>);
}
