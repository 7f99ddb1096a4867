import type { SpanKind, SpanStatusCode, Tracer } from '@opentelemetry/api';
import { ConfigurationError } from '../../errors.js';
import { observeRequests, type ObservableTable } from '../observe-requests.js';
import type { CapacityDetail, RequestListener } from '../request-event.js';
import { spanAttributes } from './span-attributes.js';

// The API's enum values, so that only its types are imported (nothing loads unless you pass a tracer).
const CLIENT = 2 as SpanKind;
const ERROR = 2 as SpanStatusCode;

/** Options of {@link traceRequests}. */
export interface TraceRequestsOptions {
  /** Your tracer, e.g. `trace.getTracer('orders-service')` from `@opentelemetry/api`. */
  readonly tracer: Tracer;
  /** Ask DynamoDB for consumed capacity so spans carry `aws.dynamodb.consumed_capacity`. Default: what the table asks for. */
  readonly capacity?: CapacityDetail | undefined;
}

/**
 * A request listener that records one OpenTelemetry CLIENT span per request
 * (`DynamoDB.GetItem` …, from send to settle, with the attributes of
 * {@link spanAttributes}; failed requests get the exception and an ERROR
 * status). The span's parent is the context active where the call was
 * awaited. `@opentelemetry/api` is an optional peer: only its types are
 * imported here, your tracer does the work.
 *
 * @throws ConfigurationError - no tracer
 */
export function openTelemetryListener(tracer: Tracer): RequestListener {
  if (typeof (tracer as { startSpan?: unknown } | undefined)?.startSpan !== 'function') {
    throw new ConfigurationError('traceRequests: tracer must be an OpenTelemetry Tracer (trace.getTracer(name))');
  }
  return (event) => {
    const span = tracer.startSpan(`DynamoDB.${event.operation}`, { kind: CLIENT, startTime: event.startedAt, attributes: spanAttributes(event) });
    if (event.error !== undefined) {
      span.recordException(event.error);
      span.setStatus({ code: ERROR, message: event.error.message });
    }
    span.end(event.startedAt + event.latencyMs);
  };
}

/**
 * Traces every request of `table` as an OpenTelemetry span until the
 * returned function is called.
 *
 * @throws ConfigurationError - no tracer, or a bad `capacity`
 *
 * @example
 * ```ts
 * import { trace } from '@opentelemetry/api';
 * import { traceRequests } from 'tablewright/observability';
 *
 * const stop = traceRequests(table, { tracer: trace.getTracer('orders'), capacity: 'TOTAL' });
 * ```
 */
export function traceRequests(table: ObservableTable, options: TraceRequestsOptions): () => void {
  return observeRequests(table, openTelemetryListener(options?.tracer), { capacity: options.capacity });
}
