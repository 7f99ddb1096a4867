import { ConfigurationError } from '../../errors.js';
import { appliesTo, FAULT_KINDS, type FaultKind } from './fault-kinds.js';

/** Probability (0–1) of each fault kind per request. Kinds left out never happen by chance. */
export type FaultRates = Readonly<Partial<Record<FaultKind, number>>>;

/** What decides the fault of each request. */
export interface FaultPlanOptions {
  /** Rates for every operation. Default: none (everything passes unless forced). */
  readonly rates?: FaultRates | undefined;
  /** Per-operation rates (`'PutItem'`, `'BatchWriteItem'` …), replacing `rates` for that operation. */
  readonly operations?: Readonly<Record<string, FaultRates>> | undefined;
  /**
   * At most this many faults in all (forced ones included); afterwards every
   * request passes, so a run under faults always ends. Default 10,000.
   */
  readonly maxFaults?: number | undefined;
  /**
   * At most this many faults for one SDK call across its retries (the SDK
   * keeps `amz-sdk-invocation-id` across retries). Default unlimited; set it
   * below the client's `maxAttempts` to guarantee that every call succeeds eventually.
   */
  readonly maxFaultsPerCall?: number | undefined;
}

/** One forced fault, waiting for a matching request. */
interface Forced {
  readonly kind: FaultKind;
  readonly operation: string | undefined;
  left: number;
}

/** Decides, request by request, which fault (if any) to inject. @internal */
export class FaultPlan {
  private readonly forced: Forced[] = [];
  private readonly perCall = new Map<string, number>();
  private rates: FaultRates;
  private operations: Readonly<Record<string, FaultRates>>;
  private faults = 0;
  private readonly maxFaults: number;
  private readonly maxFaultsPerCall: number;

  constructor(
    private readonly random: () => number,
    options: FaultPlanOptions,
  ) {
    this.rates = checkRates(options.rates ?? {}, 'rates');
    this.operations = checkOperations(options.operations ?? {});
    this.maxFaults = checkLimit(options.maxFaults, 'maxFaults', 10_000);
    this.maxFaultsPerCall = checkLimit(options.maxFaultsPerCall, 'maxFaultsPerCall', Number.POSITIVE_INFINITY);
  }

  setRates(rates: FaultRates, operations?: Readonly<Record<string, FaultRates>>): void {
    this.rates = checkRates(rates, 'rates');
    if (operations !== undefined) this.operations = checkOperations(operations);
  }

  force(kind: FaultKind, count: number, operation: string | undefined): void {
    if (!FAULT_KINDS.includes(kind)) throw new ConfigurationError(`fault proxy: unknown fault kind "${String(kind)}"`);
    if (!Number.isInteger(count) || count < 1) throw new ConfigurationError('fault proxy: count must be a positive integer');
    if (operation !== undefined && !appliesTo(kind, operation)) {
      throw new ConfigurationError(`fault proxy: a ${kind} fault cannot happen to ${operation}`);
    }
    this.forced.push({ kind, operation, left: count });
  }

  /** Forced faults not injected yet. */
  pending(): number {
    return this.forced.reduce((n, f) => n + f.left, 0);
  }

  /** The fault for this request, or `undefined` to pass it. Draws exactly one random number per request. */
  next(operation: string, invocation: string | undefined): FaultKind | undefined {
    const draw = this.random();
    if (this.faults >= this.maxFaults) return undefined;
    if (invocation !== undefined && (this.perCall.get(invocation) ?? 0) >= this.maxFaultsPerCall) return undefined;
    const kind = this.takeForced(operation) ?? this.byChance(operation, draw);
    if (kind === undefined) return undefined;
    this.faults++;
    if (invocation !== undefined && Number.isFinite(this.maxFaultsPerCall)) {
      // Bounded: calls are short-lived, so forget the oldest when the map grows.
      if (this.perCall.size > 10_000) this.perCall.delete(this.perCall.keys().next().value!);
      this.perCall.set(invocation, (this.perCall.get(invocation) ?? 0) + 1);
    }
    return kind;
  }

  private takeForced(operation: string): FaultKind | undefined {
    const index = this.forced.findIndex((f) => (f.operation === undefined ? appliesTo(f.kind, operation) : f.operation === operation));
    if (index < 0) return undefined;
    const forced = this.forced[index]!;
    if (--forced.left === 0) this.forced.splice(index, 1);
    return forced.kind;
  }

  private byChance(operation: string, draw: number): FaultKind | undefined {
    const rates = this.operations[operation] ?? this.rates;
    let edge = 0;
    for (const kind of FAULT_KINDS) {
      const rate = rates[kind];
      if (!rate || !appliesTo(kind, operation)) continue;
      edge += rate;
      if (draw < edge) return kind;
    }
    return undefined;
  }
}

function checkRates(rates: FaultRates, where: string): FaultRates {
  let total = 0;
  for (const [kind, rate] of Object.entries(rates)) {
    if (!FAULT_KINDS.includes(kind as FaultKind)) throw new ConfigurationError(`fault proxy: ${where}: unknown fault kind "${kind}"`);
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
      throw new ConfigurationError(`fault proxy: ${where}.${kind} must be a probability between 0 and 1`);
    }
    total += rate;
  }
  if (total > 1) throw new ConfigurationError(`fault proxy: ${where} add up to ${total}, more than 1`);
  return { ...rates };
}

function checkOperations(operations: Readonly<Record<string, FaultRates>>): Readonly<Record<string, FaultRates>> {
  const out: Record<string, FaultRates> = {};
  for (const [operation, rates] of Object.entries(operations)) out[operation] = checkRates(rates, `operations.${operation}`);
  return out;
}

function checkLimit(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new ConfigurationError(`fault proxy: ${name} must be a non-negative integer`);
  return value;
}
