import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type BatchGetItemCommandInput,
  type BatchGetItemCommandOutput,
  type BatchWriteItemCommandInput,
  type BatchWriteItemCommandOutput,
  type DeleteItemCommandInput,
  type DeleteItemCommandOutput,
  type DynamoDBClient,
  type GetItemCommandInput,
  type GetItemCommandOutput,
  type PutItemCommandInput,
  type PutItemCommandOutput,
  type QueryCommandInput,
  type QueryCommandOutput,
  type ScanCommandInput,
  type ScanCommandOutput,
  type TransactGetItemsCommandInput,
  type TransactGetItemsCommandOutput,
  type TransactWriteItemsCommandInput,
  type TransactWriteItemsCommandOutput,
  type UpdateItemCommandInput,
  type UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';

/** The data-plane operations tablewright sends, with their SDK input/output shapes. */
export interface OperationMap {
  GetItem: [GetItemCommandInput, GetItemCommandOutput];
  PutItem: [PutItemCommandInput, PutItemCommandOutput];
  UpdateItem: [UpdateItemCommandInput, UpdateItemCommandOutput];
  DeleteItem: [DeleteItemCommandInput, DeleteItemCommandOutput];
  Query: [QueryCommandInput, QueryCommandOutput];
  Scan: [ScanCommandInput, ScanCommandOutput];
  BatchGetItem: [BatchGetItemCommandInput, BatchGetItemCommandOutput];
  BatchWriteItem: [BatchWriteItemCommandInput, BatchWriteItemCommandOutput];
  TransactGetItems: [TransactGetItemsCommandInput, TransactGetItemsCommandOutput];
  TransactWriteItems: [TransactWriteItemsCommandInput, TransactWriteItemsCommandOutput];
}

/** Name of a data-plane operation. */
export type OperationName = keyof OperationMap;

/** Per-call transport options. */
export interface SendOptions {
  /** Abort the request (the promise then rejects with the SDK's `AbortError`). */
  readonly abortSignal?: AbortSignal;
  /**
   * Per-call back end for transports that route between several (the DAX
   * router reads `'dax'` / `'dynamodb'`); every other transport ignores it.
   */
  readonly route?: 'dax' | 'dynamodb';
  /**
   * Writes only: the table's Region-stamp attribute (`writeRegionAttribute`).
   * A transport that sends to several Regions (`regionRouter`) sets it, in
   * each attempt's request, to the Region that attempt goes to; every other
   * transport ignores it.
   */
  readonly regionAttribute?: string;
  /**
   * Present only while someone observes the table's requests: a routing
   * transport writes the back end (`path`) and Region it sent the call to,
   * for the request event. Transports that route nothing ignore it; a router
   * wrapping others passes it on.
   */
  readonly observation?: RequestObservation;
}

/** Where a routing transport sent a call, filled in for the request event. */
export interface RequestObservation {
  /** The back end that served the call (DAX routers); unset means DynamoDB. */
  path?: 'dax' | 'dynamodb';
  /** The Region it went to (Region routers; the last one tried on failover). */
  region?: string;
}

/**
 * What a transport can and cannot do. Every flag is optional and defaults to
 * what DynamoDB itself does, so the SDK and direct transports declare nothing.
 */
export interface TransportCapabilities {
  /**
   * `false` when a failed condition comes back without the stored item even
   * though the request asked for `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`
   * (DAX ignores that parameter). tablewright then cannot tell its own earlier
   * success (write token) or a version conflict from a failed condition, and
   * reports such guarded writes as `WriteOutcomeUnknownError` instead of
   * guessing. Default `true`.
   */
  readonly returnsItemOnConditionFailure?: boolean;
  /**
   * `true` when every conditional write (version-locked writes included) is
   * sent to its item's home Region and never failed over (a `regionRouter`
   * with its default pin policy). Lets `version` be used on an entity of a
   * table declared with `replicas`. Default `false`.
   */
  readonly pinsConditionalWrites?: boolean;
}

/**
 * How requests reach DynamoDB: the port every data-plane request goes
 * through. The default ({@link sdkTransport}) sends SDK commands through the
 * user's client (`client.send`), so every middleware they added still runs;
 * {@link directTransport}, a DAX or a per-Region router are other
 * implementations. An implementation must keep the SDK's shapes both ways,
 * because tablewright reads them as DynamoDB defines them.
 */
export interface Transport {
  /**
   * Sends one request.
   *
   * Resolves with the SDK output of `operation` (`GetItemCommandOutput`, …):
   * `Item`/`Items`/`Attributes`/`Responses` as marshalled AttributeValues,
   * `LastEvaluatedKey`, `UnprocessedKeys`/`UnprocessedItems`, `Count`.
   *
   * Rejects with an SDK-shaped error: `name` is DynamoDB's exception name
   * (`ConditionalCheckFailedException`, `TransactionCanceledException`,
   * `ResourceNotFoundException`, `ValidationException`, throttling names …)
   * and `message` its message; a `ConditionalCheckFailedException` carries the
   * stored `Item` (marshalled) when the request asked for `ALL_OLD` and the
   * item exists; a `TransactionCanceledException` carries `CancellationReasons`
   * (one per action, in request order, each `{ Code, Message?, Item? }`);
   * `$retryable` (truthy) marks errors worth resending; network errors keep
   * their `code` (`ECONNRESET` …). A transport that cannot return items on
   * failed conditions says so in {@link Transport.capabilities}.
   */
  send<O extends OperationName>(operation: O, input: OperationMap[O][0], options?: SendOptions): Promise<OperationMap[O][1]>;
  /** What this transport cannot do; omitted means "everything DynamoDB does". */
  readonly capabilities?: TransportCapabilities;
}

/** Whether a transport returns the stored item with a failed condition (DAX does not). @internal */
export function returnsItemOnConditionFailure(transport: Transport): boolean {
  return transport.capabilities?.returnsItemOnConditionFailure !== false;
}

const COMMANDS = {
  GetItem: GetItemCommand,
  PutItem: PutItemCommand,
  UpdateItem: UpdateItemCommand,
  DeleteItem: DeleteItemCommand,
  Query: QueryCommand,
  Scan: ScanCommand,
  BatchGetItem: BatchGetItemCommand,
  BatchWriteItem: BatchWriteItemCommand,
  TransactGetItems: TransactGetItemsCommand,
  TransactWriteItems: TransactWriteItemsCommand,
} as const;

/** The default transport: `client.send(new XCommand(input))`. */
export function sdkTransport(client: DynamoDBClient): Transport {
  return {
    send(operation, input, options) {
      const Command = COMMANDS[operation] as unknown as new (input: unknown) => Parameters<DynamoDBClient['send']>[0];
      // Only the abort signal is an SDK option; without one, no options object, so a client
      // configured with `cacheMiddleware: true` keeps reusing its resolved middleware stack.
      const abortSignal = options?.abortSignal;
      return (abortSignal ? client.send(new Command(input), { abortSignal }) : client.send(new Command(input))) as never;
    },
  };
}
