import type { Attributes } from '@opentelemetry/api';
import type { RequestEvent } from '../request-event.js';

/**
 * The span attributes of a request event, under the OpenTelemetry semantic
 * conventions for DynamoDB client calls (`db.system` `dynamodb` and its
 * successor `db.system.name` `aws.dynamodb`, `rpc.*`, `aws.dynamodb.*`,
 * `aws.request_id`, `error.type`), plus `tablewright.*` for what the
 * conventions have no name for (entity, attempts, path, unprocessed items).
 */
export function spanAttributes(event: RequestEvent): Attributes {
  const a: Attributes = {
    'db.system': 'dynamodb',
    'db.system.name': 'aws.dynamodb',
    'db.operation.name': event.operation,
    'rpc.system': 'aws-api',
    'rpc.service': 'DynamoDB',
    'rpc.method': event.operation,
    'aws.dynamodb.table_names': [...event.tables],
    'tablewright.attempts': event.attempts,
    'tablewright.path': event.path,
  };
  if (event.tables.length === 1) a['db.collection.name'] = event.tables[0];
  if (event.index !== undefined) a['aws.dynamodb.index_name'] = event.index;
  if (event.consistentRead !== undefined) a['aws.dynamodb.consistent_read'] = event.consistentRead;
  if (event.consumedCapacity !== undefined) a['aws.dynamodb.consumed_capacity'] = event.consumedCapacity.map((c) => JSON.stringify(c));
  if ((event.operation === 'Query' || event.operation === 'Scan') && event.items !== undefined) a['aws.dynamodb.count'] = event.items;
  if (event.scanned !== undefined) a['aws.dynamodb.scanned_count'] = event.scanned;
  if (event.requestId !== undefined) a['aws.request_id'] = event.requestId;
  if (event.region !== undefined) a['cloud.region'] = event.region;
  if (event.entity !== undefined) a['tablewright.entity'] = event.entity;
  if (event.items !== undefined) a['tablewright.items'] = event.items;
  if (event.unprocessed !== undefined) a['tablewright.unprocessed'] = event.unprocessed;
  if (event.consumed !== undefined) a['tablewright.consumed_capacity.total'] = event.consumed.total;
  if (event.error !== undefined) a['error.type'] = errorType(event.error);
  return a;
}

function errorType(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code !== '' ? code : error.name;
}
