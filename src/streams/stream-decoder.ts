import type { AttributeValue, StreamViewType } from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import { ConfigurationError, StreamRecordError, TablewrightError, ValidationError } from '../errors.js';
import { unmarshallItem } from '../marshalling/marshall.js';
import { toNative } from '../marshalling/unmarshall.js';
import type { EntityModel } from '../model/entity-model.js';
import { readItem } from '../model/item-reader.js';
import { normalizeChange, type ChangeRecordInput, type ChangeSource } from './change-source.js';
import { changeOrigin } from './change-origin.js';
import { compileKeyReader, type KeyReader } from './key-reader.js';
import { recordKind } from './record-kind.js';
import type { ChangeKind, DecodedRecord, StreamEntity, StreamRecordMeta, UnknownRecordReason } from './stream-change.js';

/** Options of {@link streamDecoder}. */
export interface StreamDecoderOptions<V extends StreamViewType = StreamViewType> {
  /**
   * The stream's view type. Declaring it types the images (present or
   * `undefined`) and makes the decoder check each record carries what the view
   * promises: a record that lacks one is `invalid`, never typed wrong.
   * Without it, images are `Item | undefined`.
   */
  readonly view?: V;
  /**
   * DynamoDB Local only: its TTL deletions arrive as `UNKNOWN_TO_SDK_VERSION`
   * without an identity; with this set, such a record with an old image
   * decodes as `expire`. Leave it off against AWS. Default `false`.
   */
  readonly dynamoDBLocalTtl?: boolean;
  /**
   * The Region whose stream this decoder reads, for each change's `origin`
   * (`'local'` / `'replicated'`, from the entities' Region stamps). Default:
   * the table's `region`; without either, every `origin` is `'unknown'`.
   */
  readonly region?: string;
}

/** Options of one {@link StreamDecoder.decode} call. */
export interface DecodeOptions {
  /** `'kinesis'` for the DynamoDB record inside a Kinesis record (epoch-ms times, derived ids). Default `'streams'`. */
  readonly source?: 'streams' | 'kinesis';
}

/** Decodes the change records of one table into typed changes of its entities. */
export interface StreamDecoder<E extends StreamEntity = StreamEntity, V extends StreamViewType = StreamViewType> {
  /** The entities it decodes, by name. */
  readonly entities: ReadonlyMap<string, E>;
  /** The declared view type, if any. */
  readonly view: V | undefined;
  /** Decodes one record. Never throws for a record: unclaimed ones are `unknown`, unreadable ones `invalid`. */
  decode(record: ChangeRecordInput, options?: DecodeOptions): DecodedRecord<E, V>;
}

interface Member {
  readonly entity: StreamEntity;
  readonly model: EntityModel;
  readonly keys: KeyReader;
}

/** A change to an item past its TTL is still a change: never hide it. */
const READ_ALL = Object.freeze({ includeExpired: true });
const NEW_VIEWS = new Set<string>(['NEW_IMAGE', 'NEW_AND_OLD_IMAGES']);
const OLD_VIEWS = new Set<string>(['OLD_IMAGE', 'NEW_AND_OLD_IMAGES']);
const VIEWS = new Set<string>(['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES']);

/**
 * Builds the decoder of a table's stream from its entities (an array, or a
 * record such as a collection's `entities`). All must belong to one table.
 * Images are read by the same reader as `get` (bookkeeping stripped, stored
 * forms decoded, validated); the entity is found by the entity-type attribute,
 * or, for records without images, by the one entity whose key layout the
 * stored keys fit.
 *
 * @example
 * ```ts
 * import type { DynamoDBRecord } from 'aws-lambda';
 * import { streamDecoder } from 'tablewright/streams';
 *
 * declare const record: DynamoDBRecord; // from a Lambda event, or a stream's GetRecords
 * const decoder = streamDecoder([Order, User], { view: 'NEW_AND_OLD_IMAGES' });
 * const r = decoder.decode(record);
 * if (r.entity === 'Order' && r.kind === 'modify') console.log(r.oldItem.status, '→', r.newItem.status);
 * ```
 */
export function streamDecoder<const E extends StreamEntity, const V extends StreamViewType = StreamViewType>(
  entities: readonly E[] | Readonly<Record<string, E>>,
  options: StreamDecoderOptions<V> = {},
): StreamDecoder<E, V> {
  const list: readonly E[] = Array.isArray(entities) ? entities : Object.values(entities as Readonly<Record<string, E>>);
  if (list.length === 0) throw new ConfigurationError('streamDecoder: give at least one entity');
  if (options.view !== undefined && !VIEWS.has(options.view)) {
    throw new ConfigurationError(`streamDecoder: unknown view type ${JSON.stringify(options.view)}`);
  }
  const table = list[0]!.model?.table;
  const members = new Map<string, Member>();
  const byName = new Map<string, E>();
  for (const entity of list) {
    const model = entity?.model;
    if (!model) throw new ConfigurationError('streamDecoder: every member must be an entity of a tablewright table');
    if (model.table !== table) throw new ConfigurationError(`streamDecoder: entity ${model.name} belongs to table ${model.table.name}, not ${table.name}`);
    if (members.has(model.name)) throw new ConfigurationError(`streamDecoder: entity ${model.name} is listed twice`);
    members.set(model.name, { entity, model, keys: compileKeyReader(model) });
    byName.set(model.name, entity);
  }
  const all = [...members.values()];
  const view = options.view;
  const localTtl = options.dynamoDBLocalTtl === true;
  const region = options.region ?? table.region;

  const decode = (record: ChangeRecordInput, decodeOptions?: DecodeOptions): DecodedRecord<E, V> => {
    const source: ChangeSource = decodeOptions?.source ?? 'streams';
    if (!record || typeof record !== 'object' || !record.dynamodb || typeof record.dynamodb !== 'object') {
      return unknownRecord(record, 'malformed', undefined, source) as DecodedRecord<E, V>;
    }
    const change = normalizeChange(record, source);
    const meta = metaOf(record, change.creationTime, source);
    let kind = recordKind(record) as ChangeKind | 'unknown';
    if (kind === 'unknown' && localTtl && record.eventName === 'UNKNOWN_TO_SDK_VERSION' && change.oldImage) kind = 'expire';
    const image = change.newImage ?? change.oldImage;
    const storedType = image ? typeName(image[table.entityTypeAttribute]) : undefined;
    if (kind === 'unknown') return unknownOf(meta, 'event', storedType, change) as DecodedRecord<E, V>;

    let member: Member | undefined;
    if (storedType !== undefined) {
      member = members.get(storedType);
      if (!member) return unknownOf(meta, 'entity', storedType, change) as DecodedRecord<E, V>;
    } else {
      const matches = all.filter((m) => m.keys.read(change.keys) !== undefined);
      if (matches.length !== 1) return unknownOf(meta, matches.length ? 'ambiguous' : 'entity', undefined, change) as DecodedRecord<E, V>;
      member = matches[0]!;
    }

    const invalid = (error: TablewrightError) =>
      ({ ...meta, kind: 'invalid', entity: member.model.name, change: kind, keys: safeUnmarshall(change.keys), error }) as DecodedRecord<E, V>;
    const wantsNew = kind === 'insert' || kind === 'modify';
    const wantsOld = kind !== 'insert';
    if (view !== undefined) {
      const missing = wantsNew && NEW_VIEWS.has(view) && !change.newImage ? 'NewImage' : wantsOld && OLD_VIEWS.has(view) && !change.oldImage ? 'OldImage' : undefined;
      if (missing) {
        return invalid(
          new StreamRecordError({
            reason: 'missing-image',
            message: `${member.model.name} ${kind} record ${meta.id} has no ${missing}, which stream view ${view} promises (StreamViewType ${record.dynamodb.StreamViewType ?? 'not given'})`,
            recordId: meta.id,
            entity: member.model.name,
          }),
        );
      }
    }
    let newItem: Record<string, unknown> | undefined;
    let oldItem: Record<string, unknown> | undefined;
    try {
      // A change to an item past its TTL is still a change: never hide it.
      if (wantsNew && change.newImage) newItem = readItem(member.model, change.newImage, READ_ALL);
      if (wantsOld && change.oldImage) oldItem = readItem(member.model, change.oldImage, READ_ALL);
    } catch (error) {
      return invalid(
        error instanceof TablewrightError
          ? error
          : new ValidationError({ entity: member.model.name, issues: [{ path: [], message: String(error) }], direction: 'read', cause: error }),
      );
    }
    const typed = newItem ?? oldItem;
    const keys = typed ? pickKeys(member.model, typed) : member.keys.read(change.keys);
    if (!keys) {
      return invalid(
        new StreamRecordError({
          reason: 'keys',
          message: `${member.model.name} ${kind} record ${meta.id}: stored keys ${JSON.stringify(safeUnmarshall(change.keys))} do not fit the entity's key templates`,
          recordId: meta.id,
          entity: member.model.name,
        }),
      );
    }
    const origin = changeOrigin(kind, newItem, region);
    // Built in one literal (no spread): this runs once per record.
    return {
      id: meta.id,
      eventName: meta.eventName,
      sequenceNumber: meta.sequenceNumber,
      approximateCreationTime: meta.approximateCreationTime,
      size: meta.size,
      raw: meta.raw,
      kind,
      entity: member.model.name,
      keys,
      newItem,
      oldItem,
      origin,
    } as unknown as DecodedRecord<E, V>;
  };

  return { entities: byName, view, decode };
}

function pickKeys(model: EntityModel, item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const attribute of model.primaryAttributes) out[attribute] = item[attribute];
  return out;
}

function typeName(value: AttributeValue | undefined): string | undefined {
  return value && typeof value.S === 'string' ? value.S : undefined;
}

function metaOf(record: ChangeRecordInput, creationTime: Date | undefined, source: ChangeSource): StreamRecordMeta {
  const body = record.dynamodb ?? {};
  return {
    id: recordId(record, source),
    eventName: record.eventName,
    sequenceNumber: body.SequenceNumber,
    approximateCreationTime: creationTime,
    size: body.SizeBytes,
    raw: record,
  };
}

/**
 * DynamoDB Streams delivers each change once with a unique `eventID`, which a
 * redelivery (Lambda retry, consumer restart) repeats. Kinesis may deliver a
 * change twice; AWS says to tell duplicates by keys and creation time, so the
 * id digests table, event, keys and `ApproximateCreationDateTime`.
 */
function recordId(record: ChangeRecordInput, source: ChangeSource): string {
  if (source === 'streams' && record.eventID) return record.eventID;
  const body = record.dynamodb ?? {};
  const keys = body.Keys ?? {};
  const canonical = JSON.stringify([
    record.tableName ?? '',
    record.eventName ?? '',
    Object.keys(keys)
      .sort()
      .map((name) => [name, keys[name]]),
    body.ApproximateCreationDateTime instanceof Date ? body.ApproximateCreationDateTime.getTime() : (body.ApproximateCreationDateTime ?? null),
    body.SequenceNumber ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

function unknownOf(
  meta: StreamRecordMeta,
  reason: UnknownRecordReason,
  entity: string | undefined,
  change: { keys: Record<string, AttributeValue>; newImage?: Record<string, AttributeValue> | undefined; oldImage?: Record<string, AttributeValue> | undefined },
): DecodedRecord<StreamEntity> {
  return {
    ...meta,
    kind: 'unknown',
    reason,
    entity,
    keys: safeUnmarshall(change.keys),
    newImage: change.newImage ? safeUnmarshall(change.newImage) : undefined,
    oldImage: change.oldImage ? safeUnmarshall(change.oldImage) : undefined,
  };
}

function unknownRecord(record: ChangeRecordInput, reason: UnknownRecordReason, entity: string | undefined, source: ChangeSource) {
  const meta: StreamRecordMeta = {
    id: record && typeof record === 'object' && typeof record.eventID === 'string' ? record.eventID : recordId({}, source),
    eventName: record && typeof record === 'object' ? record.eventName : undefined,
    sequenceNumber: undefined,
    approximateCreationTime: undefined,
    size: undefined,
    raw: record,
  };
  return unknownOf(meta, reason, entity, { keys: {} });
}

/** Unmarshalls for display; a malformed value stays as delivered. */
function safeUnmarshall(item: Record<string, AttributeValue>): Record<string, unknown> {
  try {
    return unmarshallItem(item);
  } catch {
    const out: Record<string, unknown> = {};
    for (const name in item) {
      try {
        out[name] = toNative(item[name]!);
      } catch {
        out[name] = item[name];
      }
    }
    return out;
  }
}
