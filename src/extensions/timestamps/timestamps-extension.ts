import type { WriteExtension, WriteExtensionFactory } from '../../model/write-extension.js';
import { resolveTimestamps, stampPut, timestampUpdate, type TimestampsConfig } from './timestamps.js';

/**
 * Managed `createdAt`/`updatedAt` as a write extension (entity option
 * `timestamps`): puts stamp both, updates set `updatedAt` and keep
 * `createdAt` (`if_not_exists`); neither can be updated by hand.
 */
export const timestampsExtension: WriteExtensionFactory = {
  option: 'timestamps',
  create({ shape, config, fail }): WriteExtension | undefined {
    const timestamps = resolveTimestamps(shape, config.timestamps as TimestampsConfig | undefined, fail);
    if (!timestamps) return undefined;
    const { createdAt, updatedAt } = timestamps;
    return {
      name: 'timestamps',
      attributes: [],
      managedAttribute(name) {
        if (name === createdAt) return `"${name}" is managed: it is set when the item is created and never changed by updates`;
        if (name === updatedAt) return `"${name}" is managed: every update sets it from the table clock`;
        return undefined;
      },
      preparePut: (call) => stampPut(timestamps, call.parsed, call.now),
      prepareUpdate(call) {
        const stamps = timestampUpdate(timestamps, call.now);
        Object.assign(call.set, stamps.set);
        Object.assign(call.setIfNotExists, stamps.setIfNotExists);
      },
    };
  },
};
