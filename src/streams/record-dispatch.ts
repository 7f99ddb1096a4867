import type { StreamViewType } from '@aws-sdk/client-dynamodb';
import { StreamRecordError } from '../errors.js';
import type { DecodedRecord, InvalidStreamRecord, StreamChange, StreamEntity, UnknownStreamRecord } from './stream-change.js';

/** A callback's result: awaited when it is a promise. */
export type CallbackResult = unknown;

/** Callbacks for one entity, by kind. A kind without a callback is acknowledged without action. */
export type KindCallbacks<C extends { kind: string }> = {
  readonly [K in C['kind']]?: (record: Extract<C, { kind: K }>) => CallbackResult;
};

/** The changes of the one entity of `E` named `N`. */
export type ChangeOfEntity<E extends StreamEntity, N extends string, V extends StreamViewType> = StreamChange<Extract<E, { name: N }>, V>;

/**
 * Per-entity callbacks: one function for every kind of the entity's changes,
 * or one per kind (`{ insert, modify, remove, expire }`). An entity or a kind
 * left out is acknowledged without action (the decoder still checks its records).
 */
export type EntityCallbacks<E extends StreamEntity, V extends StreamViewType> = {
  readonly [N in E['name']]?: ((record: ChangeOfEntity<E, N, V>) => CallbackResult) | KindCallbacks<ChangeOfEntity<E, N, V>>;
};

/** One callback over the union of every change, or {@link EntityCallbacks}. */
export type StreamCallbacks<E extends StreamEntity, V extends StreamViewType> =
  | ((record: StreamChange<E, V>) => CallbackResult)
  | EntityCallbacks<E, V>;

/** Where records no entity can take go. */
export interface CatchAllCallbacks {
  /**
   * Records no entity of the decoder claims (unknown entity type, ambiguous
   * keys, unknown event). Without it they FAIL (are reported), so nothing is
   * dropped unseen; pass `() => {}` to acknowledge them deliberately.
   */
  readonly unknown?: ((record: UnknownStreamRecord) => CallbackResult) | undefined;
  /**
   * Records of a known entity whose images or keys do not parse. Without it
   * they FAIL (are reported and block their item, as a poison record should).
   */
  readonly invalid?: ((record: InvalidStreamRecord) => CallbackResult) | undefined;
}

type AnyCallback = (record: unknown) => CallbackResult;

/** Runs the callback a decoded record belongs to. @internal */
export function dispatchRecord<E extends StreamEntity, V extends StreamViewType>(
  record: DecodedRecord<E, V>,
  callbacks: StreamCallbacks<E, V>,
  catchAll: CatchAllCallbacks,
): CallbackResult {
  switch (record.kind) {
    case 'unknown': {
      const r = record as UnknownStreamRecord;
      if (catchAll.unknown) return catchAll.unknown(r);
      throw new StreamRecordError({
        reason: 'unknown-record',
        message: `stream record ${r.id} (${r.eventName ?? 'no event'}${r.entity ? `, entity type ${r.entity}` : ''}) is claimed by no entity (${r.reason}); give an unknown callback to handle it`,
        recordId: r.id,
        entity: r.entity,
      });
    }
    case 'invalid': {
      const r = record as InvalidStreamRecord;
      if (catchAll.invalid) return catchAll.invalid(r);
      throw new StreamRecordError({
        reason: 'invalid-record',
        message: `stream record ${r.id} of ${r.entity} does not decode: ${r.error.message}`,
        recordId: r.id,
        entity: r.entity,
        cause: r.error,
      });
    }
    default: {
      if (typeof callbacks === 'function') return (callbacks as AnyCallback)(record);
      const change = record as { entity: string; kind: string };
      const forEntity = (callbacks as Record<string, AnyCallback | Record<string, AnyCallback | undefined> | undefined>)[change.entity];
      if (forEntity === undefined) return undefined;
      if (typeof forEntity === 'function') return forEntity(record);
      return forEntity[change.kind]?.(record);
    }
  }
}
