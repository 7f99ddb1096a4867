import type { TableDescription, TimeToLiveDescription } from '@aws-sdk/client-dynamodb';
import { projectionInput } from './create-table-input.js';
import type { TableModel } from '../model/table-definition.js';
import { throughputDrift } from './throughput-updates.js';

/** One difference between the declaration and the live table. */
export interface Drift {
  /** What differs, e.g. `index gsi1`, `billing`, `ttl`, `stream`. */
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
  /** Whether `ensure()` can fix it (missing GSIs, TTL off, stream off, maximum on-demand throughput, warm throughput below the declared). */
  readonly fixable: boolean;
}

/** Compares a live `DescribeTable` (+ `DescribeTimeToLive`) to the declaration. Pure. @internal */
export function tableDrift(table: TableModel, live: TableDescription, ttl: TimeToLiveDescription | undefined): Drift[] {
  const drift: Drift[] = [];
  const add = (path: string, expected: unknown, actual: unknown, fixable = false) => {
    if (JSON.stringify(expected) !== JSON.stringify(actual)) drift.push({ path, expected, actual, fixable });
  };
  const keys = (schema: TableDescription['KeySchema']) => ({
    partitionKey: schema?.find((k) => k.KeyType === 'HASH')?.AttributeName,
    sortKey: schema?.find((k) => k.KeyType === 'RANGE')?.AttributeName,
  });
  add('key', { partitionKey: table.partitionKey, sortKey: table.sortKey }, keys(live.KeySchema));

  const liveGsis = new Map((live.GlobalSecondaryIndexes ?? []).map((g) => [g.IndexName!, g]));
  const liveLsis = new Map((live.LocalSecondaryIndexes ?? []).map((l) => [l.IndexName!, l]));
  for (const index of Object.values(table.indexes)) {
    const found = index.type === 'local' ? liveLsis.get(index.name) : liveGsis.get(index.name);
    const expectedKeys = { partitionKey: index.partitionKey, sortKey: index.sortKey };
    if (!found) {
      drift.push({ path: `index ${index.name}`, expected: { type: index.type, ...expectedKeys }, actual: undefined, fixable: index.type === 'global' });
      continue;
    }
    add(`index ${index.name} key`, expectedKeys, keys(found.KeySchema));
    const projection = projectionInput(index.projection);
    const liveProjection = found.Projection ?? {};
    add(
      `index ${index.name} projection`,
      { type: projection.ProjectionType, include: [...(projection.NonKeyAttributes ?? [])].sort() },
      { type: liveProjection.ProjectionType, include: [...(liveProjection.NonKeyAttributes ?? [])].sort() },
    );
  }
  const declared = new Set(Object.keys(table.indexes));
  for (const name of [...liveGsis.keys(), ...liveLsis.keys()]) {
    if (!declared.has(name)) drift.push({ path: `index ${name}`, expected: undefined, actual: 'present', fixable: false });
  }

  const liveBilling = live.BillingModeSummary?.BillingMode ?? 'PROVISIONED';
  if (table.billing.mode === 'on-demand') add('billing', 'PAY_PER_REQUEST', liveBilling);
  else {
    add('billing', 'PROVISIONED', liveBilling);
    add(
      'throughput',
      { read: table.billing.read, write: table.billing.write },
      { read: live.ProvisionedThroughput?.ReadCapacityUnits, write: live.ProvisionedThroughput?.WriteCapacityUnits },
    );
  }
  // DynamoDB Local omits TableClassSummary; only compare when reported.
  if (live.TableClassSummary?.TableClass) add('tableClass', table.tableClass, live.TableClassSummary.TableClass);
  add('deletionProtection', table.deletionProtection, live.DeletionProtectionEnabled ?? false);

  const liveStream = live.StreamSpecification?.StreamEnabled ? live.StreamSpecification.StreamViewType : undefined;
  add('stream', table.stream, liveStream, table.stream !== undefined && liveStream === undefined);

  const ttlOn = ttl?.TimeToLiveStatus === 'ENABLED' || ttl?.TimeToLiveStatus === 'ENABLING';
  add('ttl', table.ttlAttribute, ttlOn ? ttl?.AttributeName : undefined, table.ttlAttribute !== undefined && !ttlOn);
  for (const d of throughputDrift(table, live)) drift.push({ ...d, fixable: true });
  return drift;
}
