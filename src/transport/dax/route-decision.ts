import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { OperationMap, OperationName } from '../transport.js';
import type { DaxRouteReason } from './dax-route-event.js';
import { keyConditionPairs } from './key-condition-pairs.js';
import type { RecentWrites } from './recent-writes.js';
import type { DaxRoute } from './route-scope.js';

/** A router's resolved options. @internal */
export interface RouteConfig {
  readonly writes: 'through' | 'around';
  readonly tables: Readonly<Record<string, { readonly writes?: 'through' | 'around' }>>;
  readonly conditionalWrites: 'dynamodb' | 'dax';
  /** Read-your-writes keeps every query of a written table on DynamoDB. */
  readonly tableScope: boolean;
  /** Every write of this process (queries, scans); `undefined` without read-your-writes. */
  readonly recent: RecentWrites | undefined;
  /** Writes sent around DAX (gets). */
  readonly around: RecentWrites | undefined;
}

type Key = Record<string, AttributeValue>;
type Route = { readonly path: DaxRoute; readonly reason: DaxRouteReason };

const r = (path: DaxRoute, reason: DaxRouteReason): Route => ({ path, reason });
const CACHED = r('dax', 'cached-read');
const CONSISTENT = r('dynamodb', 'consistent-read');
const TRANSACTION_READ = r('dynamodb', 'transaction-read');
const RYW = r('dynamodb', 'read-your-writes');
const THROUGH = r('dax', 'write-through');
const AROUND = r('dynamodb', 'write-around');
const GUARDED = r('dynamodb', 'guarded-write');
const TO_DAX = r('dax', 'override');
const TO_DYNAMODB = r('dynamodb', 'override');

/**
 * Where one call goes, by the routing table (pure; reads the recent-write
 * trackers). `forced` is the per-call override.
 * @internal
 */
export function routeOf<O extends OperationName>(operation: O, input: OperationMap[O][0], forced: DaxRoute | undefined, config: RouteConfig): Route {
  switch (operation) {
    case 'GetItem': {
      const i = input as OperationMap['GetItem'][0];
      if (forced) return forced === 'dax' ? TO_DAX : TO_DYNAMODB;
      if (i.ConsistentRead) return CONSISTENT;
      return i.Key && config.around?.keyWritten(i.TableName!, i.Key) ? RYW : CACHED;
    }
    case 'BatchGetItem': {
      const i = input as OperationMap['BatchGetItem'][0];
      if (forced) return forced === 'dax' ? TO_DAX : TO_DYNAMODB;
      let stale = false;
      for (const table in i.RequestItems) {
        const request = i.RequestItems[table]!;
        if (request.ConsistentRead) return CONSISTENT;
        if (config.around && !stale) stale = (request.Keys ?? []).some((key) => config.around!.keyWritten(table, key));
      }
      return stale ? RYW : CACHED;
    }
    case 'Query': {
      const i = input as OperationMap['Query'][0];
      if (forced) return forced === 'dax' ? TO_DAX : TO_DYNAMODB;
      if (i.ConsistentRead) return CONSISTENT;
      return queryMayBeStale(i, config) ? RYW : CACHED;
    }
    case 'Scan': {
      const i = input as OperationMap['Scan'][0];
      if (forced) return forced === 'dax' ? TO_DAX : TO_DYNAMODB;
      if (i.ConsistentRead) return CONSISTENT;
      return config.recent?.tableWritten(i.TableName!) ? RYW : CACHED;
    }
    case 'TransactGetItems':
      return forced === 'dax' ? TO_DAX : forced ? TO_DYNAMODB : TRANSACTION_READ;
    case 'PutItem':
    case 'UpdateItem':
    case 'DeleteItem': {
      const i = input as OperationMap['PutItem' | 'UpdateItem' | 'DeleteItem'][0];
      // A failure read from the item DAX would not return: never let an override change that.
      if (config.conditionalWrites === 'dynamodb' && i.ConditionExpression && i.ReturnValuesOnConditionCheckFailure === 'ALL_OLD') return GUARDED;
      return writeRoute(i.TableName, forced, config);
    }
    case 'BatchWriteItem': {
      const i = input as OperationMap['BatchWriteItem'][0];
      let first: string | undefined;
      for (const table in i.RequestItems) {
        first = table;
        break;
      }
      return writeRoute(first, forced, config);
    }
    case 'TransactWriteItems': {
      const i = input as OperationMap['TransactWriteItems'][0];
      const first = i.TransactItems?.[0];
      const table = first && (first.Put ?? first.Update ?? first.Delete ?? first.ConditionCheck)?.TableName;
      return writeRoute(table, forced, config);
    }
    default:
      return forced === 'dax' ? TO_DAX : TO_DYNAMODB;
  }
}

function writeRoute(table: string | undefined, forced: DaxRoute | undefined, config: RouteConfig): Route {
  if (forced) return forced === 'dax' ? TO_DAX : TO_DYNAMODB;
  const writes = (table !== undefined ? config.tables[table]?.writes : undefined) ?? config.writes;
  return writes === 'around' ? AROUND : THROUGH;
}

function queryMayBeStale(input: OperationMap['Query'][0], config: RouteConfig): boolean {
  const recent = config.recent;
  const table = input.TableName!;
  if (!recent || !recent.tableWritten(table)) return false;
  if (config.tableScope) return true;
  const pairs = keyConditionPairs(input);
  // An unreadable key condition: be safe, the whole table counts as written.
  if (!pairs) return true;
  return pairs.some(({ name, value }) => recent.pairWritten(table, name, value));
}

/**
 * Notes a write before it is sent (a write that fails ambiguously may still
 * have been applied): every write for queries and scans, writes to DynamoDB
 * also for gets (their DAX item cache entry is now stale).
 * @internal
 */
export function recordWrite<O extends OperationName>(operation: O, input: OperationMap[O][0], path: DaxRoute, config: RouteConfig): void {
  if (!config.recent) return;
  const trackers = path === 'dynamodb' ? [config.recent, config.around!] : [config.recent];
  for (const t of trackers) {
    switch (operation) {
      case 'PutItem': {
        const i = input as OperationMap['PutItem'][0];
        t.item(i.TableName!, i.Item);
        break;
      }
      case 'UpdateItem': {
        const i = input as OperationMap['UpdateItem'][0];
        t.keyed(i.TableName!, i.Key, i.ExpressionAttributeValues);
        break;
      }
      case 'DeleteItem': {
        const i = input as OperationMap['DeleteItem'][0];
        t.keyed(i.TableName!, i.Key);
        break;
      }
      case 'BatchWriteItem': {
        const i = input as OperationMap['BatchWriteItem'][0];
        for (const table in i.RequestItems) {
          for (const request of i.RequestItems[table]!) {
            if (request.PutRequest) t.item(table, request.PutRequest.Item);
            else if (request.DeleteRequest) t.keyed(table, request.DeleteRequest.Key as Key);
          }
        }
        break;
      }
      case 'TransactWriteItems': {
        const i = input as OperationMap['TransactWriteItems'][0];
        for (const item of i.TransactItems ?? []) {
          if (item.Put) t.item(item.Put.TableName!, item.Put.Item);
          else if (item.Update) t.keyed(item.Update.TableName!, item.Update.Key, item.Update.ExpressionAttributeValues);
          else if (item.Delete) t.keyed(item.Delete.TableName!, item.Delete.Key);
        }
        break;
      }
    }
  }
}
