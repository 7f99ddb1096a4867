import type { OperationMap, OperationName, SendOptions, Transport, TransportCapabilities } from '../transport.js';
import { DAX_METHODS, type DaxClientLike } from './dax-client.js';
import { normaliseDaxError } from './dax-error.js';

const CAPABILITIES: TransportCapabilities = Object.freeze({ returnsItemOnConditionFailure: false });

/**
 * A transport that sends every operation through a DAX client (`Dax` from
 * `@amazon-dax-sdk/client-dax`, or anything with its method names): `GetItem`
 * → `dax.getItem(input)` and so on, since DAX has no `send(command)`. Errors
 * are rewritten into the SDK's shape (the AWS name from `code`, `retryable`
 * as `$retryable`, `cancellationReasons` as `CancellationReasons`), so the
 * request seam maps them to the same typed errors as DynamoDB's.
 *
 * DAX returns no item with a failed condition, so this transport declares
 * `returnsItemOnConditionFailure: false`: guarded writes (creates,
 * version-locked, conditional updates) whose condition fails throw
 * `WriteOutcomeUnknownError` rather than guess. {@link daxRouter} avoids
 * that by sending those writes to DynamoDB.
 *
 * The abort signal is honoured before the call only: the DAX client cannot
 * cancel a request in flight.
 */
export function daxTransport(dax: DaxClientLike): Transport {
  return {
    capabilities: CAPABILITIES,
    // Not async: one promise, no extra await frame on the hot path (the read benchmark measures this).
    send<O extends OperationName>(operation: O, input: OperationMap[O][0], options?: SendOptions): Promise<OperationMap[O][1]> {
      if (options?.abortSignal?.aborted) return Promise.reject(options.abortSignal.reason);
      if (options?.observation) options.observation.path = 'dax';
      try {
        const method = dax[DAX_METHODS[operation]] as (this: DaxClientLike, input: unknown) => Promise<OperationMap[O][1]>;
        return method.call(dax, input).then(undefined, rethrowNormalised);
      } catch (error) {
        return Promise.reject(normaliseDaxError(error));
      }
    },
  };
}

function rethrowNormalised(error: unknown): never {
  throw normaliseDaxError(error);
}
