import { AsyncLocalStorage } from 'node:async_hooks';

/** Which back end serves a call: the DAX cluster or DynamoDB itself. */
export type DaxRoute = 'dax' | 'dynamodb';

const scope = new AsyncLocalStorage<DaxRoute>();

/**
 * Runs `fn` with every request it sends (awaited or not, however deep)
 * routed to `route` by a {@link daxRouter}: `'dynamodb'` reads around the
 * cache or writes around it (bulk loads), `'dax'` sends a read the router
 * would keep on DynamoDB (read-your-writes) to the cache. Guarded writes
 * stay on DynamoDB unless the router sends them through DAX anyway
 * (`conditionalWrites: 'dax'`), so no override can make a write's outcome
 * unreadable. A route given in the transport's `SendOptions` wins over this one.
 *
 * @example
 * ```ts
 * import { withDaxRoute } from 'tablewright/dax';
 *
 * const fresh = await withDaxRoute('dynamodb', () => Order.get({ orgId: 'o1', orderId: 'a' }));
 * await withDaxRoute('dynamodb', () => batchWrite([Order.putOp(order)])); // write around DAX
 * ```
 */
export function withDaxRoute<T>(route: DaxRoute, fn: () => T): T {
  return scope.run(route, fn);
}

/** The route of the enclosing {@link withDaxRoute}, if any. @internal */
export function currentDaxRoute(): DaxRoute | undefined {
  return scope.getStore();
}
