import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DirectTransportBypassError } from '../../errors.js';
import { lazyTransport } from '../lazy-transport.js';
import type { Transport } from '../transport.js';
import { addedMiddleware } from './middleware-check.js';

/** Options of {@link directTransport}. */
export interface DirectTransportOptions {
  /**
   * The direct transport does not run the client's middleware stack. If the
   * client carries middleware a default `DynamoDBClient` does not (tracing,
   * logging, header injection …), {@link directTransport} throws a
   * {@link DirectTransportBypassError} unless this is `true`.
   */
  readonly allowMiddlewareBypass?: boolean | undefined;
}

/**
 * A transport that sends requests directly through `client`'s request
 * handler instead of `client.send`, for hot read paths and Lambda: it keeps
 * the client's credentials, region and endpoint resolution (custom endpoint,
 * FIPS, dual-stack), request handler, retry strategy, clock-skew correction
 * and error classes, and skips the middleware stack. See
 * `docs/direct-transport.md` for what that skips. Its code is loaded on
 * the first send, so importing `tablewright` does not pay for it.
 *
 * @example
 * ```ts
 * const table = new Table({ name: 'app', client, partitionKey: 'pk', sortKey: 'sk', transport: directTransport(client) });
 * ```
 * @throws {@link DirectTransportBypassError} if `client` carries middleware a
 * default client does not, unless `allowMiddlewareBypass` is set.
 */
export function directTransport(client: DynamoDBClient, options: DirectTransportOptions = {}): Transport {
  if (!options.allowMiddlewareBypass) {
    const added = addedMiddleware(client);
    if (added.length > 0) throw new DirectTransportBypassError(added);
  }
  return lazyTransport('the direct transport', async () => new (await import('./direct-sender.js')).DirectSender(client));
}
