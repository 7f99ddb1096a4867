import { ConfigurationError } from '../errors.js';
import { observeRequests, type ObservableTable } from '../observability/observe-requests.js';
import type { CapacityDetail, RequestEvent } from '../observability/request-event.js';
import { HOURS_PER_MONTH, type Workload } from './cost-model.js';

type OperationName = RequestEvent['operation'];

/** What a {@link CapacityMeter} recorded for one entity and operation. */
export interface MeterRow {
  /** The entity, or `'*'` for calls over several (batches, transactions, table scans). */
  readonly entity: string;
  /** The DynamoDB operation, e.g. `GetItem`. */
  readonly operation: OperationName;
  /** Requests sent (each SDK retry is one request with several attempts). */
  readonly requests: number;
  /** Requests that failed. */
  readonly errors: number;
  /** Read units consumed (as DynamoDB reported them). */
  readonly readUnits: number;
  /** Write units consumed. */
  readonly writeUnits: number;
  /** Requests that came back without a capacity figure (counted, but adding no units). */
  readonly unmetered: number;
}

/** A meter's rows and totals. */
export interface MeterSnapshot {
  /** One row per entity and operation, in first-seen order. */
  readonly rows: readonly MeterRow[];
  /** Read units of all rows. */
  readonly readUnits: number;
  /** Write units of all rows. */
  readonly writeUnits: number;
  /** Requests of all rows. */
  readonly requests: number;
  /** The highest read units consumed within one wall-clock second. */
  readonly peakReadUnitsPerSecond: number;
  /** The highest write units consumed within one wall-clock second. */
  readonly peakWriteUnitsPerSecond: number;
  /** Milliseconds from the first to the end of the last recorded request (at least 1 once anything was recorded). */
  readonly elapsedMs: number;
}

/** Options of {@link CapacityMeter.workload}. */
export interface MeterWorkloadOptions {
  /** Data stored, GB (the meter sees requests, not storage). */
  readonly storageGb: number;
  /**
   * How often the recorded workload happens in a month. Default: extrapolated
   * from the recording's wall-clock time (a month is 730 hours).
   */
  readonly repeatsPerMonth?: number | undefined;
}

const READS = new Set<OperationName>(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

interface MutableRow {
  entity: string;
  operation: OperationName;
  requests: number;
  errors: number;
  readUnits: number;
  writeUnits: number;
  unmetered: number;
}

/**
 * A small in-process meter: attached to tables, it asks DynamoDB for the
 * consumed capacity of every request (`ReturnConsumedCapacity: 'TOTAL'`) and
 * adds it up per entity and operation. Its recorded workload feeds
 * `estimateMonthlyCost` (tablewright/admin). Reads and writes are told apart
 * by operation: gets, queries, scans, batchGet and transactGet read, the rest write.
 *
 * @example
 * ```ts
 * import { CapacityMeter } from 'tablewright/observability';
 * import { estimateMonthlyCost, formatCostEstimate } from 'tablewright/admin';
 *
 * const meter = new CapacityMeter();
 * const detach = meter.attach(table);
 * await Order.put(order);
 * await Order.get({ orgId: 'o1', orderId: 'a' });
 * detach();
 * console.log(meter.snapshot().rows);
 * console.log(formatCostEstimate(estimateMonthlyCost(meter.workload({ storageGb: 20, repeatsPerMonth: 1e6 }))));
 * ```
 */
export class CapacityMeter {
  private readonly rows = new Map<string, MutableRow>();
  private first: number | undefined;
  private last = 0;
  private second = -1;
  private secondRead = 0;
  private secondWrite = 0;
  private peakRead = 0;
  private peakWrite = 0;

  /** The listener to register by hand (`observeRequests(table, meter.record, { capacity: 'TOTAL' })`). */
  readonly record = (event: RequestEvent): void => {
    const entity = event.entity ?? '*';
    const id = `${entity}\u0000${event.operation}`;
    let row = this.rows.get(id);
    if (!row) this.rows.set(id, (row = { entity, operation: event.operation, requests: 0, errors: 0, readUnits: 0, writeUnits: 0, unmetered: 0 }));
    row.requests++;
    if (!event.ok) row.errors++;
    const units = event.consumed?.total;
    if (units === undefined) row.unmetered++;
    const read = READS.has(event.operation);
    if (units !== undefined) {
      if (read) row.readUnits += units;
      else row.writeUnits += units;
    }
    const end = event.startedAt + event.latencyMs;
    if (this.first === undefined || event.startedAt < this.first) this.first = event.startedAt;
    if (end > this.last) this.last = end;
    const second = Math.floor(end / 1000);
    if (second !== this.second) {
      this.second = second;
      this.secondRead = 0;
      this.secondWrite = 0;
    }
    if (units !== undefined) {
      if (read) this.peakRead = Math.max(this.peakRead, (this.secondRead += units));
      else this.peakWrite = Math.max(this.peakWrite, (this.secondWrite += units));
    }
  };

  /**
   * Records every request of `table` from now on; returns the function that
   * stops. `capacity: 'INDEXES'` asks for the split by index too (the meter
   * adds the totals either way).
   */
  attach(table: ObservableTable, options: { readonly capacity?: CapacityDetail | undefined } = {}): () => void {
    return observeRequests(table, this.record, { capacity: options.capacity ?? 'TOTAL' });
  }

  /** The rows and totals recorded so far. */
  snapshot(): MeterSnapshot {
    const rows = [...this.rows.values()].map((r) => ({ ...r }));
    let readUnits = 0;
    let writeUnits = 0;
    let requests = 0;
    for (const r of rows) {
      readUnits += r.readUnits;
      writeUnits += r.writeUnits;
      requests += r.requests;
    }
    const elapsedMs = this.first === undefined ? 0 : Math.max(1, this.last - this.first);
    return { rows, readUnits, writeUnits, requests, peakReadUnitsPerSecond: this.peakRead, peakWriteUnitsPerSecond: this.peakWrite, elapsedMs };
  }

  /**
   * The recorded workload as a month for `estimateMonthlyCost`: units times
   * `repeatsPerMonth` (default: scaled from the recording's duration to 730
   * hours) and the recorded per-second peaks.
   *
   * @throws ConfigurationError - nothing recorded yet, or a negative or non-finite figure
   */
  workload(options: MeterWorkloadOptions): Workload {
    const s = this.snapshot();
    if (s.requests === 0) throw new ConfigurationError('CapacityMeter.workload: nothing recorded yet');
    const repeats = options.repeatsPerMonth ?? (HOURS_PER_MONTH * 3_600_000) / s.elapsedMs;
    for (const [name, value] of [['storageGb', options.storageGb], ['repeatsPerMonth', repeats]] as const) {
      if (!(Number.isFinite(value) && value >= 0)) throw new ConfigurationError(`CapacityMeter.workload: ${name} must be a non-negative number, got ${String(value)}`);
    }
    return {
      readUnits: s.readUnits * repeats,
      writeUnits: s.writeUnits * repeats,
      storageGb: options.storageGb,
      peakReadUnitsPerSecond: s.peakReadUnitsPerSecond,
      peakWriteUnitsPerSecond: s.peakWriteUnitsPerSecond,
    };
  }

  /** Forgets everything recorded. */
  reset(): void {
    this.rows.clear();
    this.first = undefined;
    this.last = 0;
    this.second = -1;
    this.secondRead = this.secondWrite = this.peakRead = this.peakWrite = 0;
  }
}
