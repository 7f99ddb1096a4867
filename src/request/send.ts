import type { TablewrightError } from '../errors.js';
import { buildRequestEvent } from '../observability/build-request-event.js';
import type { CapacityDetail } from '../observability/request-event.js';
import type { RequestObservers } from '../observability/request-observers.js';
import type { OperationMap, OperationName, RequestObservation, SendOptions, Transport } from '../transport/transport.js';
import { mapAwsError } from './map-error.js';

/** Who a request is for, so a failure names it. @internal */
export interface SendContext {
  readonly entity?: string | undefined;
  readonly key?: Readonly<Record<string, unknown>> | undefined;
  /** When set, only these attributes of `key` are reported, picked on failure only (keeps the get path free of that work). */
  readonly keyAttributes?: ReadonlySet<string> | undefined;
  readonly abortSignal?: AbortSignal | undefined;
  /** Per-call back end for a routing transport (`SendOptions.route`). */
  readonly route?: 'dax' | 'dynamodb' | undefined;
  /** Per-call `ReturnConsumedCapacity` (`'NONE'` turns off the table's default for this call). */
  readonly capacity?: CapacityDetail | 'NONE' | undefined;
}

/** What send needs of a table: its name, its transport and (for tables declared through tablewright) its listeners. @internal */
export interface SendTable {
  readonly name: string;
  readonly transport: Transport;
  readonly observers?: RequestObservers | undefined;
}

/**
 * The one door of every data-plane request: the table's transport, the
 * caller's abort signal, and SDK errors mapped to the tablewright hierarchy
 * with entity, table and key (the original kept as `cause`). Callers refine
 * the typed error (condition failures, cancellations), never the SDK's.
 * With request listeners on the table it also reports one event per request;
 * without, it allocates nothing more than before.
 * @internal
 */
export async function send<O extends OperationName>(
  table: SendTable,
  operation: O,
  input: OperationMap[O][0],
  context: SendContext = {},
): Promise<OperationMap[O][1]> {
  const observers = table.observers;
  const capacity = context.capacity ?? observers?.capacity;
  if (capacity !== undefined && capacity !== 'NONE' && (input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity === undefined) {
    input = { ...input, ReturnConsumedCapacity: capacity };
  }
  if (observers !== undefined && observers.listeners.length > 0) return observed(table, observers, operation, input, context);
  try {
    const options = context.abortSignal || context.route ? { abortSignal: context.abortSignal, route: context.route } : undefined;
    return await table.transport.send(operation, input, options as SendOptions | undefined);
  } catch (error) {
    throw mapAwsError(error, { entity: context.entity, table: table.name, key: pick(context.key, context.keyAttributes) });
  }
}

async function observed<O extends OperationName>(
  table: SendTable,
  observers: RequestObservers,
  operation: O,
  input: OperationMap[O][0],
  context: SendContext,
): Promise<OperationMap[O][1]> {
  const observation: RequestObservation = {};
  const options = { abortSignal: context.abortSignal, route: context.route, observation } as SendOptions;
  const startedAt = Date.now();
  const start = performance.now();
  let output: OperationMap[O][1] | undefined;
  let error: TablewrightError | undefined;
  let raw: unknown;
  try {
    output = await table.transport.send(operation, input, options);
    return output;
  } catch (e) {
    raw = e;
    error = mapAwsError(e, { entity: context.entity, table: table.name, key: pick(context.key, context.keyAttributes) }) as TablewrightError;
    throw error;
  } finally {
    const latencyMs = performance.now() - start;
    try {
      const key = observers.keys ? pick(context.key, context.keyAttributes) : undefined;
      observers.emit(buildRequestEvent({ operation, table: table.name, entity: context.entity, input, output, error, raw, observation, startedAt, latencyMs }), key);
    } catch {
      // An output of an unexpected shape must not turn a settled request into a failure.
    }
  }
}

function pick(key: Readonly<Record<string, unknown>> | undefined, attributes: ReadonlySet<string> | undefined) {
  if (!key || !attributes) return key;
  const out: Record<string, unknown> = {};
  for (const attribute of attributes) out[attribute] = key[attribute];
  return out;
}
