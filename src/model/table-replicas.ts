import type { TableClass } from '@aws-sdk/client-dynamodb';

/** Read-capacity overrides of one replica (DynamoDB keeps write capacity in sync across replicas). */
export interface ReplicaCapacityOverride {
  /** Provisioned tables: the replica's own read capacity units. */
  readonly readCapacity?: number | undefined;
  /** On-demand tables: the replica's own maximum read request units. */
  readonly maxReadRequestUnits?: number | undefined;
}

/** One replica Region with its optional overrides. */
export interface ReplicaSpec extends ReplicaCapacityOverride {
  /** The Region, e.g. `'eu-west-1'`. */
  readonly region: string;
  /** The replica's table class when it differs from the table's. */
  readonly tableClass?: TableClass | undefined;
  /** Per-GSI read overrides, by index name as declared on the table. */
  readonly indexes?: Readonly<Record<string, ReplicaCapacityOverride>> | undefined;
}

/**
 * Where a table's replicas live: the input of `planReplicas` / `applyReplicas`.
 * The table's own Region (its client's) always belongs to the set, listed or not.
 */
export interface ReplicasDeclaration {
  /** The Regions the table lives in: names or {@link ReplicaSpec}s. Order is kept in the plan. */
  readonly regions: readonly (string | ReplicaSpec)[];
  /**
   * `'eventual'` (default, MREC) or `'strong'` (MRSC: exactly three Regions of one
   * Region set, or two plus a {@link ReplicasDeclaration.witness}; empty table only).
   */
  readonly consistency?: 'eventual' | 'strong' | undefined;
  /** MRSC only: the witness Region (stores change data, serves no reads or writes). */
  readonly witness?: string | undefined;
}

/**
 * The replicas a table declares (`TableConfig.replicas`): the replica layout,
 * plus how writes are kept safe under multi-Region eventual consistency.
 */
export interface TableReplicas extends ReplicasDeclaration {
  /**
   * Every conditional write of an item runs in that item's home Region,
   * however your deployment ensures it (e.g. each tenant is served from one
   * Region only). A `regionRouter` transport that pins conditional writes (its
   * default) says so itself. Under MREC a condition is evaluated against the
   * local replica only, so `version` on an entity of a replicated table is
   * refused unless this holds or the table is MRSC (`consistency: 'strong'`).
   */
  readonly homeRegionWrites?: boolean | undefined;
}
