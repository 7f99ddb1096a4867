import { sdkTransport, type OperationMap, type OperationName, type SendOptions, type Transport } from '../transport.js';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DaxClientLike } from './dax-client.js';
import type { NormalisedDaxError } from './dax-error.js';
import type { DaxRouteEvent, DaxRouteReason } from './dax-route-event.js';
import { daxTransport } from './dax-transport.js';
import { RecentWrites } from './recent-writes.js';
import { recordWrite, routeOf, type RouteConfig } from './route-decision.js';
import { currentDaxRoute, type DaxRoute } from './route-scope.js';

/** Options of {@link daxRouter}. */
export interface DaxRouterOptions {
  /** The DAX client (`new Dax({ region, endpoints })` from `@amazon-dax-sdk/client-dax`). */
  readonly dax: DaxClientLike;
  /** Your DynamoDB client: strong reads, transaction reads, guarded writes, write-around and fallback go here. */
  readonly client: DynamoDBClient;
  /** How DynamoDB is reached. Default `sdkTransport(client)` (all the client's middleware runs). */
  readonly dynamodb?: Transport;
  /**
   * `'through'` (default): writes go through DAX, which keeps its item cache
   * fresh. `'around'`: writes go to DynamoDB (bulk loads); the DAX item cache
   * then keeps the old item until its TTL for every other reader.
   */
  readonly writes?: 'through' | 'around';
  /** Per-table overrides of {@link DaxRouterOptions.writes}, by table name. */
  readonly tables?: Readonly<Record<string, { readonly writes?: 'through' | 'around' }>>;
  /**
   * Where conditional writes that read their failure from the returned item
   * (creates, version-locked writes, write tokens, conditional updates) go.
   * `'dynamodb'` (default): to DynamoDB, so failures are exact (same typed
   * errors as without DAX); their item stays stale in the DAX item cache for
   * other processes until its TTL. `'dax'`: through DAX (fresh item cache),
   * and since DAX returns no item, such failures throw `WriteOutcomeUnknownError`.
   */
  readonly conditionalWrites?: 'dynamodb' | 'dax';
  /**
   * Keeps reads this process could see stale on DynamoDB for `windowMs`
   * after its own write (default 300,000 ms, DAX's default query TTL; set it
   * to your cluster's `query-ttl-millis`): queries of a written partition,
   * scans of a written table, gets of items written around DAX.
   * `scope: 'table'` keeps every query of a written table on DynamoDB (an
   * item that moved out of an index partition is then never seen there).
   * `false` turns it off.
   */
  readonly readYourWrites?: false | { readonly windowMs?: number; readonly scope?: 'partition' | 'table' };
  /**
   * Reads that DAX fails (unreachable, or throttling past the DAX client's
   * retries) are sent to DynamoDB; for `cooldownMs` (default 1,000) after
   * such a failure reads skip DAX. `false` lets the DAX error through.
   * Writes never fall back (a lost write may have been applied).
   */
  readonly fallback?: false | { readonly cooldownMs?: number };
  /** Called once per settled call with the path that served it and why. A throwing listener is ignored. */
  readonly onRoute?: (event: DaxRouteEvent) => void;
  /** Clock in epoch ms (windows, cooldown). Default `Date.now`. */
  readonly clock?: () => number;
}

/**
 * A transport that sends each call to DAX when the cache is safe and to
 * DynamoDB when it is not (docs/dax.md has the table):
 *
 * | call | path |
 * | --- | --- |
 * | eventually consistent get / batchGet / query / scan | DAX |
 * | `ConsistentRead: true`, transactGet | DynamoDB |
 * | query / scan / get this process may see stale (read-your-writes) | DynamoDB |
 * | put / update / delete / batchWrite / transactWrite | DAX (write-through), or DynamoDB with `writes: 'around'` |
 * | conditional write that reads its failure from the item | DynamoDB (`conditionalWrites`) |
 * | read DAX failed | DynamoDB (fallback) |
 *
 * A route can be forced per call with the action's `route` option or for a whole scope with {@link withDaxRoute}.
 * Pass it as the table's `transport`.
 */
export function daxRouter(options: DaxRouterOptions): Transport {
  const clock = options.clock ?? Date.now;
  const ryw = options.readYourWrites === false ? undefined : (options.readYourWrites ?? {});
  const config: RouteConfig = {
    writes: options.writes ?? 'through',
    tables: options.tables ?? {},
    conditionalWrites: options.conditionalWrites ?? 'dynamodb',
    tableScope: ryw?.scope === 'table',
    recent: ryw ? new RecentWrites(ryw.windowMs ?? 300_000, clock) : undefined,
    around: ryw ? new RecentWrites(ryw.windowMs ?? 300_000, clock) : undefined,
  };
  const dax = daxTransport(options.dax);
  const dynamodb = options.dynamodb ?? sdkTransport(options.client);
  const fallback = options.fallback === false ? undefined : { cooldownMs: options.fallback?.cooldownMs ?? 1000 };
  const onRoute = options.onRoute;
  let daxDownUntil = 0;

  const report = (event: DaxRouteEvent) => {
    if (!onRoute) return;
    try {
      onRoute(event);
    } catch {
      // Observability must never change the outcome of a call.
    }
  };

  const daxSend = <O extends OperationName>(operation: O, input: OperationMap[O][0], options: SendOptions | undefined, read: boolean, reason: DaxRouteReason) =>
    dax.send(operation, input, options).then(
      // No listener: no event object, no extra frame on the hot path (the read benchmark measures this).
      onRoute
        ? (output: OperationMap[O][1]) => {
            report({ operation, table: tableOf(input), path: 'dax', reason, ok: true });
            return output;
          }
        : undefined,
      (error: unknown) => {
        const e = error as NormalisedDaxError;
        if (!read || !fallback || !(e.$daxUnavailable || e.$daxThrottled)) {
          report({ operation, table: tableOf(input), path: 'dax', reason, ok: false });
          throw error;
        }
        daxDownUntil = clock() + fallback.cooldownMs;
        if (options?.observation) options.observation.path = 'dynamodb';
        return settle(dynamodb.send(operation, input, options), { operation, table: tableOf(input), path: 'dynamodb', reason: 'fallback', daxError: error });
      },
    );

  return {
    capabilities: Object.freeze({ returnsItemOnConditionFailure: config.conditionalWrites === 'dynamodb' }),
    send<O extends OperationName>(operation: O, input: OperationMap[O][0], sendOptions?: SendOptions): Promise<OperationMap[O][1]> {
      try {
        const forced = sendOptions?.route ?? currentDaxRoute();
        let { path, reason } = routeOf(operation, input, forced, config);
        const read = READS.has(operation);
        if (path === 'dax' && read && fallback && daxDownUntil !== 0 && daxDownUntil > clock()) {
          path = 'dynamodb';
          reason = 'dax-unavailable';
        }
        if (!read) recordWrite(operation, input, path, config);
        // The request event's slot travels on, so the inner transports record where they sent it.
        const observation = sendOptions?.observation;
        const options = sendOptions?.abortSignal || observation ? ({ abortSignal: sendOptions?.abortSignal, observation } as SendOptions) : undefined;
        if (observation) observation.path = path;
        if (path === 'dax') return daxSend(operation, input, options, read, reason);
        return settle(dynamodb.send(operation, input, options), { operation, table: tableOf(input), path, reason });
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };

  function settle<T>(promise: Promise<T>, event: Omit<DaxRouteEvent, 'ok'>): Promise<T> {
    if (!onRoute) return promise;
    return promise.then(
      (output) => {
        report({ ...event, ok: true });
        return output;
      },
      (error: unknown) => {
        report({ ...event, ok: false });
        throw error;
      },
    );
  }
}

const READS = new Set<OperationName>(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);

function tableOf(input: unknown): string | undefined {
  const i = input as { TableName?: string; RequestItems?: Record<string, unknown>; TransactItems?: readonly Record<string, { TableName?: string }>[] };
  if (i.TableName !== undefined) return i.TableName;
  if (i.RequestItems) for (const name in i.RequestItems) return name;
  const first = i.TransactItems?.[0];
  if (first) for (const k in first) return first[k]?.TableName;
  return undefined;
}
