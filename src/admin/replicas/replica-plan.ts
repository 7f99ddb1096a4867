import type { ReplicaDescription, TableDescription, UpdateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { TableModel } from '../../model/table-definition.js';
import type { ReplicaCapacityOverride, ReplicaSpec, ResolvedReplicas } from './replica-declaration.js';
import { ReplicaFailedError, ReplicaPlanError } from './replica-errors.js';
import {
  createReplicaRequest,
  createStrongRequest,
  deleteReplicaRequest,
  enableStreamRequest,
  updateReplicaRequest,
} from './replica-requests.js';

/** What one step of a replica plan does. */
export type ReplicaStepKind = 'enable-stream' | 'create-replica' | 'update-replica' | 'delete-replica' | 'create-strong';

/** One `UpdateTable` call of a plan, applied only after the previous one is ACTIVE. */
export interface ReplicaStep {
  /** What the step does. */
  readonly kind: ReplicaStepKind;
  /** The replica Region it adds, changes or removes (`create-strong`: every new Region). */
  readonly regions: readonly string[];
  /** The witness Region a `create-strong` step adds. */
  readonly witness?: string | undefined;
  /** One line for people, e.g. `add replica eu-west-1 (table class STANDARD_INFREQUENT_ACCESS)`. */
  readonly description: string;
  /** The exact request the step sends. */
  readonly request: UpdateTableCommandInput;
}

/** A live replica as `DescribeTable` reports it. */
export interface LiveReplica {
  /** Its Region. */
  readonly region: string;
  /** Its `ReplicaStatus` (`ACTIVE`, `CREATING` …). */
  readonly status: string;
}

/** The difference between the declared and the live replica layout, and how to close it. */
export interface ReplicaPlan {
  /** The table. */
  readonly table: string;
  /** The table's own Region (its client's). */
  readonly homeRegion: string;
  /** The declared consistency mode. */
  readonly consistency: 'eventual' | 'strong';
  /** Replicas DynamoDB reports now (other than the home Region). */
  readonly live: readonly LiveReplica[];
  /** The steps, in the order they will run. Empty when the table matches the declaration. */
  readonly steps: readonly ReplicaStep[];
  /** `true` when there is nothing to do. */
  readonly inSync: boolean;
  /** The plan in a few lines for people (a heading, then one line per step). */
  readonly summary: readonly string[];
}

const STUCK = new Set(['CREATION_FAILED', 'REGION_DISABLED', 'INACCESSIBLE_ENCRYPTION_CREDENTIALS', 'REPLICATION_NOT_AUTHORIZED', 'ARCHIVED', 'ARCHIVING']);

/**
 * Plans the `UpdateTable` calls that turn the live table into the declared
 * layout: the stream first, then removals (to stay under quotas while
 * adding), then additions in declaration order, then override changes; or
 * the single MRSC creation request. Pure. Throws {@link ReplicaPlanError}
 * when DynamoDB could not get there, {@link ReplicaFailedError} for a replica
 * stuck in a failed state.
 * @internal
 */
export function planReplicaSteps(model: TableModel, declared: ResolvedReplicas, live: TableDescription): ReplicaPlan {
  const table = model.name;
  const conflict = (kind: ReplicaPlanError['conflict'], message: string): never => {
    throw new ReplicaPlanError({ table, conflict: kind, message });
  };
  const liveReplicas = (live.Replicas ?? []).filter((r) => r.RegionName !== undefined && r.RegionName !== declared.homeRegion);
  for (const r of liveReplicas) {
    if (STUCK.has(r.ReplicaStatus ?? '')) {
      throw new ReplicaFailedError({ table, region: r.RegionName!, status: r.ReplicaStatus!, detail: r.ReplicaStatusDescription });
    }
  }
  const liveStrong = live.MultiRegionConsistency === 'STRONG';
  const liveGlobal = liveReplicas.length > 0 || (live.GlobalTableWitnesses ?? []).length > 0;
  const steps: ReplicaStep[] = [];

  const stream = live.StreamSpecification;
  if (stream?.StreamEnabled && stream.StreamViewType !== 'NEW_AND_OLD_IMAGES') {
    conflict('stream-view-type', `its stream has view type ${stream.StreamViewType}; replication needs NEW_AND_OLD_IMAGES and a view type cannot change in place (disable the stream, then plan again)`);
  }
  // Whether DynamoDB turns the stream on by itself is not documented (unverified): turn it on first.
  if (!stream?.StreamEnabled) steps.push({ kind: 'enable-stream', regions: [], description: 'enable stream NEW_AND_OLD_IMAGES', request: enableStreamRequest(table) });

  const declaredRegions = declared.replicas.map((r) => r.region);
  const liveRegions = liveReplicas.map((r) => r.RegionName!);
  if (declared.consistency === 'strong') {
    if (liveGlobal && !liveStrong) conflict('consistency-mode-fixed', 'it is already an eventually consistent global table; the consistency mode is fixed when the global table is created');
    if (liveStrong) {
      const liveWitness = (live.GlobalTableWitnesses ?? []).map((w) => w.RegionName).sort();
      const same = sameSet(liveRegions, declaredRegions) && sameSet(liveWitness as string[], declared.witness ? [declared.witness] : []);
      if (!same) conflict('mrsc-layout-fixed', `its strongly consistent layout (${liveRegions.join(', ')}) is fixed; declared ${declaredRegions.join(', ')}`);
    } else {
      steps.push({
        kind: 'create-strong',
        regions: declaredRegions,
        witness: declared.witness,
        description: `create strongly consistent global table with replicas ${declaredRegions.join(', ')}${declared.witness ? ` and witness ${declared.witness}` : ''}`,
        request: createStrongRequest(table, declared.replicas, declared.witness),
      });
    }
    return finish(model, declared, liveReplicas, steps);
  }
  if (liveStrong) conflict('consistency-mode-fixed', 'it is a strongly consistent (MRSC) global table; the consistency mode is fixed when the global table is created');

  for (const region of liveRegions) {
    if (!declaredRegions.includes(region)) {
      steps.push({ kind: 'delete-replica', regions: [region], description: `remove replica ${region} (deletes its data there)`, request: deleteReplicaRequest(table, region) });
    }
  }
  for (const spec of declared.replicas) {
    if (!liveRegions.includes(spec.region)) {
      steps.push({ kind: 'create-replica', regions: [spec.region], description: `add replica ${spec.region}${describeOverrides(spec)}`, request: createReplicaRequest(table, spec) });
    }
  }
  for (const spec of declared.replicas) {
    const current = liveReplicas.find((r) => r.RegionName === spec.region);
    if (!current) continue;
    const changes = overrideChanges(model, spec, current);
    if (changes.length > 0) {
      steps.push({ kind: 'update-replica', regions: [spec.region], description: `update replica ${spec.region}: ${changes.join(', ')}`, request: updateReplicaRequest(table, spec) });
    }
  }
  return finish(model, declared, liveReplicas, steps);
}

function finish(model: TableModel, declared: ResolvedReplicas, live: readonly ReplicaDescription[], steps: ReplicaStep[]): ReplicaPlan {
  const heading = steps.length === 0 ? `table ${model.name} (${declared.homeRegion}): replicas in sync` : `table ${model.name} (${declared.homeRegion}): ${steps.length} step(s)`;
  return {
    table: model.name,
    homeRegion: declared.homeRegion,
    consistency: declared.consistency,
    live: live.map((r) => ({ region: r.RegionName!, status: r.ReplicaStatus ?? 'UNKNOWN' })),
    steps,
    inSync: steps.length === 0,
    summary: [heading, ...steps.map((s, i) => `  ${i + 1}. ${s.description}`)],
  };
}

function overrideChanges(model: TableModel, spec: ReplicaSpec, live: ReplicaDescription): string[] {
  const changes: string[] = [];
  const liveClass = live.ReplicaTableClassSummary?.TableClass ?? model.tableClass;
  if (spec.tableClass !== undefined && spec.tableClass !== liveClass) changes.push(`table class ${liveClass} → ${spec.tableClass}`);
  const cap = (o: ReplicaCapacityOverride, l: { ProvisionedThroughputOverride?: { ReadCapacityUnits?: number | undefined } | undefined; OnDemandThroughputOverride?: { MaxReadRequestUnits?: number | undefined } | undefined } | undefined, where: string) => {
    const read = l?.ProvisionedThroughputOverride?.ReadCapacityUnits;
    if (o.readCapacity !== undefined && o.readCapacity !== read) changes.push(`${where}read capacity ${read ?? 'table default'} → ${o.readCapacity}`);
    const max = l?.OnDemandThroughputOverride?.MaxReadRequestUnits;
    if (o.maxReadRequestUnits !== undefined && o.maxReadRequestUnits !== max) changes.push(`${where}max read units ${max ?? 'table default'} → ${o.maxReadRequestUnits}`);
  };
  cap(spec, live, '');
  for (const [name, o] of Object.entries(spec.indexes ?? {})) cap(o, live.GlobalSecondaryIndexes?.find((g) => g.IndexName === name), `index ${name} `);
  return changes;
}

function describeOverrides(spec: ReplicaSpec): string {
  const parts: string[] = [];
  if (spec.tableClass) parts.push(`table class ${spec.tableClass}`);
  if (spec.readCapacity !== undefined) parts.push(`read capacity ${spec.readCapacity}`);
  if (spec.maxReadRequestUnits !== undefined) parts.push(`max read units ${spec.maxReadRequestUnits}`);
  const indexes = Object.keys(spec.indexes ?? {});
  if (indexes.length > 0) parts.push(`index overrides ${indexes.join(', ')}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
