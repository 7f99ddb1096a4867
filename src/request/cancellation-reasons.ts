import type { CancellationReason as SdkReason } from '@aws-sdk/client-dynamodb';
import { DynamoDBError, IdempotencyError, TransactionCanceledError, type CancellationReason } from '../errors.js';
import type { ParticipantReason } from './transaction-participant.js';

/** What a cancelled action is asked about its reason. @internal */
export interface ReasonReader {
  readonly kind: string;
  readonly entity: string;
  readonly key: Readonly<Record<string, unknown>>;
  interpretCancellation(reason: SdkReason): ParticipantReason;
}

/**
 * Turns DynamoDB's `CancellationReasons` (one per action, in request order,
 * `Item` still marshalled even through the DocumentClient) into typed reasons
 * in input order, each read by its own participant.
 * @internal
 */
export function toCancellationReasons(ops: readonly ReasonReader[], reasons: readonly SdkReason[] | undefined): CancellationReason[] {
  return ops.map((op, index) => {
    const reason = reasons?.[index] ?? {};
    const { item, stored, versionConflict, hint } = op.interpretCancellation(reason);
    const code = reason.Code ?? 'Unknown';
    return { index, kind: op.kind, entity: op.entity, key: op.key, code, message: hint ?? reason.Message, hint, item, stored, versionConflict };
  });
}

/** Refines a transaction's mapped error: a cancellation gets one reason per action, read by its participant. @internal */
export function mapTransactionError(error: unknown, ops: readonly ReasonReader[], token: string | undefined): unknown {
  if (!(error instanceof DynamoDBError)) return error;
  const sdk = error.cause as { CancellationReasons?: readonly SdkReason[] } | undefined;
  if (error.code === 'TransactionCanceledException') {
    return new TransactionCanceledError(toCancellationReasons(ops, sdk?.CancellationReasons), { cause: error.cause });
  }
  if (error.code === 'IdempotentParameterMismatchException') return new IdempotencyError(token, { cause: error.cause });
  return error;
}
