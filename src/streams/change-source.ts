import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { StreamRecordIdentity } from './record-kind.js';

/**
 * The three shapes a DynamoDB change record arrives in, read into one. Typed
 * structurally so that neither `@types/aws-lambda` nor the streams client is
 * needed to use them: a Lambda `DynamoDBRecord`, a Streams API `_Record`
 * (`@aws-sdk/client-dynamodb-streams`) and the JSON a Kinesis record carries
 * all fit {@link ChangeRecordInput}.
 */

/**
 * An AttributeValue as Lambda and Kinesis deliver it (JSON): binary values are
 * base64 strings. The SDK's `AttributeValue` (bytes) fits too.
 */
export type WireAttributeValue = AttributeValue | Readonly<Record<string, unknown>>;

/** The `dynamodb` part of a change record, in any of the three shapes. */
export interface ChangeRecordBody {
  /** Epoch seconds (Lambda, Streams API JSON), epoch milliseconds or microseconds (Kinesis), or a `Date` (SDK streams client). */
  readonly ApproximateCreationDateTime?: number | Date | undefined;
  /** The item's key attributes (table keys only). */
  readonly Keys?: Readonly<Record<string, WireAttributeValue>> | undefined;
  /** The item after the change, when the view type carries it. */
  readonly NewImage?: Readonly<Record<string, WireAttributeValue>> | undefined;
  /** The item before the change, when the view type carries it. */
  readonly OldImage?: Readonly<Record<string, WireAttributeValue>> | undefined;
  /** Absent on Kinesis records. */
  readonly SequenceNumber?: string | undefined;
  /** Size of the record in bytes. */
  readonly SizeBytes?: number | undefined;
  /** Absent on Kinesis records (which carry every image there is). */
  readonly StreamViewType?: string | undefined;
}

/** A DynamoDB change record: Lambda event record, Streams API record, or the decoded data of a Kinesis record. */
export interface ChangeRecordInput {
  /** Unique id of the change (repeated on redelivery). */
  readonly eventID?: string | undefined;
  /** `INSERT`, `MODIFY` or `REMOVE`. */
  readonly eventName?: string | undefined;
  /** `aws:dynamodb`. */
  readonly eventSource?: string | undefined;
  /** Region of the stream endpoint. */
  readonly awsRegion?: string | undefined;
  /** Kinesis records only: the table the change belongs to. */
  readonly tableName?: string | undefined;
  /** Keys, images, sequence number, time and size. */
  readonly dynamodb?: ChangeRecordBody | undefined;
  /** Set on TTL deletions only (`Service` / `dynamodb.amazonaws.com`). */
  readonly userIdentity?: StreamRecordIdentity | null | undefined;
}

/** Where a record came from: changes how its time, binaries and identity are read. @internal */
export type ChangeSource = 'streams' | 'kinesis';

/** A change record with its images as SDK AttributeValues (bytes for binaries). @internal */
export interface NormalizedChange {
  readonly keys: Record<string, AttributeValue>;
  readonly newImage: Record<string, AttributeValue> | undefined;
  readonly oldImage: Record<string, AttributeValue> | undefined;
  readonly creationTime: Date | undefined;
}

/** Reads the images and the creation time of a record. @internal */
export function normalizeChange(record: ChangeRecordInput, source: ChangeSource): NormalizedChange {
  const body = record.dynamodb ?? {};
  return {
    keys: bytesFromBase64(body.Keys) ?? {},
    newImage: bytesFromBase64(body.NewImage),
    oldImage: bytesFromBase64(body.OldImage),
    creationTime: creationTime(body.ApproximateCreationDateTime, source),
  };
}

/**
 * Streams give epoch seconds (the SDK a `Date`); Kinesis gives epoch
 * milliseconds, or microseconds when the destination is set to `MICROSECOND`
 * (told apart by magnitude: 1e15 µs is 2001, 1e15 ms is year 33658).
 */
function creationTime(value: number | Date | undefined, source: ChangeSource): Date | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  if (source === 'streams') return new Date(value * 1000);
  return new Date(value >= 1e15 ? Math.floor(value / 1000) : value);
}

/**
 * JSON deliveries carry binaries as base64 strings; the item reader expects
 * bytes, as the SDK gives them. Most images have none: a scan that allocates
 * nothing finds out, and only an image with one is copied (hot path).
 */
function bytesFromBase64(image: Readonly<Record<string, WireAttributeValue>> | undefined): Record<string, AttributeValue> | undefined {
  if (!image) return undefined;
  if (!mapHasWireBinary(image)) return image as Record<string, AttributeValue>;
  const out: Record<string, AttributeValue> = {};
  for (const name in image) out[name] = convertValue(image[name]!);
  return out;
}

function mapHasWireBinary(map: Readonly<Record<string, WireAttributeValue>>): boolean {
  for (const name in map) if (hasWireBinary(map[name]!)) return true;
  return false;
}

function hasWireBinary(value: WireAttributeValue): boolean {
  const v = value as Record<string, unknown>;
  if (v.S !== undefined || v.N !== undefined || v.BOOL !== undefined || v.NULL !== undefined) return false;
  if (typeof v.B === 'string') return true;
  if (Array.isArray(v.BS)) return v.BS.some((b) => typeof b === 'string');
  if (v.M && typeof v.M === 'object') return mapHasWireBinary(v.M as Record<string, WireAttributeValue>);
  if (Array.isArray(v.L)) {
    for (const item of v.L) if (hasWireBinary(item as WireAttributeValue)) return true;
  }
  return false;
}

function convertValue(value: WireAttributeValue): AttributeValue {
  if (!hasWireBinary(value)) return value as AttributeValue;
  const v = value as Record<string, unknown>;
  if (typeof v.B === 'string') return { B: Buffer.from(v.B, 'base64') };
  if (Array.isArray(v.BS)) return { BS: v.BS.map((b) => (typeof b === 'string' ? Buffer.from(b, 'base64') : (b as Uint8Array))) };
  if (v.M && typeof v.M === 'object') return { M: bytesFromBase64(v.M as Record<string, WireAttributeValue>)! };
  return { L: (v.L as WireAttributeValue[]).map(convertValue) };
}
