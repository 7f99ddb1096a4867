import { ConfigurationError } from '../errors.js';
import { assertDelimiter } from '../keys/escape.js';
import { checkCapacityDetail, RequestObservers } from '../observability/request-observers.js';
import { sdkTransport } from '../transport/transport.js';
import type { ResolvedIndex, TableConfig, TableModel, ThroughputUnits } from './table-definition.js';

const NAME = /^[A-Za-z0-9_.-]{3,255}$/;

/** Validates a table declaration and fills in defaults. Throws {@link ConfigurationError}. @internal */
export function resolveTable(config: TableConfig): TableModel {
  const fail = (message: string) => {
    throw new ConfigurationError(`Table ${config.name}: ${message}`);
  };
  if (!NAME.test(config.name)) fail('name must be 3–255 characters of [A-Za-z0-9_.-]');
  if (!config.client || typeof (config.client as { send?: unknown }).send !== 'function') fail('client must be a DynamoDBClient');
  if (!config.partitionKey) fail('partitionKey is required');
  const delimiter = config.delimiter ?? '#';
  try {
    assertDelimiter(delimiter);
  } catch (e) {
    fail((e as Error).message);
  }
  if (/[A-Za-z0-9]/.test(delimiter)) fail('delimiter must not be a letter or digit (it would interleave with encoded values)');

  const used = new Map<string, string>([[config.partitionKey, 'partition key']]);
  if (config.sortKey) used.set(config.sortKey, 'sort key');
  const indexes: Record<string, ResolvedIndex> = {};
  let locals = 0;
  for (const [name, def] of Object.entries(config.indexes ?? {})) {
    if (!NAME.test(name)) fail(`index name "${name}" must be 3–255 characters of [A-Za-z0-9_.-]`);
    if (name === 'primary') fail('"primary" is reserved for the table key');
    const type = def.type ?? 'global';
    if (type === 'local') {
      locals++;
      if (!config.sortKey) fail(`local index ${name} needs a table with a sort key`);
      if (def.partitionKey && def.partitionKey !== config.partitionKey) {
        fail(`local index ${name} must use the table's partition key "${config.partitionKey}"`);
      }
      if (!def.sortKey) fail(`local index ${name} needs a sortKey`);
    } else if (!def.partitionKey) {
      fail(`global index ${name} needs a partitionKey`);
    }
    const partitionKey = type === 'local' ? config.partitionKey : def.partitionKey!;
    indexes[name] = {
      name,
      type,
      partitionKey,
      sortKey: def.sortKey,
      projection: def.projection ?? 'all',
      throughput: def.throughput,
      warmThroughput: units(def.warmThroughput, `index ${name} warmThroughput`, type === 'local'),
      maxOnDemandThroughput: units(def.maxOnDemandThroughput, `index ${name} maxOnDemandThroughput`, type === 'local'),
    };
  }
  if (locals > 5) fail('at most 5 local indexes per table');
  if (config.billing?.mode === 'provisioned') {
    const { read, write } = config.billing;
    if (!(read >= 1 && write >= 1)) fail('provisioned billing needs read and write ≥ 1');
  }
  const history = config.writeTokenHistory ?? 8;
  if (!(Number.isInteger(history) && history >= 1 && history <= 32)) fail('writeTokenHistory must be an integer from 1 to 32');
  if (config.returnConsumedCapacity !== undefined) {
    try {
      checkCapacityDetail(config.returnConsumedCapacity, 'returnConsumedCapacity');
    } catch (e) {
      fail((e as Error).message);
    }
  }
  const warmThroughput = units(config.warmThroughput, 'warmThroughput', false);
  const maxOnDemandThroughput = units(config.maxOnDemandThroughput, 'maxOnDemandThroughput', false);
  if (config.billing?.mode === 'provisioned' && (maxOnDemandThroughput || Object.values(indexes).some((i) => i.maxOnDemandThroughput))) {
    fail('maxOnDemandThroughput applies to on-demand tables only');
  }
  const secret = config.cursorSecret;
  return {
    name: config.name,
    client: config.client,
    partitionKey: config.partitionKey,
    sortKey: config.sortKey,
    indexes,
    billing: config.billing ?? { mode: 'on-demand' },
    tableClass: config.tableClass ?? 'STANDARD',
    ttlAttribute: config.ttlAttribute,
    stream: config.stream,
    deletionProtection: config.deletionProtection ?? false,
    entityTypeAttribute: config.entityTypeAttribute ?? '_et',
    writeTokenAttribute: config.writeTokenAttribute ?? '_wt',
    writeTokenHistory: history,
    schemaVersionAttribute: config.schemaVersionAttribute ?? '_sv',
    delimiter,
    cursorSecret: typeof secret === 'string' ? new TextEncoder().encode(secret) : secret,
    clock: config.clock ?? Date.now,
    transport: config.transport ?? sdkTransport(config.client),
    observers: new RequestObservers(config.returnConsumedCapacity),
    warmThroughput,
    maxOnDemandThroughput,
  };

  function units(value: ThroughputUnits | undefined, what: string, local: boolean): ThroughputUnits | undefined {
    if (value === undefined) return undefined;
    if (local) fail(`${what}: local indexes share the table's throughput`);
    if (typeof value !== 'object' || value === null) fail(`${what} must be { read?, write? }`);
    for (const side of ['read', 'write'] as const) {
      const n = value[side];
      if (n !== undefined && !(Number.isSafeInteger(n) && n >= 1)) fail(`${what}.${side} must be an integer ≥ 1, got ${String(n)}`);
    }
    if (value.read === undefined && value.write === undefined) fail(`${what} needs read or write`);
    return { read: value.read, write: value.write };
  }
}
