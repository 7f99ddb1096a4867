import { TablewrightError } from './core-errors.js';

/** Why a stream record could not be processed. */
export type StreamRecordErrorReason =
  /** The view type promises an image the record does not carry (a stream of another view type). */
  | 'missing-image'
  /** The stored keys are not the entity's key layout. */
  | 'keys'
  /** No entity claimed the record and no `unknown` callback was given. */
  | 'unknown-record'
  /** Its images do not parse and no `invalid` callback was given. */
  | 'invalid-record'
  /** An earlier record of the same item failed in this batch: this one was not applied. */
  | 'earlier-failure'
  /** The record has no identifier Lambda accepts (`dynamodb.SequenceNumber`, `kinesis.sequenceNumber`). */
  | 'no-identifier'
  /** The polling consumer no longer holds (or could not renew in time) the lease of the record's shard: not applied, the next owner reads it. */
  | 'lease-lost';

/**
 * A stream record was refused or not applied. Carries the record's id and the
 * entity (when known); a callback's own error is kept as `cause`.
 */
export class StreamRecordError extends TablewrightError {
  override readonly name = 'StreamRecordError';
  /** Why the record was refused or not applied. */
  readonly reason: StreamRecordErrorReason;
  /** The decoded record's id (`eventID` on DynamoDB Streams). */
  readonly recordId: string | undefined;
  /** The record's entity, when known. */
  readonly entity: string | undefined;
  constructor(args: { reason: StreamRecordErrorReason; message: string; recordId?: string | undefined; entity?: string | undefined; cause?: unknown }) {
    super(args.message, { cause: args.cause });
    this.reason = args.reason;
    this.recordId = args.recordId;
    this.entity = args.entity;
  }
}
