import { ifNotExistsOperand, setAction, valueOperand } from '../../expressions/update-node.js';
import { attachWriteStamp } from '../../model/write-stamp.js';
import type { WriteExtension, WriteExtensionFactory } from '../../model/write-extension.js';

/**
 * Region stamps as a write extension (entity option `regionStamp: true`):
 * every put and update stores the Region that takes it and the write time in
 * the table's `writeRegionAttribute` / `writeTimeAttribute`; an update also
 * stores, in `readTimeAttribute`, the write time of the version it changed
 * (`if_not_exists(<time>, 0)`, read by DynamoDB from the item before the
 * update, so it is exactly what the writing Region held). Deletes leave no
 * item to stamp.
 *
 * The Region written here is the table's `region`, or a `regionRouter`
 * transport's home; the router rewrites it on every attempt to the Region the
 * request actually reaches (a failed-over write carries the Region it landed
 * in), so no stamp claims a Region that never saw the write.
 */
export const regionStampExtension: WriteExtensionFactory = {
  option: 'regionStamp',
  create({ table, config, fail }): WriteExtension | undefined {
    const option = config.regionStamp;
    if (option === undefined || option === false) return undefined;
    if (option !== true) fail(`regionStamp must be true or false, not ${JSON.stringify(option)}`);
    const fallback = table.region ?? (table.transport as { readonly homeRegion?: unknown }).homeRegion;
    if (typeof fallback !== 'string') {
      fail(
        "regionStamp needs to know the Region its writes go to: declare the table's `region`, " +
          'or send through a regionRouter (which stamps each write with the Region it reached)',
      );
    }
    const region = fallback as string;
    const { writeRegionAttribute: regionAttribute, writeTimeAttribute: timeAttribute, readTimeAttribute } = table;
    const readTimeAction = setAction([readTimeAttribute], ifNotExistsOperand([timeAttribute], valueOperand(0)));
    return {
      name: 'region-stamp',
      attributes: [regionAttribute, timeAttribute, readTimeAttribute],
      // In every stored form (puts and `toStored` / `size`), so item sizes count the stamp.
      storeItem(call, stored) {
        stored[regionAttribute] = region;
        stored[timeAttribute] = call.now;
      },
      prepareUpdate(call) {
        call.set[regionAttribute] = region;
        call.set[timeAttribute] = call.now;
        call.actions.push(readTimeAction);
      },
      annotateRead(stored, item) {
        const written = stored[regionAttribute]?.S;
        const time = stored[timeAttribute]?.N;
        if (written === undefined || time === undefined) return;
        const readTime = stored[readTimeAttribute]?.N;
        attachWriteStamp(item, { region: written, time: Number(time), readTime: readTime === undefined ? undefined : Number(readTime) });
      },
    };
  },
};
