import type { OnDemandThroughput, TableDescription, UpdateTableCommandInput, WarmThroughput } from '@aws-sdk/client-dynamodb';
import type { ThroughputUnits, TableModel } from '../model/table-definition.js';

/** `WarmThroughput` of a declaration (only the sides declared). @internal */
export function warmThroughputInput(units: ThroughputUnits | undefined): WarmThroughput | undefined {
  if (!units) return undefined;
  return { ...(units.read !== undefined && { ReadUnitsPerSecond: units.read }), ...(units.write !== undefined && { WriteUnitsPerSecond: units.write }) };
}

/** `OnDemandThroughput` of a declaration (only the sides declared). @internal */
export function onDemandThroughputInput(units: ThroughputUnits | undefined): OnDemandThroughput | undefined {
  if (!units) return undefined;
  return { ...(units.read !== undefined && { MaxReadRequestUnits: units.read }), ...(units.write !== undefined && { MaxWriteRequestUnits: units.write }) };
}

/** One throughput difference between the declaration and the live table. @internal */
export interface ThroughputDrift {
  /** `maxOnDemandThroughput`, `warmThroughput`, or `index <name> maxOnDemandThroughput` / `… warmThroughput`. */
  readonly path: string;
  readonly expected: ThroughputUnits;
  readonly actual: ThroughputUnits | undefined;
}

/**
 * Where the live table's maximum on-demand throughput differs from the
 * declaration, and where its warm throughput is below it (warm throughput is
 * a floor that DynamoDB never lowers, so a higher live value is no drift).
 * A table that reports no warm throughput (DynamoDB Local) cannot drift on it. Pure.
 * @internal
 */
export function throughputDrift(table: TableModel, live: TableDescription): ThroughputDrift[] {
  const out: ThroughputDrift[] = [];
  const check = (prefix: string, warm: ThroughputUnits | undefined, max: ThroughputUnits | undefined, described: { readonly WarmThroughput?: { ReadUnitsPerSecond?: number | undefined; WriteUnitsPerSecond?: number | undefined } | undefined; readonly OnDemandThroughput?: OnDemandThroughput | undefined }) => {
    if (max) {
      const actual = { read: described.OnDemandThroughput?.MaxReadRequestUnits, write: described.OnDemandThroughput?.MaxWriteRequestUnits };
      if ((max.read !== undefined && max.read !== actual.read) || (max.write !== undefined && max.write !== actual.write)) out.push({ path: `${prefix}maxOnDemandThroughput`, expected: max, actual });
    }
    const liveWarm = described.WarmThroughput;
    if (warm && liveWarm) {
      const actual = { read: liveWarm.ReadUnitsPerSecond, write: liveWarm.WriteUnitsPerSecond };
      if ((warm.read ?? 0) > (actual.read ?? 0) || (warm.write ?? 0) > (actual.write ?? 0)) out.push({ path: `${prefix}warmThroughput`, expected: warm, actual });
    }
  };
  check('', table.warmThroughput, table.maxOnDemandThroughput, live);
  const gsis = new Map((live.GlobalSecondaryIndexes ?? []).map((g) => [g.IndexName, g]));
  for (const index of Object.values(table.indexes)) {
    const found = gsis.get(index.name);
    if (index.type === 'global' && found) check(`index ${index.name} `, index.warmThroughput, index.maxOnDemandThroughput, found);
  }
  return out;
}

/**
 * The `UpdateTable` requests that fix throughput drift, one per change
 * (DynamoDB takes one GSI update per call), raising warm throughput to the
 * declared value per side (never below the live one). Pure.
 * @internal
 */
export function throughputUpdates(table: TableModel, drift: readonly ThroughputDrift[]): UpdateTableCommandInput[] {
  return drift.map((d) => {
    const warm = d.path.endsWith('warmThroughput');
    const units: ThroughputUnits = warm
      ? { read: max(d.expected.read, d.actual?.read), write: max(d.expected.write, d.actual?.write) }
      : d.expected;
    const index = /^index (.+) /.exec(d.path)?.[1];
    const change = warm ? { WarmThroughput: warmThroughputInput(units) } : { OnDemandThroughput: onDemandThroughputInput(units) };
    if (index === undefined) return { TableName: table.name, ...change };
    return { TableName: table.name, GlobalSecondaryIndexUpdates: [{ Update: { IndexName: index, ...change } }] };
  });
}

function max(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? undefined : Math.max(a, b ?? 0);
}
