/**
 * TEST DOUBLE support — the request shapes the control-plane double accepts,
 * per the `@aws-sdk/client-dynamodb` model (required members, known members,
 * documented ranges). A request that breaks them gets `ValidationException`,
 * as DynamoDB answers.
 */
export class AwsFault extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

interface Shape {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

const SHAPES: Record<string, Shape> = {
  UpdateContinuousBackups: { required: ['TableName', 'PointInTimeRecoverySpecification'], optional: [] },
  DescribeContinuousBackups: { required: ['TableName'], optional: [] },
  CreateBackup: { required: ['TableName', 'BackupName'], optional: [] },
  DescribeBackup: { required: ['BackupArn'], optional: [] },
  DeleteBackup: { required: ['BackupArn'], optional: [] },
  ListBackups: { required: [], optional: ['TableName', 'Limit', 'TimeRangeLowerBound', 'TimeRangeUpperBound', 'ExclusiveStartBackupArn', 'BackupType'] },
  RestoreTableFromBackup: { required: ['TargetTableName', 'BackupArn'], optional: OVERRIDES() },
  RestoreTableToPointInTime: {
    required: ['TargetTableName'],
    optional: ['SourceTableArn', 'SourceTableName', 'UseLatestRestorableTime', 'RestoreDateTime', ...OVERRIDES()],
  },
  TagResource: { required: ['ResourceArn', 'Tags'], optional: [] },
  UntagResource: { required: ['ResourceArn', 'TagKeys'], optional: [] },
  ListTagsOfResource: { required: ['ResourceArn'], optional: ['NextToken'] },
  ExportTableToPointInTime: {
    required: ['TableArn', 'S3Bucket'],
    optional: ['ExportTime', 'ClientToken', 'S3BucketOwner', 'S3Prefix', 'S3SseAlgorithm', 'S3SseKmsKeyId', 'ExportFormat', 'ExportType', 'IncrementalExportSpecification'],
  },
  DescribeExport: { required: ['ExportArn'], optional: [] },
  ListExports: { required: [], optional: ['TableArn', 'MaxResults', 'NextToken'] },
  ImportTable: {
    required: ['S3BucketSource', 'InputFormat', 'TableCreationParameters'],
    optional: ['ClientToken', 'InputFormatOptions', 'InputCompressionType'],
  },
  DescribeImport: { required: ['ImportArn'], optional: [] },
  ListImports: { required: [], optional: ['TableArn', 'PageSize', 'NextToken'] },
};

function OVERRIDES(): string[] {
  return ['BillingModeOverride', 'GlobalSecondaryIndexOverride', 'LocalSecondaryIndexOverride', 'ProvisionedThroughputOverride', 'OnDemandThroughputOverride', 'SSESpecificationOverride'];
}

/** The operations this double answers itself (everything else goes to DynamoDB Local). */
export const HANDLED_OPERATIONS: ReadonlySet<string> = new Set(Object.keys(SHAPES));

/** Throws `ValidationException` when `body` does not fit the operation's input shape. */
export function validateShape(operation: string, body: Record<string, unknown>): void {
  const shape = SHAPES[operation];
  if (!shape) return;
  for (const member of shape.required) {
    if (body[member] === undefined || body[member] === null) {
      throw new AwsFault('ValidationException', `1 validation error detected: Value null at '${lower(member)}' failed to satisfy constraint: Member must not be null`);
    }
  }
  const known = new Set([...shape.required, ...shape.optional]);
  for (const member of Object.keys(body)) {
    if (!known.has(member)) throw new AwsFault('SerializationException', `Unknown member ${member} for ${operation}`);
  }
  checkRanges(operation, body);
}

function checkRanges(operation: string, body: Record<string, unknown>): void {
  const name = /^[a-zA-Z0-9_.-]{3,255}$/;
  for (const member of ['TableName', 'TargetTableName', 'BackupName', 'SourceTableName']) {
    const value = body[member];
    if (value !== undefined && (typeof value !== 'string' || !name.test(value))) {
      throw new AwsFault('ValidationException', `1 validation error detected: Value '${String(value)}' at '${lower(member)}' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`);
    }
  }
  if (operation === 'UpdateContinuousBackups') {
    const spec = body.PointInTimeRecoverySpecification as Record<string, unknown>;
    if (typeof spec.PointInTimeRecoveryEnabled !== 'boolean') {
      throw new AwsFault('ValidationException', "Value null at 'pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled' failed to satisfy constraint: Member must not be null");
    }
    const days = spec.RecoveryPeriodInDays;
    if (days !== undefined && (typeof days !== 'number' || days < 1 || days > 35)) {
      throw new AwsFault('ValidationException', `Value '${String(days)}' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have value between 1 and 35`);
    }
  }
  if (operation === 'RestoreTableToPointInTime') {
    if (!body.SourceTableName && !body.SourceTableArn) throw new AwsFault('ValidationException', 'Either SourceTableName or SourceTableArn must be provided');
    if (body.UseLatestRestorableTime === true && body.RestoreDateTime !== undefined) {
      throw new AwsFault('ValidationException', 'Only one of RestoreDateTime or UseLatestRestorableTime can be specified');
    }
  }
  for (const member of ['BackupArn', 'TableArn', 'ExportArn', 'ImportArn', 'ResourceArn']) {
    const value = body[member];
    if (value !== undefined && (typeof value !== 'string' || value.length < 1 || value.length > 1024)) {
      throw new AwsFault('ValidationException', `Value at '${lower(member)}' failed to satisfy constraint: Member must have length between 1 and 1024`);
    }
  }
}

function lower(member: string): string {
  return member[0]!.toLowerCase() + member.slice(1);
}
