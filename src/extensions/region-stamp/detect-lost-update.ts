import { lastWriter, type WriteStamp } from '../../model/write-stamp.js';

/** A last-writer-wins overwrite found by {@link detectLostUpdate}. */
export interface LostUpdate {
  /** The stamp of the version that was overwritten and whose changes are gone. */
  readonly lost: WriteStamp;
  /** The stamp of the version that replaced it, written without having seen it. */
  readonly by: WriteStamp;
}

/**
 * Detects a silent last-writer-wins overwrite in a change of an entity with
 * `regionStamp: true` (a decoded stream `modify` record, or any old/new pair
 * of read items): the old version was written in another Region than the new
 * one, and after the version the new one's writer had read. Under MREC two
 * Regions updating *different* attributes of one item concurrently keep only
 * one whole item; DynamoDB reports nothing, this does.
 *
 * "The writer's read" is the `readTime` of the new version's stamp: the
 * write time of the version the update changed in its own Region (DynamoDB
 * evaluates it from the item before the update). A put replaces the whole
 * item and carries no `readTime`, so it is never flagged; neither is a change
 * whose images lack a stamp. DynamoDB resolves conflicts by its own
 * internal per-item timestamp, not ours: with the table clocks of two
 * Regions in step the orders agree, with skew they may not. Where to look: the stream of the Region whose
 * write was lost (the replicated overwrite arrives there as a `modify`).
 *
 * @example
 * ```ts
 * import { detectLostUpdate } from 'tablewright';
 * import { streamDecoder } from 'tablewright/streams';
 * import type { DynamoDBRecord } from 'aws-lambda';
 *
 * declare const record: DynamoDBRecord;
 * const r = streamDecoder([Order], { view: 'NEW_AND_OLD_IMAGES', region: 'us-east-1' }).decode(record);
 * if (r.kind === 'modify') {
 *   const lost = detectLostUpdate(r);
 *   if (lost) console.warn(`update from ${lost.lost.region} overwritten by ${lost.by.region}`, r.oldItem);
 * }
 * ```
 */
export function detectLostUpdate(change: { readonly kind?: string | undefined; readonly oldItem?: object | undefined; readonly newItem?: object | undefined }): LostUpdate | undefined {
  if (change.kind !== undefined && change.kind !== 'modify') return undefined;
  const lost = lastWriter(change.oldItem);
  const by = lastWriter(change.newItem);
  if (!lost || !by || by.readTime === undefined) return undefined;
  if (lost.region === by.region || lost.time <= by.readTime) return undefined;
  return { lost, by };
}
