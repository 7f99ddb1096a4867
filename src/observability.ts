/**
 * tablewright/observability: what each request did. The event stream itself
 * (`observeRequests`) is on the main entry; this entry adds the consumers
 * that not every program needs: an in-process capacity meter whose recorded
 * workload feeds `estimateMonthlyCost` (tablewright/admin), and an
 * OpenTelemetry adapter (optional peer `@opentelemetry/api`, types only: you
 * pass your tracer).
 *
 * @packageDocumentation
 */
export { CapacityMeter, type MeterRow, type MeterSnapshot, type MeterWorkloadOptions } from './capacity/capacity-meter.js';
export { traceRequests, openTelemetryListener, type TraceRequestsOptions } from './observability/opentelemetry/trace-requests.js';
export { spanAttributes } from './observability/opentelemetry/span-attributes.js';
export { observeRequests } from './observability/observe-requests.js';
export type { ObservableTable } from './observability/observe-requests.js';
export type { RequestEvent, RequestListener, ObserveOptions, ConsumedUnits, CapacityDetail, CapacityOption, RequestPath } from './observability/request-event.js';
