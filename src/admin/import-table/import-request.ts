import type { ImportTableCommandInput } from '@aws-sdk/client-dynamodb';
import { ConfigurationError } from '../../errors.js';
import { createTableInput } from '../../table/create-table-input.js';
import type { TableModel } from '../../model/table-definition.js';

/** Where the import reads from and how. */
export interface ImportRequestOptions {
  /** Source bucket. */
  readonly bucket: string;
  /** Key prefix of the source objects (all must share format and compression). */
  readonly prefix?: string;
  /** Owner account of another account's bucket. */
  readonly bucketOwner?: string;
  /** `DYNAMODB_JSON` (default; what `writeImportFiles` and exports write), `ION` or `CSV` (non-key columns become strings). */
  readonly format?: 'DYNAMODB_JSON' | 'ION' | 'CSV';
  /** `GZIP` (default), `ZSTD` or `NONE`. */
  readonly compression?: 'GZIP' | 'ZSTD' | 'NONE';
  /** Idempotency token (kept 8 hours); the SDK fills one when absent. */
  readonly clientToken?: string;
}

/**
 * The `ImportTable` request creating the declared table. An import cannot
 * create LSIs, streams, TTL or deletion protection: LSIs are refused here
 * (before the request); the rest is set after the import completes.
 * Pure. @internal
 */
export function importInput(model: TableModel, o: ImportRequestOptions): ImportTableCommandInput {
  const lsis = Object.values(model.indexes).filter((i) => i.type === 'local');
  if (lsis.length > 0) {
    throw new ConfigurationError(`${model.name}: ImportTable cannot create local secondary indexes (${lsis.map((i) => i.name).join(', ')}); declare the imported table without them`);
  }
  if (typeof o?.bucket !== 'string' || !/^[a-z0-9A-Z]+[.\-\w]*[a-z0-9A-Z]+$/.test(o.bucket)) throw new ConfigurationError(`bucket must be an S3 bucket name, got ${JSON.stringify(o?.bucket)}`);
  if (o.format !== undefined && !['DYNAMODB_JSON', 'ION', 'CSV'].includes(o.format)) throw new ConfigurationError(`format must be DYNAMODB_JSON, ION or CSV`);
  if (o.compression !== undefined && !['GZIP', 'ZSTD', 'NONE'].includes(o.compression)) throw new ConfigurationError(`compression must be GZIP, ZSTD or NONE`);
  const create = createTableInput(model);
  return {
    S3BucketSource: { S3Bucket: o.bucket, ...(o.prefix !== undefined && { S3KeyPrefix: o.prefix }), ...(o.bucketOwner !== undefined && { S3BucketOwner: o.bucketOwner }) },
    InputFormat: o.format ?? 'DYNAMODB_JSON',
    InputCompressionType: o.compression ?? 'GZIP',
    ...(o.clientToken !== undefined && { ClientToken: o.clientToken }),
    TableCreationParameters: {
      TableName: create.TableName,
      AttributeDefinitions: create.AttributeDefinitions,
      KeySchema: create.KeySchema,
      BillingMode: create.BillingMode,
      ...(create.ProvisionedThroughput && { ProvisionedThroughput: create.ProvisionedThroughput }),
      ...(create.GlobalSecondaryIndexes && { GlobalSecondaryIndexes: create.GlobalSecondaryIndexes }),
    },
  };
}
