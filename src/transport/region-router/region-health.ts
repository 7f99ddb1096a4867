/** Hysteresis of fail-back: how much good health a Region must show before it gets traffic again. */
export interface HealthPolicy {
  /** Consecutive successful probes before a down Region counts as healthy. Default 3. */
  readonly healthyAfter: number;
  /** A down Region stays down at least this long (ms), however many probes succeed. Default 30,000. */
  readonly minDownMs: number;
}

/** The health of one Region as the router sees it. */
export interface RegionHealth {
  /** The Region. */
  readonly region: string;
  /** Whether it gets traffic. */
  readonly healthy: boolean;
  /** When it went down (epoch ms), while down. */
  readonly downSince: number | undefined;
  /** Consecutive successful probes since it went down (or since the last failed one). */
  readonly goodProbes: number;
}

/** A change of state the router reports as an event. @internal */
export type HealthChange = { readonly kind: 'down'; readonly region: string } | { readonly kind: 'up'; readonly region: string } | undefined;

/**
 * Health of each Region in preference order, with hysteresis: one failure
 * takes a Region down (the SDK has already retried); it comes back only
 * after `healthyAfter` consecutive good probes AND `minDownMs`, so a Region
 * that answers one probe between failures does not pull traffic back and
 * forth. Pure state plus an injected clock. @internal
 */
export class RegionHealthBook {
  private readonly state: Map<string, { healthy: boolean; downSince: number | undefined; goodProbes: number }>;

  constructor(
    readonly regions: readonly string[],
    private readonly policy: HealthPolicy,
    private readonly clock: () => number,
  ) {
    this.state = new Map(regions.map((r) => [r, { healthy: true, downSince: undefined, goodProbes: 0 }]));
  }

  /** The first healthy Region in preference order (the home Region when all is well); `undefined` when none is. */
  active(): string | undefined {
    return this.regions.find((r) => this.state.get(r)!.healthy);
  }

  /** Whether the Region takes traffic. */
  isHealthy(region: string): boolean {
    return this.state.get(region)?.healthy ?? false;
  }

  /** Healthy Regions in preference order. */
  healthy(): string[] {
    return this.regions.filter((r) => this.state.get(r)!.healthy);
  }

  /** Regions that are down. */
  down(): string[] {
    return this.regions.filter((r) => !this.state.get(r)!.healthy);
  }

  /** A request or probe failed in `region`. */
  failed(region: string): HealthChange {
    const s = this.state.get(region);
    if (!s) return undefined;
    s.goodProbes = 0;
    if (!s.healthy) return undefined;
    s.healthy = false;
    s.downSince = this.clock();
    return { kind: 'down', region };
  }

  /** A probe of `region` succeeded. */
  probeSucceeded(region: string): HealthChange {
    const s = this.state.get(region);
    if (!s || s.healthy) return undefined;
    s.goodProbes++;
    if (s.goodProbes >= this.policy.healthyAfter && this.clock() - (s.downSince ?? 0) >= this.policy.minDownMs) {
      s.healthy = true;
      s.downSince = undefined;
      s.goodProbes = 0;
      return { kind: 'up', region };
    }
    return undefined;
  }

  /** Every Region's state, in preference order. */
  snapshot(): RegionHealth[] {
    return this.regions.map((region) => ({ region, ...this.state.get(region)! }));
  }
}
