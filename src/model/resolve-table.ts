import { ConfigurationError } from '../errors.js';
import { assertDelimiter } from '../keys/escape.js';
import { sdkTransport } from '../transport/transport.js';
import type { ResolvedIndex, TableConfig, TableModel } from './table-definition.js';

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
    };
  }
  if (locals > 5) fail('at most 5 local indexes per table');
  if (config.billing?.mode === 'provisioned') {
    const { read, write } = config.billing;
    if (!(read >= 1 && write >= 1)) fail('provisioned billing needs read and write ≥ 1');
  }
  if (config.region !== undefined && (typeof config.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(config.region))) {
    fail(`region "${String(config.region)}" is not a Region name like us-east-1`);
  }
  const bookkeeping = [config.writeRegionAttribute ?? '_rg', config.writeTimeAttribute ?? '_rt', config.readTimeAttribute ?? '_rr'];
  if (new Set(bookkeeping).size !== 3) fail(`writeRegionAttribute, writeTimeAttribute and readTimeAttribute must differ (${bookkeeping.join(', ')})`);
  for (const name of bookkeeping) if (used.has(name)) fail(`Region stamp attribute "${name}" is the table's ${used.get(name)}`);
  if (config.replicas !== undefined && (config.replicas === null || typeof config.replicas !== 'object' || !Array.isArray(config.replicas.regions))) {
    fail('replicas needs a `regions` array');
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
    region: config.region,
    writeRegionAttribute: config.writeRegionAttribute ?? '_rg',
    writeTimeAttribute: config.writeTimeAttribute ?? '_rt',
    readTimeAttribute: config.readTimeAttribute ?? '_rr',
    replicas: config.replicas,
    delimiter,
    cursorSecret: typeof secret === 'string' ? new TextEncoder().encode(secret) : secret,
    clock: config.clock ?? Date.now,
    transport: config.transport ?? sdkTransport(config.client),
  };
}
