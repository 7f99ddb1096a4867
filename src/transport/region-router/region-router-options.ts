import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { OperationName, Transport } from '../transport.js';
import type { PinReason } from './region-errors.js';

/** One Region the router can send to. */
export interface RouterRegion {
  /** The Region name, e.g. `'us-east-1'`. */
  readonly region: string;
  /** A client for that Region (yours: credentials, middleware and retries are kept). */
  readonly client: DynamoDBClient;
  /** How requests reach it. Default: `sdkTransport(client)`. */
  readonly transport?: Transport | undefined;
}

/** An item a request touches, as the home-Region function sees it. */
export interface HomeRegionQuery {
  /** The operation. */
  readonly operation: OperationName;
  /** The table. */
  readonly table: string;
  /** The item's key attributes (a put passes the whole item), in DynamoDB's wire form (`{ S: '…' }`). */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

/** Which Region-local requests are pinned to their item's home Region (never failed over). */
export interface PinPolicy {
  /** `ConsistentRead: true` gets, queries, scans and batch gets. Default `true`. */
  readonly strongReads?: boolean | undefined;
  /** Writes with a condition, version-locked writes included. Default `true`. */
  readonly conditionalWrites?: boolean | undefined;
  /** `TransactWriteItems` and `TransactGetItems`. Default `true`. */
  readonly transactions?: boolean | undefined;
}

/** A Region stopped serving (a request or probe failed with a Region failure). */
export interface RegionDownEvent {
  /** Discriminant. */
  readonly type: 'region-down';
  /** The Region. */
  readonly region: string;
  /** The error that took it down. */
  readonly error: unknown;
}

/** A down Region passed its probes and takes traffic again. */
export interface RegionUpEvent {
  /** Discriminant. */
  readonly type: 'region-up';
  /** The Region. */
  readonly region: string;
}

/** Unpinned traffic moved to a Region later in the preference order. */
export interface FailoverEvent {
  /** Discriminant. */
  readonly type: 'failover';
  /** The Region traffic left. */
  readonly from: string;
  /** The Region traffic goes to now. */
  readonly to: string;
  /** The operation whose failure caused it. */
  readonly operation: OperationName;
}

/** Traffic moved back to a Region earlier in the preference order. */
export interface FailbackEvent {
  /** Discriminant. */
  readonly type: 'failback';
  /** The Region traffic left. */
  readonly from: string;
  /** The Region traffic goes to now. */
  readonly to: string;
}

/** A health probe of a down Region ran. */
export interface ProbeEvent {
  /** Discriminant. */
  readonly type: 'probe';
  /** The Region probed. */
  readonly region: string;
  /** Whether it answered. */
  readonly ok: boolean;
  /** Its error, when it did not. */
  readonly error?: unknown;
}

/** A pinned request was refused because its home Region is down (a {@link PinnedRegionUnavailableError} follows). */
export interface PinnedRefusedEvent {
  /** Discriminant. */
  readonly type: 'pinned-refused';
  /** The home Region. */
  readonly region: string;
  /** The operation. */
  readonly operation: OperationName;
  /** Why it is pinned. */
  readonly reason: PinReason;
}

/** A read inside the read-your-writes window was served by another Region than the one that took the write. */
export interface StaleReadEvent {
  /** Discriminant. */
  readonly type: 'stale-read';
  /** The operation. */
  readonly operation: OperationName;
  /** The table. */
  readonly table: string;
  /** The item's key attributes. */
  readonly key: Readonly<Record<string, AttributeValue>>;
  /** The Region that took the recent write. */
  readonly wroteIn: string;
  /** The Region that served the read instead (it may not have the write yet). */
  readonly readFrom: string;
}

/** Something the router did or saw. */
export type RegionRouterEvent = RegionDownEvent | RegionUpEvent | FailoverEvent | FailbackEvent | ProbeEvent | PinnedRefusedEvent | StaleReadEvent;

/** The read-your-writes option of {@link RegionRouterOptions}. */
export interface ReadYourWritesOptions {
  /** How long (ms) after a write reads of that item stay in the writing Region. */
  readonly windowMs: number;
  /** The tables' key attribute names, e.g. `['pk', 'sk']` (a put carries the whole item; only these identify it). */
  readonly keyAttributes: readonly string[];
}

/** Health probing and fail-back hysteresis of {@link RegionRouterOptions}. */
export interface RouterHealthOptions {
  /** Probes a Region; resolve = healthy. Default: `ListTables` with `Limit: 1` on its client. */
  readonly probe?: ((client: DynamoDBClient, region: string) => Promise<unknown>) | undefined;
  /** Milliseconds between automatic probes of down Regions; `0` turns them off (call `checkHealth()` yourself). Default 5,000. */
  readonly intervalMs?: number | undefined;
  /** Consecutive good probes before a Region takes traffic again. Default 3. */
  readonly healthyAfter?: number | undefined;
  /** Minimum time (ms) a Region stays down. Default 30,000. */
  readonly minDownMs?: number | undefined;
}

/** Options of {@link regionRouter}. */
export interface RegionRouterOptions {
  /** The Regions in order of preference: the first is home, the rest are failover targets in that order. */
  readonly regions: readonly RouterRegion[];
  /**
   * The home Region of an item (e.g. from a tenant prefix in its key), for
   * pinned requests. Return `undefined` for "the router's home Region".
   */
  readonly homeRegionOf?: ((item: HomeRegionQuery) => string | undefined) | undefined;
  /** Which requests are pinned. Default: all three kinds. `false` pins nothing (everything fails over). */
  readonly pin?: PinPolicy | false | undefined;
  /** Health probing and fail-back hysteresis. */
  readonly health?: RouterHealthOptions | undefined;
  /**
   * After a write in a Region, reads of that item (get, batch get) through this
   * router stay in that Region for `windowMs`; if it is down they are served
   * elsewhere and reported with a `stale-read` event. `keyAttributes` are the
   * tables' key attribute names (e.g. `['pk', 'sk']`).
   */
  readonly readYourWrites?: ReadYourWritesOptions | undefined;
  /** Whether an error means the Region is unavailable. Default {@link isRegionFailure}. */
  readonly isRegionFailure?: ((error: unknown) => boolean) | undefined;
  /** Sees every {@link RegionRouterEvent}. */
  readonly onEvent?: ((event: RegionRouterEvent) => void) | undefined;
  /** Clock in epoch ms (hysteresis, windows). Default `Date.now`. */
  readonly clock?: (() => number) | undefined;
}
