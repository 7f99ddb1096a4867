import {
  DescribeTableCommand,
  ScanCommand,
  UpdateTableCommand,
  type DescribeTableCommandOutput,
  type DynamoDBClient,
  type ScanCommandOutput,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { AdminTable } from '../table-lifecycle/table-lifecycle.js';
import { controlSend } from '../control-plane/control-send.js';
import { pollUntil, type WaitOptions } from '../control-plane/poll.js';
import { resolveReplicas, type ReplicasDeclaration } from './replica-declaration.js';
import { ReplicaDeclarationError, ReplicaFailedError, ReplicaPlanError } from './replica-errors.js';
import { planReplicaSteps, type ReplicaPlan, type ReplicaStep } from './replica-plan.js';

/** The plan, reported before anything is sent (also in a dry run). */
export interface ReplicaPlanEvent {
  /** Discriminant. */
  readonly type: 'plan';
  /** The plan. */
  readonly plan: ReplicaPlan;
}

/** A step is about to be sent, or has finished (its replicas reached their end state). */
export interface ReplicaStepEvent {
  /** Discriminant. */
  readonly type: 'step-started' | 'step-done';
  /** The step. */
  readonly step: ReplicaStep;
  /** Its position in the plan, from 0. */
  readonly index: number;
  /** How many steps the plan has. */
  readonly total: number;
}

/** A state read while waiting for a step. */
export interface ReplicaWaitingEvent {
  /** Discriminant. */
  readonly type: 'waiting';
  /** The step waited for. */
  readonly step: ReplicaStep;
  /** The table's `TableStatus`. */
  readonly tableStatus: string | undefined;
  /** Each replica's `ReplicaStatus`, by Region. */
  readonly replicas: Readonly<Record<string, string>>;
}

/** A progress event of {@link applyReplicas}. */
export type ReplicaProgressEvent = ReplicaPlanEvent | ReplicaStepEvent | ReplicaWaitingEvent;

/** Options of {@link applyReplicas}. */
export interface ApplyReplicasOptions {
  /** Plan only: return (and report) the plan without sending any change. Default `false`. */
  readonly dryRun?: boolean | undefined;
  /** Let the plan delete replicas that are live but not declared (their data in that Region goes). Default `false`: such a plan is refused before any change. */
  readonly allowRemoval?: boolean | undefined;
  /** Sees the plan, each step and each state read while waiting. */
  readonly onProgress?: ((event: ReplicaProgressEvent) => void) | undefined;
  /** How long and how often to wait for ACTIVE after each step. */
  readonly wait?: WaitOptions | undefined;
}

/** What {@link applyReplicas} did. */
export interface ApplyReplicasResult {
  /** The plan it followed. */
  readonly plan: ReplicaPlan;
  /** The steps sent and finished (all of them unless `dryRun`). */
  readonly applied: readonly ReplicaStep[];
  /** Whether this was a dry run. */
  readonly dryRun: boolean;
}

/**
 * Compares the declared replica Regions with the live table and returns the
 * steps that would close the difference, without changing anything (one
 * `DescribeTable`; for a new MRSC layout also a one-item `Scan` to check the
 * table is empty). The table's own Region is its client's Region. Without a
 * declaration, the table's own `replicas` (`TableConfig.replicas`) is used.
 *
 * @throws ReplicaDeclarationError - the declaration is invalid (before any request)
 * @throws ReplicaPlanError - DynamoDB cannot get from the live table to the declaration
 *
 * @example
 * ```ts
 * import { planReplicas } from 'tablewright/admin';
 * const plan = await planReplicas(table, { regions: ['eu-west-1', { region: 'ap-southeast-2', tableClass: 'STANDARD_INFREQUENT_ACCESS' }] });
 * console.log(plan.summary.join('\n'));
 * ```
 */
export async function planReplicas(table: AdminTable, declaration: ReplicasDeclaration | undefined = table.model.replicas): Promise<ReplicaPlan> {
  const model = table.model;
  if (declaration === undefined) {
    throw new ReplicaDeclarationError({ table: model.name, problem: 'invalid-region', message: 'no replica declaration: pass one, or declare `replicas` on the table' });
  }
  const homeRegion = await clientRegion(model.client);
  const declared = resolveReplicas(model, homeRegion, declaration);
  const live = await describe(model.client, model.name);
  const plan = planReplicaSteps(model, declared, live);
  if (plan.steps.some((s) => s.kind === 'create-strong') && !(await isEmpty(model.client, model.name))) {
    throw new ReplicaPlanError({ table: model.name, conflict: 'mrsc-table-not-empty', message: 'multi-Region strong consistency can only be set up on an empty table' });
  }
  return plan;
}

/**
 * Plans (see {@link planReplicas}) and applies the replica layout: one
 * `UpdateTable` per step, waiting after each until the table and the replica
 * are ACTIVE (or the replica is gone), reporting progress. With `dryRun`
 * nothing is sent. Deleting undeclared replicas needs `allowRemoval`.
 *
 * @throws ReplicaDeclarationError - the declaration is invalid (before any request)
 * @throws ReplicaPlanError - the live table cannot reach the declaration, or removals without `allowRemoval` (before any change)
 * @throws ReplicaFailedError - a replica ended in a failed state
 * @throws WaitTimeoutError - a step did not finish in time (it may still finish)
 *
 * @example
 * ```ts
 * import { applyReplicas } from 'tablewright/admin';
 * await applyReplicas(table, { regions: ['us-east-1', 'eu-west-1'] }, { onProgress: (e) => console.log(e.type) });
 * ```
 */
export async function applyReplicas(
  table: AdminTable,
  declaration: ReplicasDeclaration | undefined = table.model.replicas,
  options: ApplyReplicasOptions = {},
): Promise<ApplyReplicasResult> {
  const model = table.model;
  const plan = await planReplicas(table, declaration);
  options.onProgress?.({ type: 'plan', plan });
  const dryRun = options.dryRun ?? false;
  if (dryRun) return { plan, applied: [], dryRun };
  const removals = plan.steps.filter((s) => s.kind === 'delete-replica');
  if (removals.length > 0 && !options.allowRemoval) {
    throw new ReplicaPlanError({
      table: model.name,
      conflict: 'removal-not-allowed',
      message: `the plan removes replicas ${removals.flatMap((s) => s.regions).join(', ')} (their data there is deleted); pass allowRemoval: true to apply it`,
    });
  }
  const applied: ReplicaStep[] = [];
  const total = plan.steps.length;
  if (total > 0) await waitFor(model.client, model.name, undefined, options);
  for (const [index, step] of plan.steps.entries()) {
    options.onProgress?.({ type: 'step-started', step, index, total });
    await controlSend(model.client, new UpdateTableCommand(step.request), { table: model.name, operation: 'UpdateTable' });
    await waitFor(model.client, model.name, step, options);
    applied.push(step);
    options.onProgress?.({ type: 'step-done', step, index, total });
  }
  return { plan, applied, dryRun };
}

/** Waits until the table is ACTIVE and the step's replicas (and witness) reached their end state. */
async function waitFor(client: DynamoDBClient, name: string, step: ReplicaStep | undefined, options: ApplyReplicasOptions): Promise<void> {
  await pollUntil({
    waitingFor: step ? `table ${name}: ${step.description}` : `table ${name} ACTIVE`,
    read: () => describe(client, name),
    stateOf: (d) => `${d.TableStatus}${(d.Replicas ?? []).map((r) => ` ${r.RegionName}=${r.ReplicaStatus}`).join('')}`,
    onState: (d) => {
      if (step) options.onProgress?.({ type: 'waiting', step, tableStatus: d.TableStatus, replicas: Object.fromEntries((d.Replicas ?? []).map((r) => [r.RegionName, r.ReplicaStatus])) });
    },
    done: (d) => d.TableStatus === 'ACTIVE' && (step === undefined || stepFinished(name, step, d)),
    options: options.wait,
  });
}

function stepFinished(name: string, step: ReplicaStep, d: TableDescription): boolean {
  const status = (region: string) => d.Replicas?.find((r) => r.RegionName === region)?.ReplicaStatus;
  for (const region of step.regions) {
    const s = status(region);
    if (s === 'CREATION_FAILED' || s === 'REGION_DISABLED' || s === 'INACCESSIBLE_ENCRYPTION_CREDENTIALS' || s === 'REPLICATION_NOT_AUTHORIZED') {
      throw new ReplicaFailedError({ table: name, region, status: s, detail: d.Replicas?.find((r) => r.RegionName === region)?.ReplicaStatusDescription });
    }
    if (step.kind === 'delete-replica' ? s !== undefined : s !== 'ACTIVE') return false;
  }
  if (step.witness !== undefined && d.GlobalTableWitnesses?.find((w) => w.RegionName === step.witness)?.WitnessStatus !== 'ACTIVE') return false;
  if (step.kind === 'enable-stream' && !d.StreamSpecification?.StreamEnabled) return false;
  return true;
}

async function describe(client: DynamoDBClient, name: string): Promise<TableDescription> {
  const out = await controlSend<DescribeTableCommandOutput>(client, new DescribeTableCommand({ TableName: name }), { table: name, operation: 'DescribeTable' });
  return out.Table ?? {};
}

async function isEmpty(client: DynamoDBClient, name: string): Promise<boolean> {
  // ItemCount in DescribeTable lags by hours; one consistent item read does not.
  const out = await controlSend<ScanCommandOutput>(client, new ScanCommand({ TableName: name, Limit: 1, ConsistentRead: true, Select: 'COUNT' }), { table: name, operation: 'Scan' });
  return (out.Count ?? 0) === 0 && out.LastEvaluatedKey === undefined;
}

/** The Region a client sends to (the SDK resolves it lazily). @internal */
export async function clientRegion(client: DynamoDBClient): Promise<string> {
  const region = client.config.region as unknown;
  return typeof region === 'function' ? String(await (region as () => Promise<string>)()) : String(region);
}
