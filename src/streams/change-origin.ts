import { lastWriter } from '../model/write-stamp.js';

/**
 * Where a change of a global table was written, from the stream consumer's
 * point of view: `'local'` in the consumer's Region, `'replicated'` in
 * another one (every replica's stream carries both), `'unknown'` when it
 * cannot be told: the entity has no `regionStamp`, the item was written
 * before stamping, the decoder knows no Region, or the change is a delete
 * (`remove` / `expire`: no item is left to stamp, and the old image names the
 * last writer, not the deleter).
 *
 * Only the Region stamp is read. Legacy (2017.11.29) global tables wrote
 * `aws:rep:updateregion` into items; AWS says not to depend on those
 * attributes, and the current version (2019.11.21) writes none.
 */
export type ChangeOrigin = 'local' | 'replicated' | 'unknown';

/** The origin of one decoded change. @internal */
export function changeOrigin(kind: string, newItem: object | undefined, region: string | undefined): ChangeOrigin {
  if (region === undefined || (kind !== 'insert' && kind !== 'modify')) return 'unknown';
  const stamp = lastWriter(newItem);
  if (!stamp) return 'unknown';
  return stamp.region === region ? 'local' : 'replicated';
}
