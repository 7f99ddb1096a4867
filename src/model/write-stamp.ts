/**
 * Region stamps on read items. An entity with `regionStamp: true` stores the
 * Region and time of each write in bookkeeping attributes; reads strip them
 * like all bookkeeping, and attach them to the read item under a symbol
 * (not enumerable: spreading, `JSON.stringify` and equality checks do not
 * see it), so {@link lastWriter} can tell who wrote the version read.
 */

/** Who wrote the version of an item that was read. */
export interface WriteStamp {
  /** The Region that took the write (as the request reached it, after any failover). */
  readonly region: string;
  /** When (epoch ms, by the writing table's clock). */
  readonly time: number;
  /**
   * Updates only: the write time of the version the update changed, as the
   * writing Region held it (`0`: it held no stamped version). Puts replace
   * the whole item and carry none.
   */
  readonly readTime: number | undefined;
}

const STAMP: unique symbol = Symbol('tablewright.writeStamp');

/**
 * The Region stamp of a read item (a `get`, `query`, stream image …) of an
 * entity declared with `regionStamp: true`; `undefined` for items of other
 * entities and items written before stamping was turned on.
 *
 * @example
 * ```ts
 * import { lastWriter } from 'tablewright';
 *
 * const order = await Order.get({ orderId: 'a1' });
 * if (order) console.log(lastWriter(order)?.region); // e.g. 'eu-west-1'
 * ```
 */
export function lastWriter(item: object | undefined | null): WriteStamp | undefined {
  return item == null ? undefined : (item as { [STAMP]?: WriteStamp })[STAMP];
}

/** Attaches a stamp to a read item (not enumerable). @internal */
export function attachWriteStamp(item: object, stamp: WriteStamp): void {
  Object.defineProperty(item, STAMP, { value: stamp, enumerable: false, configurable: true });
}
