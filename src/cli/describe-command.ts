import { describeTable } from '../table/table-lifecycle.js';
import { EXIT } from './cli-error.js';
import { loadModel, selectTables } from './load-model.js';
import { output, type GlobalOptions } from './output.js';

/** Options of `describe`. */
export interface DescribeOptions extends GlobalOptions {
  readonly model?: string;
  readonly table?: string;
}

/** `describe`: each table's live state, its drift and the model's entities on it. */
export async function describeCommand(options: DescribeOptions): Promise<number> {
  const out = output(options);
  const model = await loadModel(options.model);
  const results = [];
  for (const { model: table } of selectTables(model, options.table)) {
    const report = await describeTable(table);
    const d = report.description;
    results.push({
      table: table.name,
      exists: report.exists,
      status: report.status,
      itemCount: d?.ItemCount,
      sizeBytes: d?.TableSizeBytes,
      billing: d?.BillingModeSummary?.BillingMode ?? (d ? 'PROVISIONED' : undefined),
      indexes: [...(d?.GlobalSecondaryIndexes ?? []), ...(d?.LocalSecondaryIndexes ?? [])].map((i) => i.IndexName),
      ttl: report.ttl?.TimeToLiveStatus === 'ENABLED' ? report.ttl.AttributeName : undefined,
      stream: d?.StreamSpecification?.StreamEnabled ? d.StreamSpecification.StreamViewType : undefined,
      drift: report.drift,
      entities: model.entities
        .filter((e) => e.model.table === table)
        .map((e) => ({ name: e.name, schemaVersion: e.model.versions?.current, attributes: Object.keys(e.model.shape) })),
    });
  }
  const text = results
    .map((r) =>
      !r.exists
        ? `${r.table}: does not exist (tablewright tables apply --yes creates it)`
        : [
            `${r.table}: ${r.status}, ${r.itemCount ?? '?'} items, ${r.sizeBytes ?? '?'} bytes, ${r.billing}`,
            `  indexes: ${r.indexes.join(', ') || 'none'}`,
            `  ttl: ${r.ttl ?? 'off'}   stream: ${r.stream ?? 'off'}`,
            `  drift: ${r.drift.length ? r.drift.map((x) => x.path).join(', ') : 'none'}`,
            ...r.entities.map((e) => `  entity ${e.name}${e.schemaVersion ? ` (schema v${e.schemaVersion})` : ''}: ${e.attributes.join(', ')}`),
          ].join('\n'),
    )
    .join('\n');
  out.result({ tables: results }, text);
  return EXIT.ok;
}
