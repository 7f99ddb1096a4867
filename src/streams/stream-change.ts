import type { StreamViewType } from '@aws-sdk/client-dynamodb';
import type { z } from 'zod';
import type { TablewrightError } from '../errors.js';
import type { AnyObjectSchema } from '../model/entity-types.js';
import type { EntityModel } from '../model/entity-model.js';
import type { ChangeOrigin } from './change-origin.js';
import type { ChangeRecordInput } from './change-source.js';

/**
 * What a decoded stream record is: a typed change of one of the decoder's
 * entities, an `unknown` record (no entity of the decoder claims it), or an
 * `invalid` one (its entity is known, its images or keys do not parse).
 */

/** Anything that can decode its own records: an `Entity` or an `EntityCore`. */
export interface StreamEntity<N extends string = string, S extends AnyObjectSchema = AnyObjectSchema> {
  /** The entity name (its entity-type value). */
  readonly name: N;
  /** Its zod schema. */
  readonly schema: S;
  /** @internal */
  readonly model: EntityModel;
  /** Its `get`: only its key parameter's type is read (the typed keys). `never` accepts every entity's `get` (parameters are compared contravariantly). */
  get(key: never, ...rest: never[]): Promise<unknown>;
}

/** The typed item of an entity. */
export type StreamItemOf<E> = E extends StreamEntity<string, infer S> ? z.output<S> : never;

/** The typed primary-key values of an entity (what `get` takes). */
export type StreamKeyOf<E> = E extends { get(key: infer K, ...rest: never[]): unknown } ? K : never;

/** The four kinds of change. `expire` is a deletion by DynamoDB's TTL process. */
export type ChangeKind = 'insert' | 'modify' | 'remove' | 'expire';

type HasNew<V> = V extends 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES' ? true : false;
type HasOld<V> = V extends 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' ? true : false;
/** Present for view types that carry it, absent for those that do not, maybe either for an undeclared view. */
type Image<Has, T> = Has extends true ? T : undefined;

/** Fields every decoded record has. */
export interface StreamRecordMeta {
  /**
   * Stable across redeliveries, for dedupe: the record's `eventID` on
   * DynamoDB Streams; on Kinesis (where one change can be delivered twice) a
   * digest of table, event, keys and creation time.
   */
  readonly id: string;
  /** `INSERT` / `MODIFY` / `REMOVE` as delivered (Local's TTL deletes: `UNKNOWN_TO_SDK_VERSION`). */
  readonly eventName: string | undefined;
  /** DynamoDB Streams sequence number (compare as BigInt); absent on Kinesis records. */
  readonly sequenceNumber: string | undefined;
  /** When the change happened: to the second on Streams (to the minute on Local), ms or µs on Kinesis. */
  readonly approximateCreationTime: Date | undefined;
  /** `SizeBytes` of the record. */
  readonly size: number | undefined;
  /** The record as delivered. */
  readonly raw: ChangeRecordInput;
}

/** One typed change of entity `N`. */
export interface EntityChange<K extends ChangeKind, N extends string, Key, New, Old> extends StreamRecordMeta {
  readonly kind: K;
  readonly entity: N;
  /** The typed primary-key values (also on KEYS_ONLY streams, read back from the stored keys). */
  readonly keys: Key;
  /** The item after the change, read like `get` reads it. */
  readonly newItem: New;
  /** The item before the change. */
  readonly oldItem: Old;
  /** Written in the decoder's Region (`'local'`), in another one (`'replicated'`), or `'unknown'` (see {@link ChangeOrigin}). */
  readonly origin: ChangeOrigin;
}

/**
 * The typed changes of the entities `E` under view type `V`: images the view
 * carries are typed present (the decoder checks they are), the others
 * `undefined`; with no declared view, `Item | undefined`.
 */
export type StreamChange<E extends StreamEntity, V extends StreamViewType = StreamViewType> = E extends StreamEntity<infer N>
  ?
      | EntityChange<'insert', N, StreamKeyOf<E>, Image<HasNew<V>, StreamItemOf<E>>, undefined>
      | EntityChange<'modify', N, StreamKeyOf<E>, Image<HasNew<V>, StreamItemOf<E>>, Image<HasOld<V>, StreamItemOf<E>>>
      | EntityChange<'remove', N, StreamKeyOf<E>, undefined, Image<HasOld<V>, StreamItemOf<E>>>
      | EntityChange<'expire', N, StreamKeyOf<E>, undefined, Image<HasOld<V>, StreamItemOf<E>>>
  : never;

/** Why no entity claimed a record. */
export type UnknownRecordReason =
  /** No entity of the decoder has its entity type or key layout. */
  | 'entity'
  /** Several entities' key layouts match a record without images. */
  | 'ambiguous'
  /** Not INSERT / MODIFY / REMOVE (Local's TTL deletes, future event names). */
  | 'event'
  /** Not a DynamoDB change record (an unreadable Kinesis payload). */
  | 'malformed';

/** A record no entity of the decoder claims. Goes to the `unknown` callback; never dropped. */
export interface UnknownStreamRecord extends StreamRecordMeta {
  readonly kind: 'unknown';
  readonly reason: UnknownRecordReason;
  /** The entity type stored in the image, when there is one. */
  readonly entity: string | undefined;
  /** The stored keys, unmarshalled. */
  readonly keys: Readonly<Record<string, unknown>>;
  /** The images, unmarshalled as stored. */
  readonly newImage: Readonly<Record<string, unknown>> | undefined;
  /** The old image, unmarshalled as stored. */
  readonly oldImage: Readonly<Record<string, unknown>> | undefined;
}

/** A record of a known entity whose images or keys do not parse (or lack an image its view promises). */
export interface InvalidStreamRecord<N extends string = string> extends StreamRecordMeta {
  readonly kind: 'invalid';
  readonly entity: N;
  /** The change it would have been. */
  readonly change: ChangeKind;
  /** The stored keys, unmarshalled. */
  readonly keys: Readonly<Record<string, unknown>>;
  /** Why: a `ValidationError` from the item reader, or a `StreamRecordError`. */
  readonly error: TablewrightError;
}

/** Everything `decode` can return. */
export type DecodedRecord<E extends StreamEntity, V extends StreamViewType = StreamViewType> =
  | StreamChange<E, V>
  | UnknownStreamRecord
  | InvalidStreamRecord<E['name']>;
