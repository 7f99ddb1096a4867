import type { ObserveOptions, RequestListener } from './request-event.js';
import type { RequestObservers } from './request-observers.js';

/** What {@link observeRequests} needs of a table: any `Table` or `TableCore`. */
export interface ObservableTable {
  /** @internal */
  readonly model: { readonly observers: RequestObservers };
}

/**
 * Registers a listener for every request the table's entities, batches and
 * transactions send (one {@link RequestEvent} per request, on every
 * transport), and returns the function that removes it. Listeners run after
 * the request settled, synchronously, and must not throw. A table without
 * listeners builds no events.
 *
 * @throws ConfigurationError - the listener is not a function, or `capacity` is not `'TOTAL'`/`'INDEXES'`
 *
 * @example
 * ```ts
 * import { observeRequests } from 'tablewright';
 *
 * const stop = observeRequests(table, (e) => {
 *   console.log(e.operation, e.entity, e.latencyMs.toFixed(1), e.attempts, e.consumed?.total, e.error?.name);
 * }, { capacity: 'TOTAL' });
 * // …
 * stop();
 * ```
 */
export function observeRequests(table: ObservableTable, listener: RequestListener, options?: ObserveOptions): () => void {
  return table.model.observers.add(listener, options);
}
