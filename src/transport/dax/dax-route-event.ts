import type { OperationName } from '../transport.js';
import type { DaxRoute } from './route-scope.js';

/**
 * Why a {@link daxRouter} sent a call where it did.
 *
 * - `cached-read`: an eventually consistent get / batchGet / query / scan, served by DAX.
 * - `consistent-read`: `ConsistentRead: true`; DAX would pass it through uncached.
 * - `transaction-read`: TransactGetItems; DAX would pass it through uncached.
 * - `read-your-writes`: this process wrote the partition (query), the table (scan)
 *   or the item around DAX (get) within the window, so the cache may be stale.
 * - `write-through`: a write sent through DAX, which refreshes its item cache.
 * - `write-around`: a write sent to DynamoDB by option or override (the item cache stays stale until its TTL).
 * - `guarded-write`: a conditional write whose failure tablewright reads from the
 *   returned item (creates, versions, write tokens); DAX would return none.
 * - `override`: the call's route was forced (its `route` option or `withDaxRoute`).
 * - `dax-unavailable`: DAX failed recently; reads skip it until the cooldown ends.
 * - `fallback`: DAX failed this read (unreachable or throttling past its retries); DynamoDB served it.
 */
export type DaxRouteReason =
  | 'cached-read'
  | 'consistent-read'
  | 'transaction-read'
  | 'read-your-writes'
  | 'write-through'
  | 'write-around'
  | 'guarded-write'
  | 'override'
  | 'dax-unavailable'
  | 'fallback';

/** One call served by a {@link daxRouter}, reported once it settled. */
export interface DaxRouteEvent {
  /** The operation sent. */
  readonly operation: OperationName;
  /** The table (the first one for batches and transactions). */
  readonly table: string | undefined;
  /** The back end that served the call (or failed it). */
  readonly path: DaxRoute;
  /** Why that back end. */
  readonly reason: DaxRouteReason;
  /** `false` when the call rejected. */
  readonly ok: boolean;
  /** With `reason: 'fallback'`: the (SDK-shaped) DAX error that made the router fall back. */
  readonly daxError?: unknown;
}
