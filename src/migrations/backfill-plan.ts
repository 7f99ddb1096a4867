import { ConfigurationError } from '../errors.js';

/**
 * A backfill split into work units: disjoint sets of parallel-scan segments
 * that separate processes (or Lambda invocations, or the items of a Step
 * Functions distributed map) run and checkpoint on their own. Plain JSON.
 */
export interface BackfillUnit {
  /** The backfill this unit belongs to (names its checkpoints in the table). */
  readonly backfill: string;
  /** The entity it rewrites. */
  readonly entity: string;
  /** Segments of the whole backfill's parallel scan. */
  readonly totalSegments: number;
  /** The segments this unit scans. */
  readonly segments: readonly number[];
}

/** The units of one backfill, from {@link planBackfill}. */
export interface BackfillPlan {
  readonly backfill: string;
  readonly entity: string;
  readonly totalSegments: number;
  readonly units: readonly BackfillUnit[];
}

/** How {@link planBackfill} splits the work. */
export interface BackfillPlanOptions {
  /** Names the backfill and its checkpoints: the same id resumes. Letters, digits, `._-`, 1–100 characters. */
  readonly id: string;
  /** Parallel-scan segments (1–1,000,000). Default 8. */
  readonly totalSegments?: number | undefined;
  /** How many units to split them into (1…totalSegments). Default one unit per segment. */
  readonly units?: number | undefined;
}

const ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Plans a backfill of `entity` as independent units (segments dealt round-robin).
 *
 * @example
 * ```ts
 * import { planBackfill } from 'tablewright/admin';
 * declare const User: { readonly name: string };
 * const plan = planBackfill(User, { id: 'user-v3', totalSegments: 16, units: 4 });
 * // hand each of plan.units to a worker: runBackfillUnit(User, unit, options)
 * ```
 */
export function planBackfill(entity: { readonly name: string }, options: BackfillPlanOptions): BackfillPlan {
  if (typeof options?.id !== 'string' || !ID.test(options.id)) {
    throw new ConfigurationError(`planBackfill: id must be 1–100 characters of [A-Za-z0-9._-], got ${JSON.stringify(options?.id)}`);
  }
  const totalSegments = options.totalSegments ?? 8;
  if (!Number.isInteger(totalSegments) || totalSegments < 1 || totalSegments > 1_000_000) {
    throw new ConfigurationError(`planBackfill: totalSegments must be an integer from 1 to 1,000,000, got ${String(totalSegments)}`);
  }
  const count = options.units ?? totalSegments;
  if (!Number.isInteger(count) || count < 1 || count > totalSegments) {
    throw new ConfigurationError(`planBackfill: units must be an integer from 1 to totalSegments (${totalSegments}), got ${String(count)}`);
  }
  const segments: number[][] = Array.from({ length: count }, () => []);
  for (let s = 0; s < totalSegments; s++) segments[s % count]!.push(s);
  const units = segments.map((list) => Object.freeze({ backfill: options.id, entity: entity.name, totalSegments, segments: Object.freeze(list) }));
  return Object.freeze({ backfill: options.id, entity: entity.name, totalSegments, units: Object.freeze(units) });
}

/** Checks a unit that came back from JSON. @internal */
export function assertUnit(unit: BackfillUnit, entity: string): void {
  const ok =
    unit &&
    typeof unit.backfill === 'string' &&
    ID.test(unit.backfill) &&
    Number.isInteger(unit.totalSegments) &&
    unit.totalSegments >= 1 &&
    Array.isArray(unit.segments) &&
    unit.segments.length > 0 &&
    unit.segments.every((s) => Number.isInteger(s) && s >= 0 && s < unit.totalSegments);
  if (!ok) throw new ConfigurationError(`runBackfillUnit: not a unit of planBackfill: ${JSON.stringify(unit)}`);
  if (unit.entity !== entity) throw new ConfigurationError(`runBackfillUnit: the unit is for entity ${unit.entity}, not ${entity}`);
}
