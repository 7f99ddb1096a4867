/**
 * tablewright/dax: DynamoDB Accelerator support. {@link daxRouter} is a
 * transport that sends each call to the DAX cache when that is safe and to
 * DynamoDB when it is not (strong reads, transaction reads, guarded writes,
 * read-your-writes, fallback), reporting which path served each call;
 * {@link daxTransport} sends everything through DAX. Both take the DAX
 * client you built (`new Dax(...)` from the optional peer
 * `@amazon-dax-sdk/client-dax`); nothing here imports that package (importing
 * it removes every `process` 'warning' listener — see docs/dax.md).
 *
 * @packageDocumentation
 */
export { daxRouter, type DaxRouterOptions } from './transport/dax/dax-router.js';
export { daxTransport } from './transport/dax/dax-transport.js';
export type { DaxClientLike } from './transport/dax/dax-client.js';
export type { DaxRouteEvent, DaxRouteReason } from './transport/dax/dax-route-event.js';
export { withDaxRoute, type DaxRoute } from './transport/dax/route-scope.js';
export { resolveDaxEndpoint, type ResolveDaxEndpointOptions, type DaxClusterEndpoint, type DaxControlClientLike } from './transport/dax/resolve-cluster-endpoint.js';
export { DaxClusterError, DaxClusterNotFoundError } from './transport/dax/dax-cluster-errors.js';
