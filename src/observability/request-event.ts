import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type { TablewrightError } from '../errors.js';
import type { OperationName } from '../transport/transport.js';

/** `ReturnConsumedCapacity` of a request: the total, or the total split by table and index. */
export type CapacityDetail = 'TOTAL' | 'INDEXES';

/** Capacity units a request consumed, as DynamoDB reported them (`ReturnConsumedCapacity`), summed over its tables. */
export interface ConsumedUnits {
  /** Everything: the tables plus their indexes. */
  readonly total: number;
  /** The base tables' share (equal to `total` under `TOTAL`, where DynamoDB gives no split). */
  readonly table: number;
  /** Each secondary index's share, by index name (reported under `INDEXES` only). */
  readonly indexes: Readonly<Record<string, number>>;
}

/** The back end that served a request: DynamoDB itself or a DAX cluster. */
export type RequestPath = 'dynamodb' | 'dax';

/**
 * One request tablewright sent, reported once it settled (resolved or
 * rejected). Retries inside the SDK or the direct transport are one request
 * with `attempts > 1`; tablewright's own resends (unprocessed batch items)
 * are requests of their own.
 */
export interface RequestEvent {
  /** The DynamoDB operation, e.g. `GetItem`, `Query`, `TransactWriteItems`. */
  readonly operation: OperationName;
  /** The table the call was made on (the first one of a batch or transaction). */
  readonly table: string;
  /** Every table the request names (batches and transactions can name several). */
  readonly tables: readonly string[];
  /** The entity, for single-entity calls (not for batches, transactions or table scans). */
  readonly entity: string | undefined;
  /** The secondary index a query or scan read. */
  readonly index: string | undefined;
  /**
   * The key of a single-item call, only for listeners registered with
   * `keys: true` (off by default: keys often hold personal data).
   */
  readonly key?: Readonly<Record<string, unknown>> | undefined;
  /** `ConsistentRead` of a read. */
  readonly consistentRead: boolean | undefined;
  /** HTTP attempts the SDK (or the direct transport) made, from `$metadata.attempts`; 1 when the transport does not report it. */
  readonly attempts: number;
  /** Wall-clock start, epoch milliseconds. */
  readonly startedAt: number;
  /** Milliseconds from send to settle (all attempts and backoff included). */
  readonly latencyMs: number;
  /** Capacity consumed, when the request asked for it (`returnConsumedCapacity`). */
  readonly consumed: ConsumedUnits | undefined;
  /** DynamoDB's `ConsumedCapacity` entries as returned (one per table). */
  readonly consumedCapacity: readonly ConsumedCapacity[] | undefined;
  /** Items a read returned (get: 0 or 1; query/scan: the page; batchGet/transactGet: all found). */
  readonly items: number | undefined;
  /** Items a query or scan evaluated before its filter (`ScannedCount`). */
  readonly scanned: number | undefined;
  /** Keys or writes a batch handed back unprocessed. */
  readonly unprocessed: number | undefined;
  /** Who served it: `'dax'` when a DAX transport or router sent it there, else `'dynamodb'`. */
  readonly path: RequestPath;
  /** The Region a Region router sent it to. */
  readonly region: string | undefined;
  /** The SDK's request id, when the transport reports it. */
  readonly requestId: string | undefined;
  /** `false` when the request failed. */
  readonly ok: boolean;
  /** The failure, mapped to the tablewright hierarchy (before actions refine it, e.g. into a `VersionConflictError`). */
  readonly error: TablewrightError | undefined;
}

/** Sees every {@link RequestEvent} of a table. It must not throw (a throw is swallowed; observability never changes a call's outcome). */
export type RequestListener = (event: RequestEvent) => void;

/** Options of {@link observeRequests}. */
export interface ObserveOptions {
  /**
   * Ask DynamoDB for consumed capacity on every request of the table while
   * this listener is registered (unless the call says otherwise), so events
   * carry `consumed`. Default: only what the table or the call asks for.
   */
  readonly capacity?: CapacityDetail | undefined;
  /** Include the key of single-item calls in this listener's events. Default `false`. */
  readonly keys?: boolean | undefined;
}

/** The per-call capacity option of every data-plane call. */
export interface CapacityOption {
  /**
   * Ask DynamoDB for this call's consumed capacity (`'TOTAL'`, or `'INDEXES'`
   * split by table and index; `'NONE'` overrides the table's default). It is
   * reported on the call's request events (and so to a meter) and on query
   * and scan pages as `consumed`; calls that return plain items report it
   * through the events only.
   */
  readonly returnConsumedCapacity?: CapacityDetail | 'NONE' | undefined;
}
