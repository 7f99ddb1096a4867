import { loadOnFirstUse } from '../runtime/load-on-first-use.js';
import type { OperationMap, OperationName, SendOptions, Transport } from './transport.js';

/**
 * A transport whose implementation is loaded on its first send (a dynamic
 * `import()`, a chunk of its own in the published build). Importing
 * `tablewright` then costs nothing for the programs that never send through
 * it: the cold start of a Lambda is dominated by the code Node compiles.
 * A failed load is a `ConfigurationError` and is tried again on the next
 * send.
 * @internal
 */
export function lazyTransport(what: string, load: () => Promise<Transport>): Transport {
  let loaded: Transport | undefined;
  let loading: Promise<Transport> | undefined;
  const start = () =>
    (loading ??= loadOnFirstUse(what, load).then(
      (transport) => (loaded = transport),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  return {
    send<O extends OperationName>(operation: O, input: OperationMap[O][0], options?: SendOptions): Promise<OperationMap[O][1]> {
      if (loaded) return loaded.send(operation, input, options);
      return start().then((t) => t.send(operation, input, options));
    },
  };
}
