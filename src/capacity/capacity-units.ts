/**
 * DynamoDB's capacity-unit arithmetic (developer guide, "Capacity unit
 * consumption"; checked against DynamoDB Local's `ConsumedCapacity`): writes
 * in 1 KB units, reads in 4 KB units, each rounded up, at least one unit.
 */

/** Bytes in one write unit. */
export const WRITE_UNIT_BYTES = 1024;
/** Bytes in one read unit. */
export const READ_UNIT_BYTES = 4096;

/** How a read is served: eventually consistent (½ unit per 4 KB), strongly consistent (1), transactional (2). */
export type ReadConsistency = 'eventual' | 'strong' | 'transactional';

const READ_FACTOR: Record<ReadConsistency, number> = { eventual: 0.5, strong: 1, transactional: 2 };

/** Write units of one item write of `bytes` (transactional writes cost twice: prepare and commit). */
export function writeUnits(bytes: number, transactional = false): number {
  const units = Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));
  return transactional ? units * 2 : units;
}

/** Read units of reading `bytes` at once (one item of a get, or a whole query page). A missing item still costs one unit. */
export function readUnits(bytes: number, consistency: ReadConsistency = 'eventual'): number {
  return Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES)) * READ_FACTOR[consistency];
}
