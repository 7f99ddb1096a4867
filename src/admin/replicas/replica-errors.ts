import { ConfigurationError, TablewrightError } from '../../errors.js';

/** Why a replica declaration was refused before any request. */
export type ReplicaDeclarationProblem =
  | 'invalid-region'
  | 'duplicate-region'
  | 'invalid-override'
  | 'unknown-index'
  | 'stream-view-conflict'
  | 'mrsc-region-count'
  | 'mrsc-region-set'
  | 'mrsc-witness'
  | 'mrsc-ttl'
  | 'mrsc-local-index'
  | 'witness-without-mrsc';

/**
 * A replica declaration (the `regions`, overrides or multi-Region strong
 * consistency settings given to `planReplicas` / `applyReplicas`) is invalid
 * on its own or against the table's declaration. Raised before any request.
 */
export class ReplicaDeclarationError extends ConfigurationError {
  /** Always `'ReplicaDeclarationError'`. */
  override readonly name = 'ReplicaDeclarationError';
  /** The table the declaration is for. */
  readonly table: string;
  /** What is wrong, as a code. */
  readonly problem: ReplicaDeclarationProblem;
  /** The Region at fault, when there is one. */
  readonly region: string | undefined;
  constructor(args: { table: string; problem: ReplicaDeclarationProblem; message: string; region?: string | undefined }) {
    super(`Table ${args.table}: ${args.message}`);
    this.table = args.table;
    this.problem = args.problem;
    this.region = args.region;
  }
}

/** Why the live table cannot be brought to the declared replica layout. */
export type ReplicaPlanConflict =
  | 'consistency-mode-fixed'
  | 'mrsc-layout-fixed'
  | 'mrsc-table-not-empty'
  | 'stream-view-type'
  | 'removal-not-allowed'
  | 'table-not-found';

/**
 * The live table contradicts the declaration in a way DynamoDB cannot change
 * (the consistency mode is fixed at creation, an MRSC table keeps its three
 * Regions, MRSC needs an empty table, a stream's view type cannot change in
 * place), or applying would delete replicas without `allowRemoval`. Raised
 * after the read-only `DescribeTable` and before any change request.
 */
export class ReplicaPlanError extends TablewrightError {
  /** Always `'ReplicaPlanError'`. */
  override readonly name = 'ReplicaPlanError';
  /** The table. */
  readonly table: string;
  /** What conflicts, as a code. */
  readonly conflict: ReplicaPlanConflict;
  constructor(args: { table: string; conflict: ReplicaPlanConflict; message: string }) {
    super(`Table ${args.table}: ${args.message}`);
    this.table = args.table;
    this.conflict = args.conflict;
  }
}

/** A replica or witness reached a state it will not leave by itself (`CREATION_FAILED`, `REGION_DISABLED` …). */
export class ReplicaFailedError extends TablewrightError {
  /** Always `'ReplicaFailedError'`. */
  override readonly name = 'ReplicaFailedError';
  /** The table. */
  readonly table: string;
  /** The Region of the replica. */
  readonly region: string;
  /** The `ReplicaStatus` DynamoDB reported. */
  readonly status: string;
  constructor(args: { table: string; region: string; status: string; detail?: string | undefined }) {
    super(`Table ${args.table}: replica in ${args.region} is ${args.status}${args.detail ? ` (${args.detail})` : ''}`);
    this.table = args.table;
    this.region = args.region;
    this.status = args.status;
  }
}
