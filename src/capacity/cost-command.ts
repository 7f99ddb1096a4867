import { parseArgs } from 'node:util';
import { ConfigurationError } from '../errors.js';
import { estimateMonthlyCost, formatCostEstimate, type CostEstimate, type Workload } from './cost-model.js';
import type { PriceTable } from './price-table.js';

/** Usage of {@link runCostCommand}, for the CLI's help. */
export const COST_COMMAND_USAGE = [
  'tablewright cost --read-units N --write-units N --storage-gb N [options]',
  '  --read-units N         read units a month',
  '  --write-units N        write units a month',
  '  --storage-gb N         data stored, GB',
  '  --peak-read N          peak read units per second (sizes provisioned capacity)',
  '  --peak-write N         peak write units per second',
  '  --utilization N        provisioned target utilisation, 0–1 (default 0.7)',
  '  --prices JSON          price table overrides, e.g. {"storagePerGbMonth":0.283}',
  '  --json                 print the estimate as JSON instead of a table',
].join('\n');

/**
 * The `tablewright cost` subcommand without the process around it: parses
 * its arguments, estimates the month (`estimateMonthlyCost`) and returns the
 * text to print (the comparison table, or JSON with `--json`). The CLI calls
 * it and prints the result; bad arguments throw.
 *
 * @throws ConfigurationError - an unknown option, a missing or non-numeric figure, bad `--prices` JSON
 *
 * @example
 * ```ts
 * import { runCostCommand } from 'tablewright/admin';
 * console.log(runCostCommand(['--read-units', '50000000', '--write-units', '10000000', '--storage-gb', '200']));
 * ```
 */
export function runCostCommand(args: readonly string[]): string {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        'read-units': { type: 'string' },
        'write-units': { type: 'string' },
        'storage-gb': { type: 'string' },
        'peak-read': { type: 'string' },
        'peak-write': { type: 'string' },
        utilization: { type: 'string' },
        prices: { type: 'string' },
        json: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new ConfigurationError(`tablewright cost: ${(error as Error).message}\n${COST_COMMAND_USAGE}`);
  }
  const number = (name: string, required: boolean): number | undefined => {
    const raw = values[name];
    if (raw === undefined) {
      if (required) throw new ConfigurationError(`tablewright cost: --${name} is required\n${COST_COMMAND_USAGE}`);
      return undefined;
    }
    const n = Number(raw);
    if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n)) throw new ConfigurationError(`tablewright cost: --${name} must be a number, got ${String(raw)}`);
    return n;
  };
  const workload: Workload = {
    readUnits: number('read-units', true)!,
    writeUnits: number('write-units', true)!,
    storageGb: number('storage-gb', true)!,
    peakReadUnitsPerSecond: number('peak-read', false),
    peakWriteUnitsPerSecond: number('peak-write', false),
  };
  let prices: Partial<PriceTable> | undefined;
  if (typeof values.prices === 'string') {
    try {
      prices = JSON.parse(values.prices) as Partial<PriceTable>;
    } catch (error) {
      throw new ConfigurationError(`tablewright cost: --prices is not JSON (${(error as Error).message})`);
    }
    if (typeof prices !== 'object' || prices === null || Array.isArray(prices)) throw new ConfigurationError('tablewright cost: --prices must be a JSON object');
    for (const [name, value] of Object.entries(prices)) {
      if (name !== 'source' && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
        throw new ConfigurationError(`tablewright cost: --prices ${name} must be a non-negative number, got ${JSON.stringify(value)}`);
      }
    }
  }
  const estimate: CostEstimate = estimateMonthlyCost(workload, { prices, targetUtilization: number('utilization', false) });
  return values.json ? JSON.stringify(estimate, null, 2) : formatCostEstimate(estimate);
}
