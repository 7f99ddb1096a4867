/**
 * tablewright/admin: control-plane features as free functions — table
 * lifecycle, capacity prediction and the cost model; backups, point-in-time
 * recovery, exports, imports and replicas as they land. They take a table declaration (`Table` or
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
export type { AdminTable, EnsureResult, TableStatusReport } from './admin/table-lifecycle/table-lifecycle.js';
export { WaitTimeoutError, WaitAbortedError, type WaitOptions } from './admin/control-plane/poll.js';
export { predictWriteCapacity, type PredictWriteOptions, type WritableEntity } from './capacity/predict-entity-write.js';
export { predictReadCapacity, type ReadOperation } from './capacity/predict-read.js';
export type { CapacityPrediction } from './capacity/predict-write.js';
export type { ReadConsistency } from './capacity/capacity-units.js';
export { estimateMonthlyCost, formatCostEstimate, HOURS_PER_MONTH, type CostEstimate, type CostOption, type CostOptions, type Workload } from './capacity/cost-model.js';
export { DEFAULT_PRICES, type PriceTable } from './capacity/price-table.js';
