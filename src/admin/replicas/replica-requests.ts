import type {
  CreateReplicationGroupMemberAction,
  ReplicaGlobalSecondaryIndex,
  UpdateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { ReplicaCapacityOverride, ReplicaSpec } from './replica-declaration.js';

/*
 * Pure `UpdateTable` request builders for replica changes (global tables
 * version 2019.11.21). One replica action per request: how many one call may
 * carry is not documented (unverified), and one at a time is what AWS's own
 * tutorials do.
 */

/** Turns on the `NEW_AND_OLD_IMAGES` stream replication runs on. @internal */
export function enableStreamRequest(table: string): UpdateTableCommandInput {
  return { TableName: table, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } };
}

/** Adds one replica. @internal */
export function createReplicaRequest(table: string, spec: ReplicaSpec): UpdateTableCommandInput {
  return { TableName: table, ReplicaUpdates: [{ Create: memberAction(spec) }] };
}

/** Changes one replica's overrides. @internal */
export function updateReplicaRequest(table: string, spec: ReplicaSpec): UpdateTableCommandInput {
  return { TableName: table, ReplicaUpdates: [{ Update: memberAction(spec) }] };
}

/** Removes one replica (its data in that Region is deleted). @internal */
export function deleteReplicaRequest(table: string, region: string): UpdateTableCommandInput {
  return { TableName: table, ReplicaUpdates: [{ Delete: { RegionName: region } }] };
}

/**
 * Makes a single-Region table an MRSC global table: all replicas (and the
 * witness) in one request with `MultiRegionConsistency: 'STRONG'`, as the
 * mode can only be set when the global table is created.
 * @internal
 */
export function createStrongRequest(table: string, replicas: readonly ReplicaSpec[], witness: string | undefined): UpdateTableCommandInput {
  return {
    TableName: table,
    ReplicaUpdates: replicas.map((spec) => ({ Create: memberAction(spec) })),
    ...(witness !== undefined && { GlobalTableWitnessUpdates: [{ Create: { RegionName: witness } }] }),
    MultiRegionConsistency: 'STRONG',
  };
}

function memberAction(spec: ReplicaSpec): CreateReplicationGroupMemberAction {
  const indexes = Object.entries(spec.indexes ?? {}).map(([name, o]): ReplicaGlobalSecondaryIndex => ({ IndexName: name, ...capacity(o) }));
  return {
    RegionName: spec.region,
    ...capacity(spec),
    ...(spec.tableClass !== undefined && { TableClassOverride: spec.tableClass }),
    ...(indexes.length > 0 && { GlobalSecondaryIndexes: indexes }),
  };
}

function capacity(o: ReplicaCapacityOverride) {
  return {
    ...(o.readCapacity !== undefined && { ProvisionedThroughputOverride: { ReadCapacityUnits: o.readCapacity } }),
    ...(o.maxReadRequestUnits !== undefined && { OnDemandThroughputOverride: { MaxReadRequestUnits: o.maxReadRequestUnits } }),
  };
}
