/**
 * The faults the proxy can inject, and the AWS JSON error bodies it answers
 * with. Bodies follow the documented error format (`__type`, `message`), so
 * the SDK and the direct transport parse them into the SDK's own exception
 * classes and retry them as they would in AWS.
 */

/** One kind of fault. */
export type FaultKind =
  /** HTTP 400 `ThrottlingException`. Nothing is applied. */
  | 'throttling'
  /** HTTP 400 `ProvisionedThroughputExceededException`. Nothing is applied. */
  | 'provisioned-throughput'
  /** HTTP 500 `InternalServerError`. Nothing is applied. */
  | 'internal-error'
  /** HTTP 503 `ServiceUnavailableException`. Nothing is applied. */
  | 'unavailable'
  /** The connection is reset before the request reaches DynamoDB Local. Nothing is applied. */
  | 'reset-before'
  /** The request is applied by DynamoDB Local, then the connection is reset: the response is lost. */
  | 'reset-after'
  /** The request is delayed (see `latencyMs`), then forwarded normally. */
  | 'latency'
  /**
   * BatchWriteItem / BatchGetItem only: a share of the items or keys (see
   * `partialBatchShare`) is handed back as `UnprocessedItems` / `UnprocessedKeys`
   * without being applied; the rest is forwarded. When nothing would be
   * forwarded, the call fails with `ProvisionedThroughputExceededException`, as AWS does.
   */
  | 'partial-batch'
  /**
   * Writes only: TransactWriteItems is cancelled with a `TransactionConflict`
   * reason on one action (`None` on the others); single-item writes fail with
   * `TransactionConflictException`. Nothing is applied. Never injected into
   * the replay of a transaction whose `ClientRequestToken` was applied:
   * DynamoDB answers such a replay from its idempotency record.
   */
  | 'transaction-conflict';

/** Every fault kind, in the order rates are drawn. */
export const FAULT_KINDS: readonly FaultKind[] = [
  'throttling',
  'provisioned-throughput',
  'internal-error',
  'unavailable',
  'reset-before',
  'reset-after',
  'latency',
  'partial-batch',
  'transaction-conflict',
];

const BATCH = new Set(['BatchWriteItem', 'BatchGetItem']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems']);

/** Whether `kind` can happen to `operation` (a partial batch needs a batch, a conflict a write). */
export function appliesTo(kind: FaultKind, operation: string): boolean {
  if (kind === 'partial-batch') return BATCH.has(operation);
  if (kind === 'transaction-conflict') return WRITES.has(operation);
  return true;
}

/** An error answer: HTTP status and JSON body. */
export interface ErrorAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

const DYNAMODB = 'com.amazonaws.dynamodb.v20120810#';

/** The answer of a fault that replies with an error without forwarding. */
export function errorAnswer(kind: 'throttling' | 'provisioned-throughput' | 'internal-error' | 'unavailable'): ErrorAnswer {
  switch (kind) {
    case 'throttling':
      return { status: 400, body: { __type: 'com.amazon.coral.availability#ThrottlingException', message: 'Rate of requests exceeds the allowed throughput.' } };
    case 'provisioned-throughput':
      return provisionedThroughputExceeded();
    case 'internal-error':
      return { status: 500, body: { __type: `${DYNAMODB}InternalServerError`, message: 'Internal server error' } };
    case 'unavailable':
      return { status: 503, body: { __type: 'com.amazon.coral.availability#ServiceUnavailableException', message: 'Service Unavailable' } };
  }
}

/** `ProvisionedThroughputExceededException` (also what a batch with nothing processed fails with). */
export function provisionedThroughputExceeded(): ErrorAnswer {
  return {
    status: 400,
    body: {
      __type: `${DYNAMODB}ProvisionedThroughputExceededException`,
      message: 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
    },
  };
}

/** A write conflicting with a transaction in progress (API reference, TransactWriteItems / PutItem errors). */
export function transactionConflict(operation: string, body: Record<string, unknown>, pick: number): ErrorAnswer {
  if (operation !== 'TransactWriteItems') {
    return { status: 400, body: { __type: `${DYNAMODB}TransactionConflictException`, message: 'Transaction is ongoing for the item' } };
  }
  const actions = Array.isArray(body.TransactItems) ? body.TransactItems.length : 1;
  const conflicted = Math.min(actions - 1, Math.floor(pick * actions));
  const reasons = Array.from({ length: actions }, (_, i) =>
    i === conflicted ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' } : { Code: 'None' },
  );
  return {
    status: 400,
    body: {
      __type: `${DYNAMODB}TransactionCanceledException`,
      message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      CancellationReasons: reasons,
    },
  };
}
