/**
 * Prices the cost model uses, per Region and table class. The defaults are
 * AWS's public us-east-1 list prices as of 2024-11 (on-demand after the
 * November 2024 reduction), NOT verified against a live price list: pass
 * your own for other Regions, currencies, discounts or reserved capacity.
 */
export interface PriceTable {
  /** Where the prices come from, printed with every estimate. */
  readonly source: string;
  /** USD per million write request units (on-demand). */
  readonly onDemandWritePerMillion: number;
  /** USD per million read request units (on-demand). */
  readonly onDemandReadPerMillion: number;
  /** USD per write capacity unit per hour (provisioned). */
  readonly provisionedWritePerHour: number;
  /** USD per read capacity unit per hour (provisioned). */
  readonly provisionedReadPerHour: number;
  /** USD per GB-month of storage, Standard table class. */
  readonly storagePerGbMonth: number;
  /** USD per GB-month of storage, Standard-IA table class. */
  readonly storageIaPerGbMonth: number;
  /** Standard-IA throughput price relative to Standard (about 1.25). */
  readonly iaThroughputFactor: number;
}

/** us-east-1 list prices, 2024-11, unverified (see {@link PriceTable}). */
export const DEFAULT_PRICES: PriceTable = Object.freeze({
  source: 'AWS us-east-1 public list prices, 2024-11 (unverified; pass your own PriceTable)',
  onDemandWritePerMillion: 0.625,
  onDemandReadPerMillion: 0.125,
  provisionedWritePerHour: 0.00065,
  provisionedReadPerHour: 0.00013,
  storagePerGbMonth: 0.25,
  storageIaPerGbMonth: 0.1,
  iaThroughputFactor: 1.25,
});
