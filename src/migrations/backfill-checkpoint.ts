import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ConfigurationError } from '../errors.js';
import type { TableModel } from '../model/table-definition.js';
import { send } from '../request/send.js';

/**
 * Segment checkpoints of a backfill, stored in the table itself: one item per
 * segment under a reserved key (`_tablewright#backfill#<id>`), written after
 * each page once every rewrite of the page has settled. A resumed segment
 * starts from the stored cursor; a page interrupted half-way is scanned again,
 * and its rewritten items no longer match (they are at the new version) or
 * fail their unchanged-since-read condition, so nothing is rewritten twice.
 * @internal
 */

/** The entity type of checkpoint items: no entity reads them. @internal */
export const CHECKPOINT_TYPE = '_tablewright.backfill';

/** Counters a segment has reached. */
export interface BackfillCounts {
  /** Items DynamoDB read (ScannedCount, before the filter). */
  scanned: number;
  /** Items rewritten (or, in a dry run, that would be). */
  rewritten: number;
  /** Items left as they were: already current, unchanged by the function, filtered out, or superseded by a concurrent write. */
  skipped: number;
  /** Items that could not be rewritten (an error, or still changing after the retries). */
  failed: number;
}

/** One segment's saved state. @internal */
export interface SegmentCheckpoint extends BackfillCounts {
  readonly segment: number;
  /** Where the next page starts; `undefined` at the start. */
  readonly cursor: Record<string, AttributeValue> | undefined;
  readonly done: boolean;
}

function checkpointKey(table: TableModel, backfill: string, segment: number): Record<string, AttributeValue> {
  const base = `_tablewright#backfill#${backfill}`;
  return table.sortKey
    ? { [table.partitionKey]: { S: base }, [table.sortKey]: { S: `segment#${segment}` } }
    : { [table.partitionKey]: { S: `${base}#segment#${segment}` } };
}

/** Reads a segment's checkpoint (a fresh one when none is stored). @internal */
export async function readCheckpoint(
  table: TableModel,
  backfill: string,
  entity: string,
  totalSegments: number,
  segment: number,
): Promise<SegmentCheckpoint> {
  const out = await send(table, 'GetItem', { TableName: table.name, Key: checkpointKey(table, backfill, segment), ConsistentRead: true });
  const item = out.Item;
  if (!item) return { segment, cursor: undefined, done: false, scanned: 0, rewritten: 0, skipped: 0, failed: 0 };
  if (item.entity?.S !== entity || item.totalSegments?.N !== String(totalSegments)) {
    throw new ConfigurationError(
      `backfill ${backfill}: its checkpoints are for entity ${item.entity?.S} in ${item.totalSegments?.N} segments, ` +
        `not ${entity} in ${totalSegments}; use another id (or restart it)`,
    );
  }
  const count = (name: string) => Number(item[name]?.N ?? 0);
  return {
    segment,
    cursor: item.cursor?.S ? (JSON.parse(item.cursor.S) as Record<string, AttributeValue>) : undefined,
    done: item.done?.BOOL === true,
    scanned: count('scanned'),
    rewritten: count('rewritten'),
    skipped: count('skipped'),
    failed: count('failed'),
  };
}

/** Stores a segment's checkpoint. @internal */
export async function writeCheckpoint(
  table: TableModel,
  backfill: string,
  entity: string,
  totalSegments: number,
  checkpoint: SegmentCheckpoint,
): Promise<void> {
  const item: Record<string, AttributeValue> = {
    ...checkpointKey(table, backfill, checkpoint.segment),
    [table.entityTypeAttribute]: { S: CHECKPOINT_TYPE },
    entity: { S: entity },
    totalSegments: { N: String(totalSegments) },
    done: { BOOL: checkpoint.done },
    scanned: { N: String(checkpoint.scanned) },
    rewritten: { N: String(checkpoint.rewritten) },
    skipped: { N: String(checkpoint.skipped) },
    failed: { N: String(checkpoint.failed) },
    updatedAt: { S: new Date(table.clock()).toISOString() },
  };
  if (checkpoint.cursor) item.cursor = { S: JSON.stringify(checkpoint.cursor) };
  await send(table, 'PutItem', { TableName: table.name, Item: item });
}

/** Deletes a segment's checkpoint (a restart). @internal */
export async function deleteCheckpoint(table: TableModel, backfill: string, segment: number): Promise<void> {
  await send(table, 'DeleteItem', { TableName: table.name, Key: checkpointKey(table, backfill, segment) });
}
