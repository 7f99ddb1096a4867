import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLostUpdate, type WriteStamp } from '../../src/index.js';
import { attachWriteStamp } from '../../src/model/write-stamp.js';

/*
 * The rule, over every combination of stamps: a change is a lost update
 * exactly when both versions are stamped, the new one is an update (it has
 * a read time), the Regions differ, and the old version is newer than what
 * the new one's writer read. The two-Region run is in lost-update.test.ts.
 */
const item = (stamp: WriteStamp | undefined) => {
  const it = { id: 'x' };
  if (stamp) attachWriteStamp(it, stamp);
  return it;
};
const region = fc.constantFrom('us-east-1', 'eu-west-1', 'ap-southeast-2');
const time = fc.integer({ min: 0, max: 50 });
const stamp = fc.record({ region, time, readTime: fc.option(time, { nil: undefined }) });

describe('detectLostUpdate', () => {
  it('flags exactly the overwrites of a foreign version newer than the writer read', () => {
    fc.assert(
      fc.property(fc.option(stamp, { nil: undefined }), fc.option(stamp, { nil: undefined }), fc.constantFrom('modify', 'insert', 'remove', undefined), (old, next, kind) => {
        const found = detectLostUpdate({ kind, oldItem: item(old), newItem: item(next) });
        const expected =
          (kind === undefined || kind === 'modify') && old !== undefined && next?.readTime !== undefined && old.region !== next.region && old.time > next.readTime;
        expect(found !== undefined).toBe(expected);
        if (found) expect(found).toEqual({ lost: old, by: next });
      }),
    );
  });

  it('needs the read items themselves: copies and missing images carry no stamp', () => {
    const old = item({ region: 'us-east-1', time: 5, readTime: undefined });
    const next = item({ region: 'eu-west-1', time: 6, readTime: 1 });
    expect(detectLostUpdate({ oldItem: old, newItem: next })).toBeDefined();
    expect(detectLostUpdate({ oldItem: { ...old }, newItem: next })).toBeUndefined();
    expect(detectLostUpdate({ oldItem: undefined, newItem: next })).toBeUndefined();
  });
});
