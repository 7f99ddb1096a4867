import { ConfigurationError } from './core-errors.js';

/**
 * The direct transport would skip middleware the user added to the client
 * (tracing, logging …). Pass `allowMiddlewareBypass: true` to accept that.
 */
export class DirectTransportBypassError extends ConfigurationError {
  override readonly name: string = 'DirectTransportBypassError';
  /** The `middlewareStack.identify()` entries a default client does not have. */
  readonly middleware: readonly string[];
  constructor(middleware: readonly string[]) {
    super(
      `The client carries middleware the direct transport would skip: ${middleware.join(', ')}. ` +
        'Use the default transport, or pass { allowMiddlewareBypass: true } to directTransport to accept skipping it.',
    );
    this.middleware = middleware;
  }
}
