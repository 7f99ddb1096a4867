import { ConfigurationError } from '../errors.js';
import type { CapacityDetail, ObserveOptions, RequestEvent, RequestListener } from './request-event.js';

interface Registered {
  readonly listener: RequestListener;
  readonly keys: boolean;
  readonly capacity: CapacityDetail | undefined;
}

const NONE: readonly Registered[] = Object.freeze([]);

/**
 * A table's request listeners and the capacity detail it asks DynamoDB for.
 * The send seam reads `listeners.length` and `capacity` only, so a table
 * without listeners pays one property read per request. The list is
 * replaced, never mutated, so a listener added during an emit sees the next
 * request, not this one.
 * @internal
 */
export class RequestObservers {
  listeners: readonly Registered[] = NONE;
  /** What every request asks for unless the call says otherwise: the table's option, raised by listeners that want more. */
  capacity: CapacityDetail | undefined;
  /** Whether any listener wants keys (the event is then built with them). */
  keys = false;

  constructor(private readonly tableCapacity: CapacityDetail | undefined) {
    this.capacity = tableCapacity;
  }

  add(listener: RequestListener, options: ObserveOptions = {}): () => void {
    if (typeof listener !== 'function') throw new ConfigurationError('observeRequests: the listener must be a function');
    if (options.capacity !== undefined) checkCapacityDetail(options.capacity, 'observeRequests: capacity');
    const entry: Registered = { listener, keys: options.keys === true, capacity: options.capacity };
    this.listeners = [...this.listeners, entry];
    this.recompute();
    return () => {
      this.listeners = this.listeners.filter((l) => l !== entry);
      this.recompute();
    };
  }

  emit(event: RequestEvent, key: Readonly<Record<string, unknown>> | undefined): void {
    for (const { listener, keys } of this.listeners) {
      try {
        listener(keys && key !== undefined ? { ...event, key } : event);
      } catch {
        // Observability must never change the outcome of a call.
      }
    }
  }

  private recompute() {
    let capacity = this.tableCapacity;
    for (const l of this.listeners) if (l.capacity === 'INDEXES' || (l.capacity === 'TOTAL' && capacity === undefined)) capacity = l.capacity;
    this.capacity = capacity;
    this.keys = this.listeners.some((l) => l.keys);
  }
}

/** Throws {@link ConfigurationError} unless `value` is `'TOTAL'` or `'INDEXES'`. @internal */
export function checkCapacityDetail(value: unknown, what: string): asserts value is CapacityDetail {
  if (value !== 'TOTAL' && value !== 'INDEXES') throw new ConfigurationError(`${what} must be 'TOTAL' or 'INDEXES', got ${String(value)}`);
}
