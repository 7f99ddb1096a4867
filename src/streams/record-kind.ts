/**
 * What a DynamoDB stream record means. Accepts both shapes AWS delivers: Lambda
 * events (`userIdentity: { type, principalId }`) and the Streams API
 * (`userIdentity: { Type, PrincipalId }`).
 */

/** The identity fields of a stream record, in either casing. */
export interface StreamRecordIdentity {
  readonly type?: string | undefined;
  readonly principalId?: string | undefined;
  readonly Type?: string | undefined;
  readonly PrincipalId?: string | undefined;
}

/** The fields of a stream record this module reads (Lambda or Streams API shape). */
export interface StreamRecordLike {
  readonly eventName?: string | undefined;
  readonly userIdentity?: StreamRecordIdentity | null | undefined;
}

/**
 * `insert` / `modify` / `remove` for user writes; `expire` for a delete made by
 * DynamoDB's TTL process; `unknown` for anything else — including DynamoDB
 * Local's TTL records, which arrive as `UNKNOWN_TO_SDK_VERSION` without an
 * identity and are deliberately not guessed at.
 */
export type RecordKind = 'insert' | 'modify' | 'remove' | 'expire' | 'unknown';

const TTL_PRINCIPAL = 'dynamodb.amazonaws.com';

/** True only for AWS's TTL deletions: `REMOVE` by the `Service` principal `dynamodb.amazonaws.com`. */
export function isTtlDeletion(record: StreamRecordLike): boolean {
  if (record.eventName !== 'REMOVE') return false;
  const id = record.userIdentity;
  if (!id) return false;
  return (id.type ?? id.Type) === 'Service' && (id.principalId ?? id.PrincipalId) === TTL_PRINCIPAL;
}

/** Classifies a stream record. */
export function recordKind(record: StreamRecordLike): RecordKind {
  switch (record.eventName) {
    case 'INSERT':
      return 'insert';
    case 'MODIFY':
      return 'modify';
    case 'REMOVE':
      return isTtlDeletion(record) ? 'expire' : 'remove';
    default:
      return 'unknown';
  }
}
