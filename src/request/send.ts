import type { OperationMap, OperationName, SendOptions, Transport } from '../transport/transport.js';
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
}

/**
 * The one door of every data-plane request: the table's transport, the
 * caller's abort signal, and SDK errors mapped to the tablewright hierarchy
 * with entity, table and key (the original kept as `cause`). Callers refine
 * the typed error (condition failures, cancellations), never the SDK's.
 * @internal
 */
export async function send<O extends OperationName>(
  table: { readonly name: string; readonly transport: Transport; readonly writeRegionAttribute?: string | undefined },
  operation: O,
  input: OperationMap[O][0],
  context: SendContext = {},
): Promise<OperationMap[O][1]> {
  try {
    // Writes name the Region-stamp attribute, so a multi-Region transport can stamp the Region each attempt reaches.
    const regionAttribute = table.writeRegionAttribute !== undefined && WRITES.has(operation) ? table.writeRegionAttribute : undefined;
    const options =
      context.abortSignal || context.route || regionAttribute ? { abortSignal: context.abortSignal, route: context.route, regionAttribute } : undefined;
    return await table.transport.send(operation, input, options as SendOptions | undefined);
  } catch (error) {
    throw mapAwsError(error, { entity: context.entity, table: table.name, key: pick(context.key, context.keyAttributes) });
  }
}

const WRITES: ReadonlySet<OperationName> = new Set<OperationName>(['PutItem', 'UpdateItem', 'BatchWriteItem', 'TransactWriteItems']);

function pick(key: Readonly<Record<string, unknown>> | undefined, attributes: ReadonlySet<string> | undefined) {
  if (!key || !attributes) return key;
  const out: Record<string, unknown> = {};
  for (const attribute of attributes) out[attribute] = key[attribute];
  return out;
}
