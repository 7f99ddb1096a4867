import { ConfigurationError, TablewrightError } from '../../errors.js';

/** Why a request was pinned to one Region. */
export type PinReason = 'strong-read' | 'conditional-write' | 'transaction';

/**
 * A request that must run in its item's home Region (a strongly consistent
 * read, a conditional or version-locked write, a transaction) could not,
 * because that Region is down. It was NOT sent to another Region: under
 * multi-Region eventual consistency a replica may be behind, and the
 * condition or read would be judged against stale data.
 */
export class PinnedRegionUnavailableError extends TablewrightError {
  /** Always `'PinnedRegionUnavailableError'`. */
  override readonly name = 'PinnedRegionUnavailableError';
  /** The operation, e.g. `'PutItem'`. */
  readonly operation: string;
  /** The home Region the request is pinned to. */
  readonly region: string;
  /** Why it is pinned. */
  readonly reason: PinReason;
  constructor(args: { operation: string; region: string; reason: PinReason; cause?: unknown }) {
    super(`${args.operation} is pinned to its home Region ${args.region} (${args.reason}) and that Region is unavailable; not sent elsewhere, where a replica may be stale`, { cause: args.cause });
    this.operation = args.operation;
    this.region = args.region;
    this.reason = args.reason;
  }
}

/** One Region's failure inside a {@link RegionsUnavailableError}. */
export interface RegionFailure {
  /** The Region. */
  readonly region: string;
  /** Its error. */
  readonly error: unknown;
}

/** Every Region failed the request (each Region's error is in `errors`, the last one is `cause`). */
export class RegionsUnavailableError extends TablewrightError {
  /** Always `'RegionsUnavailableError'`. */
  override readonly name = 'RegionsUnavailableError';
  /** The operation. */
  readonly operation: string;
  /** Each Region tried, in order, with its error. */
  readonly errors: readonly RegionFailure[];
  constructor(operation: string, errors: readonly RegionFailure[]) {
    super(`${operation} failed in every Region: ${errors.map((e) => e.region).join(', ')}`, { cause: errors.at(-1)?.error });
    this.operation = operation;
    this.errors = errors;
  }
}

/** The items of one pinned request (a transaction, a batch of strong reads) have different home Regions. */
export class MixedHomeRegionsError extends ConfigurationError {
  /** Always `'MixedHomeRegionsError'`. */
  override readonly name = 'MixedHomeRegionsError';
  /** The operation. */
  readonly operation: string;
  /** The home Regions found. */
  readonly regions: readonly string[];
  constructor(operation: string, regions: readonly string[]) {
    super(`${operation} touches items of several home Regions (${regions.join(', ')}); a pinned request runs in one Region. Split it per home Region.`);
    this.operation = operation;
    this.regions = regions;
  }
}
