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
  readonly abortSignal?: AbortSignal;
}

/**
 * How requests reach DynamoDB. The default sends SDK commands through the
 * user's client (`client.send`), so every middleware they added still runs.
 */
export interface Transport {
  send<O extends OperationName>(operation: O, input: OperationMap[O][0], options?: SendOptions): Promise<OperationMap[O][1]>;
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
      return client.send(new Command(input), options) as never;
    },
  };
}
