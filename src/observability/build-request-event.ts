import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type { TablewrightError } from '../errors.js';
import type { OperationName, RequestObservation } from '../transport/transport.js';
import type { ConsumedUnits, RequestEvent } from './request-event.js';

/** What the send seam knows when a request settled. @internal */
export interface SettledRequest {
  readonly operation: OperationName;
  readonly table: string;
  readonly entity: string | undefined;
  readonly input: object;
  readonly output: object | undefined;
  readonly error: TablewrightError | undefined;
  /** The raw transport error (it carries `$metadata`). */
  readonly raw: unknown;
  readonly observation: RequestObservation;
  readonly startedAt: number;
  readonly latencyMs: number;
}

type Loose = Record<string, unknown>;

/** Builds the event of a settled request (only called when a listener exists). @internal */
export function buildRequestEvent(r: SettledRequest): RequestEvent {
  const input = r.input as Loose;
  const output = r.output as Loose | undefined;
  const metadata = ((output ?? (r.raw as Loose | undefined))?.$metadata ?? undefined) as { attempts?: number; requestId?: string } | undefined;
  const consumedCapacity = capacityList(output?.ConsumedCapacity);
  return {
    operation: r.operation,
    table: r.table,
    tables: tablesOf(input, r.table),
    entity: r.entity,
    index: typeof input.IndexName === 'string' ? input.IndexName : undefined,
    consistentRead: typeof input.ConsistentRead === 'boolean' ? input.ConsistentRead : undefined,
    attempts: typeof metadata?.attempts === 'number' && metadata.attempts > 0 ? metadata.attempts : 1,
    startedAt: r.startedAt,
    latencyMs: r.latencyMs,
    consumed: consumedCapacity && sumCapacity(consumedCapacity),
    consumedCapacity,
    items: output ? itemsOf(r.operation, output) : undefined,
    scanned: typeof output?.ScannedCount === 'number' ? output.ScannedCount : undefined,
    unprocessed: output ? unprocessedOf(r.operation, output) : undefined,
    path: r.observation.path ?? 'dynamodb',
    region: r.observation.region,
    requestId: typeof metadata?.requestId === 'string' ? metadata.requestId : undefined,
    ok: r.error === undefined,
    error: r.error,
  };
}

function capacityList(value: unknown): readonly ConsumedCapacity[] | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? (value as ConsumedCapacity[]) : [value as ConsumedCapacity];
}

/** DynamoDB's `ConsumedCapacity` entries summed into one {@link ConsumedUnits}. @internal */
export function sumCapacity(list: readonly ConsumedCapacity[]): ConsumedUnits {
  let total = 0;
  let table = 0;
  const indexes: Record<string, number> = {};
  for (const c of list) {
    total += c.CapacityUnits ?? 0;
    table += c.Table?.CapacityUnits ?? (c.GlobalSecondaryIndexes || c.LocalSecondaryIndexes ? 0 : (c.CapacityUnits ?? 0));
    for (const group of [c.GlobalSecondaryIndexes, c.LocalSecondaryIndexes]) {
      for (const name in group) indexes[name] = (indexes[name] ?? 0) + (group[name]!.CapacityUnits ?? 0);
    }
  }
  return { total, table, indexes };
}

function tablesOf(input: Loose, fallback: string): readonly string[] {
  if (typeof input.TableName === 'string') return [input.TableName];
  const names = new Set<string>();
  if (input.RequestItems) for (const name in input.RequestItems as Loose) names.add(name);
  for (const item of (input.TransactItems as readonly Record<string, { TableName?: string }>[] | undefined) ?? []) {
    for (const kind in item) if (item[kind]?.TableName) names.add(item[kind]!.TableName!);
  }
  return names.size > 0 ? [...names] : [fallback];
}

function itemsOf(operation: OperationName, output: Loose): number | undefined {
  switch (operation) {
    case 'GetItem':
      return output.Item ? 1 : 0;
    case 'Query':
    case 'Scan':
      return typeof output.Count === 'number' ? output.Count : ((output.Items as unknown[] | undefined)?.length ?? 0);
    case 'BatchGetItem': {
      let n = 0;
      for (const name in output.Responses as Record<string, unknown[]> | undefined) n += (output.Responses as Record<string, unknown[]>)[name]!.length;
      return n;
    }
    case 'TransactGetItems':
      return ((output.Responses as { Item?: unknown }[] | undefined) ?? []).filter((r) => r.Item !== undefined).length;
    default:
      return undefined;
  }
}

function unprocessedOf(operation: OperationName, output: Loose): number | undefined {
  if (operation === 'BatchGetItem') {
    let n = 0;
    const keys = output.UnprocessedKeys as Record<string, { Keys?: unknown[] }> | undefined;
    for (const name in keys) n += keys[name]!.Keys?.length ?? 0;
    return n;
  }
  if (operation === 'BatchWriteItem') {
    let n = 0;
    const items = output.UnprocessedItems as Record<string, unknown[]> | undefined;
    for (const name in items) n += items[name]!.length;
    return n;
  }
  return undefined;
}
