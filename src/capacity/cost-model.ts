import { ConfigurationError } from '../errors.js';
import { DEFAULT_PRICES, type PriceTable } from './price-table.js';

/** Hours in an average month (365 × 24 / 12), as AWS's pricing examples use. */
export const HOURS_PER_MONTH = 730;

/** A table's workload over one month. */
export interface Workload {
  /** Read units consumed in the month (read request units under on-demand). */
  readonly readUnits: number;
  /** Write units consumed in the month. */
  readonly writeUnits: number;
  /** Data stored, GB (items plus index entries). */
  readonly storageGb: number;
  /**
   * Peak units per second the table must serve. Provisioned capacity is sized
   * to the peak divided by the target utilisation; without it, to the
   * month's average — fine only for flat traffic.
   */
  readonly peakReadUnitsPerSecond?: number | undefined;
  readonly peakWriteUnitsPerSecond?: number | undefined;
}

/** One way of running the table, and what it would cost a month (USD unless your price table says otherwise). */
export interface CostOption {
  readonly mode: 'on-demand' | 'provisioned';
  readonly tableClass: 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS';
  readonly throughput: number;
  readonly storage: number;
  readonly total: number;
  /** Provisioned only: the capacity the estimate provisions. */
  readonly provisioned?: { readonly read: number; readonly write: number } | undefined;
}

/** The four combinations, cheapest first, and the prices used. */
export interface CostEstimate {
  readonly options: readonly CostOption[];
  readonly cheapest: CostOption;
  readonly prices: PriceTable;
}

/** Options of {@link estimateMonthlyCost}. */
export interface CostOptions {
  /** Your prices (defaults: {@link DEFAULT_PRICES}, us-east-1, unverified). Fields you leave out keep the default. */
  readonly prices?: Partial<PriceTable> | undefined;
  /** Provisioned capacity's target utilisation, 0–1 (auto scaling's default target is 0.7). */
  readonly targetUtilization?: number | undefined;
}

/**
 * Estimates a month of a workload under on-demand and provisioned capacity
 * and the Standard and Standard-IA table classes, from a price table. A
 * planning aid, not a bill: it leaves out backups, streams, replication,
 * data transfer, free tiers and reserved capacity.
 *
 * @throws ConfigurationError - a negative or non-finite workload figure, or a target utilisation outside (0, 1]
 *
 * @example
 * ```ts
 * import { estimateMonthlyCost } from 'tablewright/admin';
 * const estimate = estimateMonthlyCost({ readUnits: 50e6, writeUnits: 10e6, storageGb: 200, peakReadUnitsPerSecond: 100, peakWriteUnitsPerSecond: 20 });
 * console.log(estimate.cheapest.mode, estimate.cheapest.tableClass, estimate.cheapest.total.toFixed(2));
 * ```
 */
export function estimateMonthlyCost(workload: Workload, options: CostOptions = {}): CostEstimate {
  for (const [name, value] of Object.entries(workload)) {
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      throw new ConfigurationError(`estimateMonthlyCost: workload.${name} must be a non-negative number, got ${String(value)}`);
    }
  }
  const utilization = options.targetUtilization ?? 0.7;
  if (!(utilization > 0 && utilization <= 1)) throw new ConfigurationError('estimateMonthlyCost: targetUtilization must be in (0, 1]');
  const prices: PriceTable = { ...DEFAULT_PRICES, ...options.prices };
  const seconds = HOURS_PER_MONTH * 3600;
  const provisionedUnits = (peak: number | undefined, monthly: number) => Math.max(1, Math.ceil((peak ?? monthly / seconds) / utilization));
  const read = provisionedUnits(workload.peakReadUnitsPerSecond, workload.readUnits);
  const write = provisionedUnits(workload.peakWriteUnitsPerSecond, workload.writeUnits);
  const onDemand = (workload.readUnits / 1e6) * prices.onDemandReadPerMillion + (workload.writeUnits / 1e6) * prices.onDemandWritePerMillion;
  const provisioned = HOURS_PER_MONTH * (read * prices.provisionedReadPerHour + write * prices.provisionedWritePerHour);
  const options_: CostOption[] = [];
  for (const tableClass of ['STANDARD', 'STANDARD_INFREQUENT_ACCESS'] as const) {
    const ia = tableClass === 'STANDARD_INFREQUENT_ACCESS';
    const factor = ia ? prices.iaThroughputFactor : 1;
    const storage = workload.storageGb * (ia ? prices.storageIaPerGbMonth : prices.storagePerGbMonth);
    options_.push(option('on-demand', tableClass, onDemand * factor, storage));
    options_.push({ ...option('provisioned', tableClass, provisioned * factor, storage), provisioned: { read, write } });
  }
  options_.sort((a, b) => a.total - b.total);
  return { options: options_, cheapest: options_[0]!, prices };
}

function option(mode: CostOption['mode'], tableClass: CostOption['tableClass'], throughput: number, storage: number): CostOption {
  return { mode, tableClass, throughput, storage, total: throughput + storage };
}

/** The estimate as a small text table (for logs and the CLI). */
export function formatCostEstimate(estimate: CostEstimate): string {
  const rows = estimate.options.map((o) => [
    o.mode,
    o.tableClass === 'STANDARD' ? 'Standard' : 'Standard-IA',
    o.throughput.toFixed(2),
    o.storage.toFixed(2),
    o.total.toFixed(2),
    o.provisioned ? `${o.provisioned.read} RCU / ${o.provisioned.write} WCU` : '',
  ]);
  const header = ['mode', 'class', 'throughput', 'storage', 'total', 'provisioned'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line), `prices: ${estimate.prices.source}`].join('\n');
}
