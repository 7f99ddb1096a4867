import type {
  AttributeDefinition,
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  LocalSecondaryIndex,
  Projection,
} from '@aws-sdk/client-dynamodb';
import type { IndexProjection, ResolvedIndex, TableModel } from '../model/table-definition.js';
import { onDemandThroughputInput, warmThroughputInput } from './throughput-updates.js';

/** Turns a table model into a `CreateTable` request. Pure. @internal */
export function createTableInput(table: TableModel): CreateTableCommandInput {
  const attributes = new Set<string>([table.partitionKey]);
  if (table.sortKey) attributes.add(table.sortKey);
  const gsis: GlobalSecondaryIndex[] = [];
  const lsis: LocalSecondaryIndex[] = [];
  for (const index of Object.values(table.indexes)) {
    attributes.add(index.partitionKey);
    if (index.sortKey) attributes.add(index.sortKey);
    if (index.type === 'local') lsis.push(localIndexInput(table, index));
    else gsis.push(globalIndexInput(table, index));
  }
  const provisioned = table.billing.mode === 'provisioned' ? table.billing : undefined;
  return {
    TableName: table.name,
    KeySchema: keySchema(table.partitionKey, table.sortKey),
    AttributeDefinitions: [...attributes].map((name): AttributeDefinition => ({ AttributeName: name, AttributeType: 'S' })),
    BillingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    ...(provisioned && {
      ProvisionedThroughput: { ReadCapacityUnits: provisioned.read, WriteCapacityUnits: provisioned.write },
    }),
    ...(gsis.length > 0 && { GlobalSecondaryIndexes: gsis }),
    ...(lsis.length > 0 && { LocalSecondaryIndexes: lsis }),
    ...(table.stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } }),
    TableClass: table.tableClass,
    DeletionProtectionEnabled: table.deletionProtection,
    ...(table.warmThroughput && { WarmThroughput: warmThroughputInput(table.warmThroughput) }),
    ...(table.maxOnDemandThroughput && { OnDemandThroughput: onDemandThroughputInput(table.maxOnDemandThroughput) }),
  };
}

/** The `Create` part of an `UpdateTable` that adds a GSI. @internal */
export function globalIndexInput(table: TableModel, index: ResolvedIndex): GlobalSecondaryIndex {
  const provisioned = table.billing.mode === 'provisioned' ? table.billing : undefined;
  const throughput = index.throughput ?? provisioned;
  return {
    IndexName: index.name,
    KeySchema: keySchema(index.partitionKey, index.sortKey),
    Projection: projectionInput(index.projection),
    ...(provisioned &&
      throughput && {
        ProvisionedThroughput: { ReadCapacityUnits: throughput.read, WriteCapacityUnits: throughput.write },
      }),
    ...(index.warmThroughput && { WarmThroughput: warmThroughputInput(index.warmThroughput) }),
    ...(index.maxOnDemandThroughput && { OnDemandThroughput: onDemandThroughputInput(index.maxOnDemandThroughput) }),
  };
}

function localIndexInput(table: TableModel, index: ResolvedIndex): LocalSecondaryIndex {
  return {
    IndexName: index.name,
    KeySchema: keySchema(table.partitionKey, index.sortKey),
    Projection: projectionInput(index.projection),
  };
}

function keySchema(partitionKey: string, sortKey: string | undefined) {
  return [
    { AttributeName: partitionKey, KeyType: 'HASH' as const },
    ...(sortKey ? [{ AttributeName: sortKey, KeyType: 'RANGE' as const }] : []),
  ];
}

/** @internal */
export function projectionInput(projection: IndexProjection): Projection {
  if (projection === 'all') return { ProjectionType: 'ALL' };
  if (projection === 'keys-only') return { ProjectionType: 'KEYS_ONLY' };
  return { ProjectionType: 'INCLUDE', NonKeyAttributes: [...projection.include] };
}
