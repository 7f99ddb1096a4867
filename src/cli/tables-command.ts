import { describeTable, ensureTable } from '../table/table-lifecycle.js';
import { EXIT } from './cli-error.js';
import { loadModel, selectTables } from './load-model.js';
import { output, type GlobalOptions } from './output.js';

/** Options of `tables plan` / `tables apply`. */
export interface TablesOptions extends GlobalOptions {
  readonly model?: string;
  readonly table?: string;
  readonly yes?: boolean;
}

/** One table's plan: what differs between the model and the live table. */
interface TablePlan {
  readonly table: string;
  readonly exists: boolean;
  readonly changes: readonly { readonly path: string; readonly expected: unknown; readonly actual: unknown; readonly fixable: boolean }[];
}

/** `tables plan` (apply: false) and `tables apply`: exit 3 while drift exists. */
export async function tablesCommand(apply: boolean, options: TablesOptions): Promise<number> {
  const out = output(options);
  const model = await loadModel(options.model);
  const tables = selectTables(model, options.table);
  const plans: TablePlan[] = [];
  for (const { model: table } of tables) {
    const report = await describeTable(table);
    plans.push({ table: table.name, exists: report.exists, changes: report.exists ? report.drift : [{ path: 'table', expected: 'exists', actual: 'missing', fixable: true }] });
  }
  const text = plans.map(planText).join('\n');
  const drifted = plans.some((p) => p.changes.length > 0);
  if (!apply || !drifted) {
    out.result({ plan: plans, drift: drifted }, text + (drifted ? '\n\nRun `tablewright tables apply --yes` to apply.' : ''));
    return drifted ? EXIT.drift : EXIT.ok;
  }
  if (!options.yes) {
    out.result({ plan: plans, drift: true, applied: false }, `${text}\n\nNothing applied: add --yes to apply these changes.`);
    return EXIT.drift;
  }
  const applied: { table: string; created: boolean; actions: readonly string[]; remaining: TablePlan['changes'] }[] = [];
  for (const { model: table } of tables) {
    out.info(`applying ${table.name}…`);
    const result = await ensureTable(table);
    applied.push({ table: table.name, created: result.created, actions: result.actions, remaining: result.drift });
  }
  const remaining = applied.some((a) => a.remaining.length > 0);
  const lines = applied.map(
    (a) =>
      `${a.table}: ${a.actions.length ? a.actions.join(', ') : 'nothing to do'}` +
      (a.remaining.length ? `\n  still differs (not fixable by apply): ${a.remaining.map((d) => d.path).join(', ')}` : ''),
  );
  out.result({ plan: plans, applied, drift: remaining }, lines.join('\n'));
  return remaining ? EXIT.drift : EXIT.ok;
}

function planText(plan: TablePlan): string {
  if (!plan.exists) return `+ ${plan.table}: create table`;
  if (plan.changes.length === 0) return `  ${plan.table}: up to date`;
  const lines = plan.changes.map(
    (c) => `    ${c.fixable ? '~' : '!'} ${c.path}: ${JSON.stringify(c.actual)} → ${JSON.stringify(c.expected)}${c.fixable ? '' : ' (apply cannot change this)'}`,
  );
  return `~ ${plan.table}: ${plan.changes.length} difference(s)\n${lines.join('\n')}`;
}
