import { readFile } from 'node:fs/promises';
import { runCostCommand } from '../capacity/cost-command.js';
import { estimateMonthlyCost, formatCostEstimate, type Workload } from '../capacity/cost-model.js';
import { CliError, EXIT } from './cli-error.js';
import { output, type GlobalOptions } from './output.js';

/** Options of `cost`. */
export interface CostCommandOptions extends GlobalOptions {
  readonly utilization?: string;
}

/** `cost <workload.json>`: the monthly cost of a workload (`estimateMonthlyCost`) in every capacity mode and table class. */
export async function costCommand(file: string, options: CostCommandOptions): Promise<number> {
  const out = output(options);
  let workload: Workload;
  try {
    workload = JSON.parse(await readFile(file, 'utf8')) as Workload;
  } catch (error) {
    throw new CliError(`cannot read the workload ${file}: ${(error as Error).message}`);
  }
  const estimate = estimateMonthlyCost(workload, options.utilization === undefined ? {} : { targetUtilization: Number(options.utilization) });
  out.result(estimate, formatCostEstimate(estimate));
  return EXIT.ok;
}

/** `cost --read-units N …`: the figures given as options, parsed and estimated by `runCostCommand`. */
export function costFromOptions(args: readonly string[], options: CostCommandOptions): number {
  const given = [...args, ...(options.utilization === undefined ? [] : ['--utilization', options.utilization]), ...(options.json ? ['--json'] : [])];
  process.stdout.write(runCostCommand(given) + '\n');
  return EXIT.ok;
}
