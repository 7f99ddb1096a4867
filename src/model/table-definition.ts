import type { DynamoDBClient, StreamViewType } from '@aws-sdk/client-dynamodb';
import type { CapacityDetail } from '../observability/request-event.js';
import type { RequestObservers } from '../observability/request-observers.js';
import type { Transport } from '../transport/transport.js';

/** Which attributes an index copies from the base table. */
export type IndexProjection = 'all' | 'keys-only' | { readonly include: readonly string[] };

/** A global (default) or local secondary index. */
export interface IndexDefinition {
  /** `'global'` (default) or `'local'` (shares the table's partition key; create-time only). */
  readonly type?: 'global' | 'local' | undefined;
  /** Partition key attribute. Required for GSIs; LSIs use the table's. */
  readonly partitionKey?: string | undefined;
  readonly sortKey?: string | undefined;
  /** Default `'all'`. */
  readonly projection?: IndexProjection | undefined;
  /** Provisioned throughput of a GSI on a provisioned table (defaults to the table's). */
  readonly throughput?: { readonly read: number; readonly write: number } | undefined;
  /** Warm throughput of a GSI (units per second it can serve at once; pre-warms it). GSIs only. */
  readonly warmThroughput?: ThroughputUnits | undefined;
  /** Maximum on-demand throughput of a GSI on an on-demand table (requests beyond it throttle). GSIs only. */
  readonly maxOnDemandThroughput?: ThroughputUnits | undefined;
}

/** Read and/or write units per second (warm throughput, maximum on-demand throughput). */
export interface ThroughputUnits {
  /** Read units (warm: per second; maximum: read request units). An integer ≥ 1. */
  readonly read?: number | undefined;
  /** Write units (warm: per second; maximum: write request units). An integer ≥ 1. */
  readonly write?: number | undefined;
}

/** Capacity mode. */
export type BillingMode =
  | { readonly mode: 'on-demand' }
  | { readonly mode: 'provisioned'; readonly read: number; readonly write: number };

/** Everything a {@link Table} declares. Attribute names of keys are always of type String. */
export interface TableConfig {
  /** Table name (3–255 characters of `[A-Za-z0-9_.-]`). */
  readonly name: string;
  /** Your client. tablewright never changes its configuration. */
  readonly client: DynamoDBClient;
  readonly partitionKey: string;
  readonly sortKey?: string | undefined;
  readonly indexes?: Readonly<Record<string, IndexDefinition>> | undefined;
  /** Default on-demand. */
  readonly billing?: BillingMode | undefined;
  /** Default `'STANDARD'`. */
  readonly tableClass?: 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS' | undefined;
  /** Top-level Number attribute DynamoDB's TTL reads (epoch seconds). */
  readonly ttlAttribute?: string | undefined;
  /** Enables DynamoDB Streams with this view type. */
  readonly stream?: StreamViewType | undefined;
  readonly deletionProtection?: boolean | undefined;
  /** Attribute that records which entity an item belongs to. Default `_et`. */
  readonly entityTypeAttribute?: string | undefined;
  /**
   * Bookkeeping attribute holding the per-call write token of creates,
   * version-locked writes and conditional updates (it lets a resend after a
   * lost response be recognised as the write's own success). Stripped on
   * read; no schema field may use the name. Default `_wt`.
   */
  readonly writeTokenAttribute?: string | undefined;
  /**
   * How many recent write tokens an item keeps (1–32; default 8): slot 0 is
   * `writeTokenAttribute`, slots 1… append their number (`_wt1`, `_wt2`, …),
   * each about 30 bytes. A lost-response resend is recognised as long as
   * fewer than this many guarded writes (creates, version-locked writes,
   * conditional updates) reached the item in between and no put replaced it;
   * past that it is `WriteOutcomeUnknownError`, never a conflict. 1 keeps only the newest.
   */
  readonly writeTokenHistory?: number | undefined;
  /**
   * Bookkeeping attribute holding the schema version an item was written at,
   * for entities that declare `versions` (older items are migrated on read).
   * Stripped on read; no schema field may use the name. Default `_sv`.
   */
  readonly schemaVersionAttribute?: string | undefined;
  /** Delimiter between key segments. One non-alphanumeric character, default `#`. */
  readonly delimiter?: string | undefined;
  /**
   * Secret for HMAC-signed pagination cursors. Without it cursors are opaque
   * but not tamper-proof.
   */
  readonly cursorSecret?: string | Uint8Array | undefined;
  /** Clock in epoch milliseconds (TTL checks, timestamps). Default `Date.now`. */
  readonly clock?: (() => number) | undefined;
  /** How requests are sent. Default: through `client.send`, honouring all its middleware. */
  readonly transport?: Transport | undefined;
  /**
   * Ask DynamoDB for the consumed capacity of every request (`TOTAL`, or
   * `INDEXES` split by table and index); a call's own `returnConsumedCapacity`
   * wins. Request events and query/scan pages then carry it. Default: none
   * (listeners registered with `capacity` turn it on while registered).
   */
  readonly returnConsumedCapacity?: CapacityDetail | undefined;
  /**
   * Warm throughput: read and write units per second the table must serve at
   * once (pre-warming, billed). Applied by `create()` and raised by `ensure()`;
   * DynamoDB never lowers it, so a higher live value is no drift.
   */
  readonly warmThroughput?: ThroughputUnits | undefined;
  /**
   * Maximum on-demand throughput (on-demand tables): requests beyond it throttle
   * instead of scaling the bill. Applied by `create()` and `ensure()`.
   */
  readonly maxOnDemandThroughput?: ThroughputUnits | undefined;
}

/** A normalised, validated table definition. @internal */
export interface TableModel {
  readonly name: string;
  readonly client: DynamoDBClient;
  readonly partitionKey: string;
  readonly sortKey: string | undefined;
  readonly indexes: Readonly<Record<string, ResolvedIndex>>;
  readonly billing: BillingMode;
  readonly tableClass: 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS';
  readonly ttlAttribute: string | undefined;
  readonly stream: StreamViewType | undefined;
  readonly deletionProtection: boolean;
  readonly entityTypeAttribute: string;
  readonly writeTokenAttribute: string;
  readonly writeTokenHistory: number;
  readonly schemaVersionAttribute: string;
  readonly delimiter: string;
  readonly cursorSecret: Uint8Array | undefined;
  readonly clock: () => number;
  readonly transport: Transport;
  /** Request listeners and the capacity detail requests ask for. */
  readonly observers: RequestObservers;
  readonly warmThroughput: ThroughputUnits | undefined;
  readonly maxOnDemandThroughput: ThroughputUnits | undefined;
}

/** An index with its key names resolved (LSIs get the table's partition key). @internal */
export interface ResolvedIndex {
  readonly name: string;
  readonly type: 'global' | 'local';
  readonly partitionKey: string;
  readonly sortKey: string | undefined;
  readonly projection: IndexProjection;
  readonly throughput: { readonly read: number; readonly write: number } | undefined;
  readonly warmThroughput: ThroughputUnits | undefined;
  readonly maxOnDemandThroughput: ThroughputUnits | undefined;
}
