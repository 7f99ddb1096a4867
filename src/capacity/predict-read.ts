import { ConfigurationError } from '../errors.js';
import { readUnits, type ReadConsistency } from './capacity-units.js';
import type { CapacityPrediction } from './predict-write.js';

/** A read operation, as DynamoDB bills it. */
export type ReadOperation = 'get' | 'batchGet' | 'transactGet' | 'query' | 'scan';

/**
 * Read units of a read over items of the given stored sizes (bytes, as
 * `Entity.size(item)` reports them; `undefined` for a key that found no item):
 * - `get`, `batchGet`: each item rounded up to 4 KB separately; a get of a
 *   missing item still costs one unit, a missing key of a batchGet nothing
 *   (measured on DynamoDB Local; AWS's guide does not say);
 *   `transactGet` like `get`, always transactional;
 * - `query`: the sizes of all items read, summed, then rounded up once;
 *   `scan` the same over the items *evaluated* (a filter does not lower it).
 * Eventually consistent reads cost half; projections and `Select: COUNT` do not lower it.
 *
 * @example
 * ```ts
 * import { predictReadCapacity } from 'tablewright/admin';
 * predictReadCapacity('query', [1500, 2500, 900], { consistency: 'strong' }); // { total: 2, table: 2, indexes: {} }
 * ```
 */
export function predictReadCapacity(
  operation: ReadOperation,
  sizes: readonly (number | undefined)[],
  options: { readonly consistency?: ReadConsistency | undefined; readonly index?: string | undefined } = {},
): CapacityPrediction {
  const consistency: ReadConsistency = operation === 'transactGet' ? 'transactional' : (options.consistency ?? 'eventual');
  if (consistency === 'transactional' && operation !== 'transactGet') {
    throw new ConfigurationError(`predictReadCapacity: only transactGet reads are transactional, not ${operation}`);
  }
  for (const size of sizes) {
    if (size !== undefined && !(Number.isFinite(size) && size >= 0)) throw new ConfigurationError(`predictReadCapacity: a size must be a non-negative number of bytes, got ${size}`);
  }
  let total: number;
  if (operation === 'query' || operation === 'scan') {
    total = readUnits(sizes.reduce<number>((sum, s) => sum + (s ?? 0), 0), consistency);
  } else {
    const missing = operation === 'batchGet' ? 0 : readUnits(0, consistency);
    total = sizes.reduce<number>((sum, s) => sum + (s === undefined ? missing : readUnits(s, consistency)), 0);
  }
  return options.index === undefined ? { total, table: total, indexes: {} } : { total, table: 0, indexes: { [options.index]: total } };
}
