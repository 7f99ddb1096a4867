import type { TableModel } from '../../model/table-definition.js';
import type { ReplicaCapacityOverride, ReplicaSpec, ReplicasDeclaration } from '../../model/table-replicas.js';
import { ReplicaDeclarationError } from './replica-errors.js';
import { regionSetOf } from './region-sets.js';

export type { ReplicaCapacityOverride, ReplicaSpec, ReplicasDeclaration } from '../../model/table-replicas.js';

/** A validated declaration, with the table's own Region resolved. @internal */
export interface ResolvedReplicas {
  readonly table: string;
  readonly homeRegion: string;
  /** Replicas other than the home Region, in declaration order. */
  readonly replicas: readonly ReplicaSpec[];
  readonly consistency: 'eventual' | 'strong';
  readonly witness: string | undefined;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/**
 * Validates a declaration against the table's declaration: Region names,
 * duplicates, overrides that fit the billing mode and name declared GSIs, and
 * the MRSC layout and restrictions. Pure. Throws {@link ReplicaDeclarationError}.
 * @internal
 */
export function resolveReplicas(model: TableModel, homeRegion: string, declaration: ReplicasDeclaration): ResolvedReplicas {
  const fail = (problem: ReplicaDeclarationError['problem'], message: string, region?: string): never => {
    throw new ReplicaDeclarationError({ table: model.name, problem, message, region });
  };
  if (declaration === null || typeof declaration !== 'object' || !Array.isArray(declaration.regions)) {
    fail('invalid-region', 'the replica declaration needs a `regions` array');
  }
  const consistency = declaration.consistency ?? 'eventual';
  if (consistency !== 'eventual' && consistency !== 'strong') fail('invalid-override', `consistency must be 'eventual' or 'strong', not ${String(consistency)}`);
  if (model.stream !== undefined && model.stream !== 'NEW_AND_OLD_IMAGES') {
    fail('stream-view-conflict', `global tables replicate through a NEW_AND_OLD_IMAGES stream; the table declares ${model.stream}`);
  }
  const seen = new Set<string>([homeRegion]);
  const replicas: ReplicaSpec[] = [];
  for (const entry of declaration.regions) {
    const spec: ReplicaSpec = typeof entry === 'string' ? { region: entry } : entry;
    if (spec === null || typeof spec !== 'object' || typeof spec.region !== 'string' || !REGION.test(spec.region)) {
      fail('invalid-region', `"${String((spec as { region?: unknown } | null)?.region ?? entry)}" is not a Region name like us-east-1`);
    }
    if (spec.region === homeRegion) {
      if (Object.keys(spec).length > 1) fail('invalid-override', `overrides belong to replicas; ${homeRegion} is the table's own Region`, homeRegion);
      continue;
    }
    if (seen.has(spec.region)) fail('duplicate-region', `${spec.region} is listed twice`, spec.region);
    seen.add(spec.region);
    checkOverrides(model, spec, fail);
    replicas.push(spec);
  }
  const witness = declaration.witness;
  if (witness !== undefined) {
    if (consistency !== 'strong') fail('witness-without-mrsc', 'a witness exists only in multi-Region strong consistency (consistency: "strong")', witness);
    if (typeof witness !== 'string' || !REGION.test(witness)) fail('invalid-region', `witness "${String(witness)}" is not a Region name`);
    if (seen.has(witness)) fail('mrsc-witness', `the witness ${witness} must be a Region without a replica`, witness);
  }
  if (consistency === 'strong') checkStrong(model, homeRegion, replicas, witness, fail);
  return { table: model.name, homeRegion, replicas, consistency, witness };
}

type Fail = (problem: ReplicaDeclarationError['problem'], message: string, region?: string) => never;

function checkOverrides(model: TableModel, spec: ReplicaSpec, fail: Fail): void {
  const provisioned = model.billing.mode === 'provisioned';
  const capacity = (o: ReplicaCapacityOverride, where: string) => {
    if (o.readCapacity !== undefined) {
      if (!provisioned) fail('invalid-override', `${where}: readCapacity needs provisioned billing; use maxReadRequestUnits on an on-demand table`, spec.region);
      if (!Number.isSafeInteger(o.readCapacity) || o.readCapacity < 1) fail('invalid-override', `${where}: readCapacity must be an integer ≥ 1`, spec.region);
    }
    if (o.maxReadRequestUnits !== undefined) {
      if (provisioned) fail('invalid-override', `${where}: maxReadRequestUnits needs on-demand billing; use readCapacity on a provisioned table`, spec.region);
      if (!Number.isSafeInteger(o.maxReadRequestUnits) || o.maxReadRequestUnits < 1) {
        fail('invalid-override', `${where}: maxReadRequestUnits must be an integer ≥ 1`, spec.region);
      }
    }
  };
  capacity(spec, `replica ${spec.region}`);
  if (spec.tableClass !== undefined && spec.tableClass !== 'STANDARD' && spec.tableClass !== 'STANDARD_INFREQUENT_ACCESS') {
    fail('invalid-override', `replica ${spec.region}: tableClass must be STANDARD or STANDARD_INFREQUENT_ACCESS`, spec.region);
  }
  for (const [name, o] of Object.entries(spec.indexes ?? {})) {
    const index = model.indexes[name];
    if (!index || index.type !== 'global') fail('unknown-index', `replica ${spec.region}: "${name}" is not a global index of the table`, spec.region);
    capacity(o, `replica ${spec.region} index ${name}`);
  }
}

function checkStrong(model: TableModel, home: string, replicas: readonly ReplicaSpec[], witness: string | undefined, fail: Fail): void {
  const regions = [home, ...replicas.map((r) => r.region)];
  const total = regions.length + (witness === undefined ? 0 : 1);
  if (total !== 3 || (witness !== undefined && regions.length !== 2)) {
    fail('mrsc-region-count', `multi-Region strong consistency needs exactly three Regions (three replicas, or two plus a witness); declared ${regions.join(', ')}${witness ? ` + witness ${witness}` : ''}`);
  }
  const sets = new Set([...regions, ...(witness ? [witness] : [])].map((r) => regionSetOf(r)));
  if (sets.size !== 1 || sets.has(undefined)) {
    fail('mrsc-region-set', `multi-Region strong consistency needs all Regions in one Region set (US, EU or AP); declared ${[...regions, ...(witness ? [witness] : [])].join(', ')}`);
  }
  // The restrictions below follow AWS docs as recalled, not re-read (unverified).
  if (model.ttlAttribute !== undefined) fail('mrsc-ttl', `multi-Region strong consistency does not support TTL; the table declares ttlAttribute "${model.ttlAttribute}"`);
  const local = Object.values(model.indexes).find((i) => i.type === 'local');
  if (local) fail('mrsc-local-index', `multi-Region strong consistency does not support local secondary indexes; the table declares ${local.name}`);
}
