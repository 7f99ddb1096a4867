import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { CreateTableCommand, DescribeTableCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { writeItems, type BackupState, type Item } from './control-plane-backups.double.js';
import { AwsFault } from './control-plane-shapes.double.js';

/**
 * TEST DOUBLE support — ImportTable / DescribeImport per
 * /work/shared/docs/dynamodb-facts.md §6.4: always a new table
 * (`ResourceInUseException` when it exists), created from
 * TableCreationParameters in DynamoDB Local; every object under the prefix
 * is read from S3 (s3rver), decompressed, parsed as DynamoDB JSON lines;
 * items lacking their key attributes (or with the wrong key type) are
 * skipped and counted, and then the import ends FAILED with
 * `ItemValidationError` while the partly loaded table remains; duplicate
 * keys overwrite each other without being counted. Only DYNAMODB_JSON with
 * GZIP or NONE is implemented here.
 */
interface ImportRecord {
  readonly arn: string;
  readonly request: Record<string, unknown>;
  readonly tableArn: string;
  readonly startedAt: number;
  status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  endedAt?: number;
  processed: number;
  imported: number;
  errors: number;
  bytes: number;
  failure?: { code: string; message: string };
}

export function createImportHandlers(state: BackupState, s3: S3Client, importDelayMs = 200): Record<string, (body: Record<string, unknown>) => Promise<unknown>> {
  const imports = new Map<string, ImportRecord>();
  const tokens = new Map<string, { params: string; arn: string }>();
  const describe = (i: ImportRecord) => ({
    ImportArn: i.arn,
    ImportStatus: i.status,
    TableArn: i.tableArn,
    ...(i.request.ClientToken !== undefined && { ClientToken: i.request.ClientToken }),
    S3BucketSource: i.request.S3BucketSource,
    ErrorCount: i.errors,
    CloudWatchLogGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:/aws-dynamodb/imports:*',
    InputFormat: i.request.InputFormat,
    InputCompressionType: i.request.InputCompressionType ?? 'NONE',
    TableCreationParameters: i.request.TableCreationParameters,
    StartTime: i.startedAt / 1000,
    ...(i.endedAt && { EndTime: i.endedAt / 1000 }),
    ProcessedSizeBytes: i.bytes,
    ProcessedItemCount: i.processed,
    ImportedItemCount: i.imported,
    ...(i.failure && { FailureCode: i.failure.code, FailureMessage: i.failure.message }),
  });

  return {
    async ImportTable(body) {
      const { ClientToken: token, ...params } = body;
      if (token !== undefined) {
        const seen = tokens.get(String(token));
        if (seen && seen.params !== JSON.stringify(params)) throw new AwsFault('ImportConflictException', `An import with client token ${String(token)} and different parameters exists`);
        if (seen) return { ImportTableDescription: describe(imports.get(seen.arn)!) };
      }
      const create = body.TableCreationParameters as CreateTableCommandInput;
      for (const member of Object.keys(create)) {
        if (!['TableName', 'AttributeDefinitions', 'KeySchema', 'BillingMode', 'ProvisionedThroughput', 'OnDemandThroughput', 'SSESpecification', 'GlobalSecondaryIndexes'].includes(member)) {
          throw new AwsFault('SerializationException', `Unknown member TableCreationParameters.${member}`);
        }
      }
      if (body.InputFormat !== 'DYNAMODB_JSON') throw new AwsFault('ValidationException', `the double implements DYNAMODB_JSON imports only`);
      const exists = await state.local.send(new DescribeTableCommand({ TableName: create.TableName })).then(() => true, () => false);
      if (exists) throw new AwsFault('ResourceInUseException', `Table already exists: ${create.TableName}`);
      const created = (await state.local.send(new CreateTableCommand(create))).TableDescription!;
      const arn = `${created.TableArn}/import/${String(Date.now()).padStart(14, '0')}-${randomBytes(4).toString('hex')}`;
      const record: ImportRecord = { arn, request: body, tableArn: created.TableArn!, startedAt: Date.now(), status: 'IN_PROGRESS', processed: 0, imported: 0, errors: 0, bytes: 0 };
      imports.set(arn, record);
      if (token !== undefined) tokens.set(String(token), { params: JSON.stringify(params), arn });
      const loading = { done: false, readyAt: Infinity, summary: undefined };
      state.restoring.set(create.TableName!, loading);
      void load(state, s3, record, create).then(
        () => setTimeout(() => {
          loading.done = true;
          loading.readyAt = Date.now();
          Object.assign(record, { endedAt: Date.now(), status: record.errors > 0 ? 'FAILED' : 'COMPLETED', ...(record.errors > 0 && { failure: { code: 'ItemValidationError', message: `${record.errors} items failed validation` } }) });
        }, importDelayMs),
        (error: unknown) => {
          loading.done = true;
          loading.readyAt = Date.now();
          Object.assign(record, { endedAt: Date.now(), status: 'FAILED', failure: { code: 'S3AccessDenied', message: String(error) } });
        },
      );
      return { ImportTableDescription: describe(record) };
    },
    async DescribeImport(body) {
      const i = imports.get(String(body.ImportArn));
      if (!i) throw new AwsFault('ImportNotFoundException', `Import not found: ${String(body.ImportArn)}`);
      return { ImportTableDescription: describe(i) };
    },
    async ListImports() {
      return { ImportSummaryList: [...imports.values()].map((i) => ({ ImportArn: i.arn, ImportStatus: i.status, TableArn: i.tableArn })) };
    },
  };
}

async function load(state: BackupState, s3: S3Client, record: ImportRecord, create: CreateTableCommandInput): Promise<void> {
  const source = record.request.S3BucketSource as { S3Bucket: string; S3KeyPrefix?: string };
  const keyTypes = new Map((create.AttributeDefinitions ?? []).map((d) => [d.AttributeName!, d.AttributeType!]));
  const keyNames = (create.KeySchema ?? []).map((k) => k.AttributeName!);
  let token: string | undefined;
  const items: Item[] = [];
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: source.S3Bucket, Prefix: source.S3KeyPrefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      const got = await s3.send(new GetObjectCommand({ Bucket: source.S3Bucket, Key: object.Key }));
      const raw = Buffer.from(await got.Body!.transformToByteArray());
      const text = (record.request.InputCompressionType === 'GZIP' ? gunzipSync(raw) : raw).toString('utf8');
      record.bytes += Buffer.byteLength(text);
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        record.processed++;
        let item: Item | undefined;
        try {
          item = (JSON.parse(line) as { Item?: Item }).Item;
        } catch {
          item = undefined;
        }
        const valid = item && keyNames.every((k) => item![k] && Object.keys(item![k]!)[0] === keyTypes.get(k));
        if (!valid) {
          record.errors++;
          continue;
        }
        items.push(revive(item!));
      }
    }
    token = page.NextContinuationToken;
  } while (token);
  // Duplicate keys overwrite each other; the count is of distinct items, as the table ends up holding.
  const distinct = new Map(items.map((i) => [JSON.stringify(keyNames.map((k) => i[k])), i]));
  await writeItems(state.local, create.TableName!, [...distinct.values()]);
  record.imported = items.length;
}

/** B/BS arrive base64 in DynamoDB JSON; the SDK client wants bytes. */
function revive(item: Item): Item {
  const fix = (v: Record<string, unknown>): Record<string, unknown> => {
    if (typeof v.B === 'string') return { B: Buffer.from(v.B, 'base64') };
    if (Array.isArray(v.BS)) return { BS: v.BS.map((x: string) => Buffer.from(x, 'base64')) };
    if (v.M) return { M: Object.fromEntries(Object.entries(v.M as object).map(([k, x]) => [k, fix(x as Record<string, unknown>)])) };
    if (Array.isArray(v.L)) return { L: v.L.map((x) => fix(x as Record<string, unknown>)) };
    return v;
  };
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, fix(v as unknown as Record<string, unknown>)])) as unknown as Item;
}
