/**
 * tablewright/admin: control-plane features as free functions — table
 * lifecycle today; backups, point-in-time recovery, exports, imports and
 * replicas as they land. They take a table declaration (`Table` or
 * `TableCore`) and send through its client. Nothing here is reachable from
 * the main entry, so the data-plane bundle does not grow with them.
 *
 * Rule: a control-plane feature is a free function in `src/admin/<action>/`
 * (a pure request builder, its send step through `controlSend`, options and
 * tests), exported here; never a new method on `Table`.
 *
 * @packageDocumentation
 */
export { createTable, deleteTable, describeTable, ensureTable, waitUntilActive } from './admin/table-lifecycle/table-lifecycle.js';
export type { EnsureResult, TableStatusReport } from './admin/table-lifecycle/table-lifecycle.js';
export { WaitTimeoutError, WaitAbortedError, type WaitOptions } from './admin/control-plane/poll.js';
export { planReplicas, applyReplicas } from './admin/replicas/apply-replicas.js';
export type { ApplyReplicasOptions, ApplyReplicasResult, ReplicaProgressEvent, ReplicaPlanEvent, ReplicaStepEvent, ReplicaWaitingEvent } from './admin/replicas/apply-replicas.js';
export type { ReplicasDeclaration, ReplicaSpec, ReplicaCapacityOverride } from './admin/replicas/replica-declaration.js';
export type { ReplicaPlan, ReplicaStep, ReplicaStepKind, LiveReplica } from './admin/replicas/replica-plan.js';
export { ReplicaDeclarationError, ReplicaPlanError, ReplicaFailedError } from './admin/replicas/replica-errors.js';
export type { ReplicaDeclarationProblem, ReplicaPlanConflict } from './admin/replicas/replica-errors.js';
export { MRSC_REGION_SETS, regionSetOf } from './admin/replicas/region-sets.js';
