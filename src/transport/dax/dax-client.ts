import type { OperationMap, OperationName } from '../transport.js';

/**
 * The data-plane methods of the SDK v3 DAX client (`Dax` from
 * `@amazon-dax-sdk/client-dax`), typed structurally so tablewright never
 * imports the package: DAX has no `send(command)` and no middleware, only
 * these methods, each taking the DynamoDB input and resolving with its output.
 */
export interface DaxClientLike {
  /** `GetItem`. */
  getItem(input: OperationMap['GetItem'][0]): Promise<unknown>;
  /** `PutItem`. */
  putItem(input: OperationMap['PutItem'][0]): Promise<unknown>;
  /** `UpdateItem`. */
  updateItem(input: OperationMap['UpdateItem'][0]): Promise<unknown>;
  /** `DeleteItem`. */
  deleteItem(input: OperationMap['DeleteItem'][0]): Promise<unknown>;
  /** `Query`. */
  query(input: OperationMap['Query'][0]): Promise<unknown>;
  /** `Scan`. */
  scan(input: OperationMap['Scan'][0]): Promise<unknown>;
  /** `BatchGetItem`. */
  batchGetItem(input: OperationMap['BatchGetItem'][0]): Promise<unknown>;
  /** `BatchWriteItem`. */
  batchWriteItem(input: OperationMap['BatchWriteItem'][0]): Promise<unknown>;
  /** `TransactGetItems` (DAX passes it through to DynamoDB). */
  transactGetItems(input: OperationMap['TransactGetItems'][0]): Promise<unknown>;
  /** `TransactWriteItems` (passed through; DAX refreshes the item cache afterwards). */
  transactWriteItems(input: OperationMap['TransactWriteItems'][0]): Promise<unknown>;
}

/** The DAX client method serving each operation. @internal */
export const DAX_METHODS: { readonly [O in OperationName]: keyof DaxClientLike } = {
  GetItem: 'getItem',
  PutItem: 'putItem',
  UpdateItem: 'updateItem',
  DeleteItem: 'deleteItem',
  Query: 'query',
  Scan: 'scan',
  BatchGetItem: 'batchGetItem',
  BatchWriteItem: 'batchWriteItem',
  TransactGetItems: 'transactGetItems',
  TransactWriteItems: 'transactWriteItems',
};
