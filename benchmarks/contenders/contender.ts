import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Target } from '../lib/sdk.js';

export const TABLE = 'bench';

/** How a row reaches DynamoDB in the current mode. */
export interface RowEnv {
  readonly mode: 'stub' | 'canned' | 'local';
  /** For SDK-based rows: the stub (with this row's captured body) or an HTTP endpoint. */
  readonly target: Target;
  /** `http://127.0.0.1:<port>` for canned/local; undefined in stub mode. */
  readonly endpoint: string | undefined;
}

/** A library under test. */
export interface Contender {
  readonly name: string;
  /** SDK-based rows also run in `stub` mode. */
  readonly sdk: boolean;
  /** Rows that read the same stored item share a fixture (and its captured response). */
  readonly fixture: string;
  /** Sets may come back as arrays (library's documented behaviour). */
  readonly setsAsArrays?: boolean;
  /** Writes the item to DynamoDB Local through the library itself; returns its marshalled primary key. */
  seed?(client: DynamoDBClient): Promise<Record<string, AttributeValue>>;
  /** Builds the operation that reads the item by its key attributes. */
  make(env: RowEnv): Promise<() => Promise<unknown>>;
}

/** The key attributes every row reads by. */
export const KEY = { orgId: 'acme', userId: 'u-0001' } as const;
