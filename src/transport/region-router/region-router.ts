import { ListTablesCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConfigurationError } from '../../errors.js';
import { sdkTransport, type OperationMap, type OperationName, type SendOptions, type Transport } from '../transport.js';
import { MixedHomeRegionsError, PinnedRegionUnavailableError, RegionsUnavailableError, type PinReason } from './region-errors.js';
import { isRegionFailure } from './region-failure.js';
import { RegionHealthBook, type HealthChange, type RegionHealth } from './region-health.js';
import type { RegionRouterEvent, RegionRouterOptions } from './region-router-options.js';
import { WriteRegionMemory } from './read-your-writes.js';
import { profileRequest, type RequestProfile, type TouchedItem } from './request-profile.js';
import { stampRegion } from './region-stamp-rewrite.js';

/** A {@link Transport} over one DynamoDB client per Region, with failover, fail-back and home-Region pinning. */
export interface RegionRouter extends Transport {
  /** The first Region of `regions`. */
  readonly homeRegion: string;
  /** Sends one request to the Region the routing rules pick (see {@link regionRouter}). */
  send<O extends OperationName>(operation: O, input: OperationMap[O][0], options?: SendOptions): Promise<OperationMap[O][1]>;
  /** The Region unpinned requests go to now (the first healthy one); `undefined` when every Region is down. */
  activeRegion(): string | undefined;
  /** Each Region's health, in preference order. */
  status(): readonly RegionHealth[];
  /** The client of a Region (e.g. for the table's control-plane calls). */
  clientFor(region: string): DynamoDBClient;
  /** Probes every down Region once now (the timer does this every `health.intervalMs`). */
  checkHealth(): Promise<void>;
  /** Stops the probe timer. The clients stay yours to destroy. */
  close(): void;
}

/**
 * Routes every data-plane request to a Region: the home Region first; on a
 * Region failure (connection errors, 5xx after the SDK's retries) the next
 * Region in order, with `failover` events; back to a more preferred Region
 * only after it passed `healthyAfter` probes and `minDownMs` (hysteresis).
 *
 * Region-local requests — strongly consistent reads, conditional (and so
 * version-locked) writes and transactions — are pinned to their item's
 * home Region (`homeRegionOf`, default the router's home): under MREC a
 * condition is judged against the local replica only and another Region's
 * replica may be behind, so when the home Region is down they fail with
 * {@link PinnedRegionUnavailableError} instead of failing over.
 *
 * Unpinned writes that fail over are sent again in the next Region. After a
 * 5xx the first Region may have applied the write too; with whole-item
 * last-writer-wins that is harmless for puts and deletes, but an `ADD` or
 * `list_append` update could count twice — pin such writes with a condition.
 *
 * @throws ConfigurationError - no Regions, duplicate Regions, bad options
 *
 * @example
 * ```ts
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 * import { regionRouter, Table } from 'tablewright';
 *
 * const east = new DynamoDBClient({ region: 'us-east-1' });
 * const west = new DynamoDBClient({ region: 'us-west-2' });
 * const router = regionRouter({
 *   regions: [{ region: 'us-east-1', client: east }, { region: 'us-west-2', client: west }],
 *   homeRegionOf: ({ attributes }) => (attributes.pk?.S?.startsWith('EU#') ? 'eu-west-1' : undefined),
 *   onEvent: (e) => console.log(e.type),
 * });
 * const table = new Table({ name: 'app', client: east, transport: router, partitionKey: 'pk', sortKey: 'sk' });
 * ```
 */
export function regionRouter(options: RegionRouterOptions): RegionRouter {
  const regions = checkRegions(options);
  const names = regions.map((r) => r.region);
  const home = names[0]!;
  const clock = options.clock ?? Date.now;
  const emit = (event: RegionRouterEvent) => options.onEvent?.(event);
  const failure = options.isRegionFailure ?? isRegionFailure;
  const health = options.health ?? {};
  const intervalMs = nonNegative(health.intervalMs ?? 5_000, 'health.intervalMs');
  const book = new RegionHealthBook(names, { healthyAfter: positive(health.healthyAfter ?? 3, 'health.healthyAfter'), minDownMs: nonNegative(health.minDownMs ?? 30_000, 'health.minDownMs') }, clock);
  const probe = health.probe ?? ((client: DynamoDBClient) => client.send(new ListTablesCommand({ Limit: 1 })));
  // A field given as undefined keeps its default (a spread would switch the pinning off).
  const given = options.pin === false ? undefined : options.pin;
  const pin =
    options.pin === false
      ? { strongReads: false, conditionalWrites: false, transactions: false }
      : { strongReads: given?.strongReads ?? true, conditionalWrites: given?.conditionalWrites ?? true, transactions: given?.transactions ?? true };
  const ryw = options.readYourWrites;
  if (ryw && !(ryw.windowMs > 0 && Array.isArray(ryw.keyAttributes) && ryw.keyAttributes.length > 0)) {
    throw new ConfigurationError('regionRouter: readYourWrites needs windowMs > 0 and the key attribute names');
  }
  const memory = ryw ? new WriteRegionMemory(ryw.keyAttributes, ryw.windowMs, clock) : undefined;
  const transports = new Map(regions.map((r) => [r.region, r.transport ?? sdkTransport(r.client)]));
  const clients = new Map(regions.map((r) => [r.region, r.client]));
  let timer: NodeJS.Timeout | undefined;

  const report = (change: HealthChange, before: string | undefined, operation?: OperationName, error?: unknown) => {
    if (!change) return;
    const after = book.active();
    if (change.kind === 'down') {
      emit({ type: 'region-down', region: change.region, error });
      if (before !== undefined && after !== undefined && before !== after && operation) emit({ type: 'failover', from: before, to: after, operation });
      startProbing();
    } else {
      emit({ type: 'region-up', region: change.region });
      if (before !== undefined && after !== undefined && names.indexOf(after) < names.indexOf(before)) emit({ type: 'failback', from: before, to: after });
      if (book.down().length === 0) stopProbing();
    }
  };
  const markDown = (region: string, error: unknown, operation: OperationName) => {
    const before = book.active();
    report(book.failed(region), before, operation, error);
  };
  const startProbing = () => {
    if (timer || intervalMs === 0) return;
    timer = setInterval(() => void checkHealth(), intervalMs);
    timer.unref();
  };
  const stopProbing = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  let probing: Promise<void> | undefined;
  const checkHealth = () =>
    (probing ??= (async () => {
      for (const region of book.down()) {
        try {
          await probe(clients.get(region)!, region);
          emit({ type: 'probe', region, ok: true });
          const before = book.active();
          report(book.probeSucceeded(region), before);
        } catch (error) {
          emit({ type: 'probe', region, ok: false, error });
          book.failed(region);
        }
      }
    })().finally(() => (probing = undefined)));

  const pinReason = (p: RequestProfile): PinReason | undefined => {
    if (p.transaction) return pin.transactions ? 'transaction' : undefined;
    if (p.conditional) return pin.conditionalWrites ? 'conditional-write' : undefined;
    if (p.strongRead) return pin.strongReads ? 'strong-read' : undefined;
    return undefined;
  };
  const homeOf = (p: RequestProfile): string => {
    const homes = new Set(p.items.map((item) => options.homeRegionOf?.({ operation: p.operation, table: item.table, attributes: item.attributes }) ?? home));
    if (homes.size > 1) throw new MixedHomeRegionsError(p.operation, [...homes]);
    const region = homes.size === 0 ? home : [...homes][0]!;
    if (!transports.has(region)) throw new ConfigurationError(`regionRouter: homeRegionOf returned "${region}", which is not one of ${names.join(', ')}`);
    return region;
  };

  const sendPinned = async <O extends OperationName>(p: RequestProfile, reason: PinReason, input: OperationMap[O][0], sendOptions?: SendOptions) => {
    const region = homeOf(p);
    const refuse = (cause?: unknown): never => {
      emit({ type: 'pinned-refused', region, operation: p.operation, reason });
      throw new PinnedRegionUnavailableError({ operation: p.operation, region, reason, cause });
    };
    if (!book.isHealthy(region)) refuse();
    const recent = p.write ? [] : recentWrites(p);
    try {
      if (sendOptions?.observation) sendOptions.observation.region = region;
      const out = await transports.get(region)!.send(p.operation as O, stamped(p.operation as O, input, region, sendOptions), sendOptions);
      if (p.write) memory?.wrote(p.items, region);
      // A strong read at home after a write failed over elsewhere: home may not have that write yet.
      reportStale(p.operation, recent, region);
      return out;
    } catch (error) {
      if (sendOptions?.abortSignal?.aborted || !failure(error)) throw error;
      markDown(region, error, p.operation);
      return refuse(error);
    }
  };

  const send = async <O extends OperationName>(operation: O, input: OperationMap[O][0], sendOptions?: SendOptions): Promise<OperationMap[O][1]> => {
    const p = profileRequest(operation, input);
    const reason = pinReason(p);
    if (reason) return sendPinned<O>(p, reason, input, sendOptions);
    const recent = p.write ? [] : recentWrites(p);
    const errors: { region: string; error: unknown }[] = [];
    for (const region of candidates(recent[0]?.region)) {
      try {
        if (sendOptions?.observation) sendOptions.observation.region = region;
        const out = await transports.get(region)!.send(operation, stamped(operation, input, region, sendOptions), sendOptions);
        if (p.write) memory?.wrote(p.items, region);
        reportStale(operation, recent, region);
        return out;
      } catch (error) {
        if (sendOptions?.abortSignal?.aborted || !failure(error)) throw error;
        errors.push({ region, error });
        markDown(region, error, operation);
      }
    }
    throw new RegionsUnavailableError(operation, errors);
  };

  /** Items of a read that a write of the read-your-writes window touched, with the Region that took it. */
  const recentWrites = (p: RequestProfile): { item: TouchedItem; region: string }[] => {
    const recent: { item: TouchedItem; region: string }[] = [];
    if (memory) {
      for (const item of p.items) {
        const region = memory.regionOf(item);
        if (region) recent.push({ item, region });
      }
    }
    return recent;
  };
  const reportStale = (operation: OperationName, recent: readonly { item: TouchedItem; region: string }[], readFrom: string) => {
    for (const r of recent) {
      if (r.region !== readFrom) emit({ type: 'stale-read', operation, table: r.item.table, key: memory!.describe(r.item), wroteIn: r.region, readFrom });
    }
  };
  /** The request as this attempt sends it: a write's Region stamp names the Region it goes to. */
  const stamped = <O extends OperationName>(operation: O, input: OperationMap[O][0], region: string, sendOptions: SendOptions | undefined) =>
    sendOptions?.regionAttribute ? stampRegion(operation, input, sendOptions.regionAttribute, region) : input;

  /** Healthy Regions in order (a recent write's Region first); every Region when none is healthy. */
  const candidates = (preferred: string | undefined): string[] => {
    const healthy = book.healthy();
    const order = healthy.length > 0 ? healthy : [...names];
    if (preferred && order.includes(preferred)) return [preferred, ...order.filter((r) => r !== preferred)];
    return order;
  };

  return {
    homeRegion: home,
    capabilities: { pinsConditionalWrites: Boolean(pin.conditionalWrites) },
    send,
    activeRegion: () => book.active(),
    status: () => book.snapshot(),
    clientFor: (region) => {
      const client = clients.get(region);
      if (!client) throw new ConfigurationError(`regionRouter: no Region ${region} (have ${names.join(', ')})`);
      return client;
    },
    checkHealth,
    close: stopProbing,
  };
}

function checkRegions(options: RegionRouterOptions): RegionRouterOptions['regions'] {
  const regions = options?.regions;
  if (!Array.isArray(regions) || regions.length === 0) throw new ConfigurationError('regionRouter: regions must list at least one { region, client }');
  const seen = new Set<string>();
  for (const r of regions) {
    if (typeof r?.region !== 'string' || r.region === '') throw new ConfigurationError('regionRouter: every entry needs a region name');
    if (seen.has(r.region)) throw new ConfigurationError(`regionRouter: Region ${r.region} is listed twice`);
    if (typeof (r.client as { send?: unknown } | undefined)?.send !== 'function') throw new ConfigurationError(`regionRouter: Region ${r.region} needs a DynamoDBClient`);
    seen.add(r.region);
  }
  return regions;
}

function positive(n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n < 1) throw new ConfigurationError(`regionRouter: ${what} must be an integer ≥ 1`);
  return n;
}

function nonNegative(n: number, what: string): number {
  if (!Number.isFinite(n) || n < 0) throw new ConfigurationError(`regionRouter: ${what} must be a number ≥ 0`);
  return n;
}
