import { createRequire } from 'node:module';
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { Dax } from '@amazon-dax-sdk/client-dax';

/**
 * TEST DOUBLE (DAX runs only inside a VPC; nothing local serves it).
 *
 * A DAX cluster of one node, serving DAX's documented behaviour
 * (../shared/docs/dynamodb-facts.md §7) over DynamoDB Local, with the REAL
 * `Dax` class from `@amazon-dax-sdk/client-dax` in front of it: `Dax`'s
 * constructor takes an injected cluster object as its second argument, whose
 * read/leader clients expose the data-plane method names; this double is that
 * cluster, so the real client's method dispatch, retries (throttling with
 * jittered backoff, connection errors), `send`/middleware refusals and error
 * classes all run.
 *
 * - Item cache (GetItem, BatchGetItem, eventually consistent), keyed by table,
 *   primary key and projection, with `recordTtlMs` (0 = no time expiry).
 *   Negative caching: "not found" is cached too.
 * - Query cache (Query, Scan, eventually consistent), keyed by the full
 *   request, with `queryTtlMs` (0 = not cached). Writes never refresh it.
 * - Writes through DAX go to DynamoDB, then refresh the item cache of the
 *   written keys only (write-through). TransactWriteItems passes through, then
 *   the written keys are re-read into the item cache (DAX's background TransactGetItems).
 * - `ConsistentRead: true` and TransactGetItems pass through, uncached.
 * - A failed condition comes back without the item (the DAX client does not
 *   send `ReturnValuesOnConditionCheckFailure` for single-item writes);
 *   cancellation reasons keep theirs (`Item: null` when none).
 * - Errors are `DaxServiceError`s: the AWS name in `code`, `retryable`,
 *   `cancellationReasons`; `throttle(n)` and `unreachable()` inject failures.
 */

const require = createRequire(import.meta.url);
type DaxError = Error & { code: string; retryable: boolean };
const DaxServiceError = require('@amazon-dax-sdk/client-dax/src/DaxServiceError') as new (
  message: string,
  code: string,
  retryable: boolean | undefined,
  requestId: string | null,
  statusCode: number,
  codeSeq: number[],
  cancellationReasons?: unknown[],
) => DaxError;
const DaxClientError = require('@amazon-dax-sdk/client-dax/src/DaxClientError') as new (message: string, code: string, retryable: boolean) => DaxError;

// The server's error code sequences (DaxServiceError._pickError reads them).
const CODE_SEQ: Record<string, number[]> = {
  ProvisionedThroughputExceededException: [4, 37, 38, 39, 40],
  ResourceNotFoundException: [4, 37, 38, 39, 41],
  ConditionalCheckFailedException: [4, 37, 38, 39, 43],
  ValidationException: [4, 37, 38, 39, 46],
  InternalServerError: [4, 37, 38, 39, 47],
  LimitExceededException: [4, 37, 38, 39, 49],
  ThrottlingException: [4, 37, 38, 39, 50],
  TransactionCanceledException: [4, 37, 38, 39, 58],
  RequestLimitExceeded: [4, 37, 38, 39, 61],
};

type Item = Record<string, AttributeValue>;
type Params = Record<string, any>;
interface Entry<T> {
  readonly value: T;
  readonly expires: number;
}

/** What the double served, for assertions. */
export interface DaxDoubleStats {
  itemHits: number;
  itemMisses: number;
  queryHits: number;
  queryMisses: number;
  /** Requests passed through to DynamoDB uncached (strong reads, transactions). */
  passThrough: number;
  /** Every method called on the node, in order. */
  readonly calls: string[];
}

/** Options of {@link DaxClusterDouble}. */
export interface DaxDoubleOptions {
  /** Item cache TTL (`record-ttl-millis`). Default 300,000; 0 = no time expiry. */
  readonly recordTtlMs?: number;
  /** Query cache TTL (`query-ttl-millis`). Default 300,000; 0 = not cached. */
  readonly queryTtlMs?: number;
  /** Clock in ms. Default `Date.now`. */
  readonly clock?: () => number;
}

/** A one-node DAX cluster over DynamoDB Local; `client()` gives the real `Dax` in front of it. */
export class DaxClusterDouble {
  readonly stats: DaxDoubleStats = { itemHits: 0, itemMisses: 0, queryHits: 0, queryMisses: 0, passThrough: 0, calls: [] };
  readonly #ddb: DynamoDBClient;
  readonly #recordTtl: number;
  readonly #queryTtl: number;
  readonly #clock: () => number;
  readonly #items = new Map<string, Map<string, Entry<Item | null>>>();
  readonly #queries = new Map<string, Entry<unknown>>();
  readonly #keySchemas = new Map<string, Promise<string[]>>();
  #throttles = 0;
  #down = false;

  constructor(ddb: DynamoDBClient, options: DaxDoubleOptions = {}) {
    this.#ddb = ddb;
    this.#recordTtl = options.recordTtlMs ?? 300_000;
    this.#queryTtl = options.queryTtlMs ?? 300_000;
    this.#clock = options.clock ?? Date.now;
  }

  /** The real DAX client, wired to this cluster (`maxRetries` default 1, as the client's). */
  client(config: { maxRetries?: number } = {}): Dax {
    const node = this.#node();
    const cluster = {
      _leaderSessionId: 'double',
      startup() {},
      close() {},
      startupComplete: () => true,
      readClient: () => node,
      leaderClient: () => node,
      waitForRecovery: () => Promise.resolve(),
      waitForRoutesRebuilt: () => Promise.resolve(),
    };
    const DaxClass = Dax as unknown as new (config: object, cluster: object) => Dax;
    return new DaxClass({ region: 'us-east-1', endpoints: ['dax://double.local'], ...config }, cluster);
  }

  /** The next `n` requests fail with `ThrottlingException` (retryable: the client backs off and retries). */
  throttle(n: number): void {
    this.#throttles = n;
  }

  /** While `true`, every request fails with a `ConnectionException` (node unreachable). */
  unreachable(down = true): void {
    this.#down = down;
  }

  /** Drops both caches (a cluster restart). */
  flush(): void {
    this.#items.clear();
    this.#queries.clear();
  }

  #node() {
    const serve = (method: string, fn: (p: Params) => Promise<unknown>) => async (params: Params) => {
      this.stats.calls.push(method);
      if (this.#down) throw new DaxClientError('connect ECONNREFUSED double.local:8111', 'ConnectionException', true);
      if (this.#throttles > 0) {
        this.#throttles--;
        throw new DaxServiceError('Rate of requests exceeds the allowed throughput.', 'ThrottlingException', undefined, null, 400, CODE_SEQ.ThrottlingException!);
      }
      try {
        return await fn(params);
      } catch (error) {
        throw toDaxError(error);
      }
    };
    return {
      getItem: serve('getItem', (p) => this.#getItem(p)),
      batchGetItem: serve('batchGetItem', (p) => this.#batchGetItem(p)),
      query: serve('query', (p) => this.#cachedRead('query', p, () => this.#ddb.send(new QueryCommand(p as never)))),
      scan: serve('scan', (p) => this.#cachedRead('scan', p, () => this.#ddb.send(new ScanCommand(p as never)))),
      putItem: serve('putItem', (p) => this.#write(p, () => this.#ddb.send(new PutItemCommand(withoutItemOnFailure(p) as never)))),
      updateItem: serve('updateItem', (p) => this.#write(p, () => this.#ddb.send(new UpdateItemCommand(withoutItemOnFailure(p) as never)))),
      deleteItem: serve('deleteItem', (p) => this.#write(p, () => this.#ddb.send(new DeleteItemCommand(withoutItemOnFailure(p) as never)))),
      batchWriteItem: serve('batchWriteItem', (p) => this.#batchWriteItem(p)),
      transactGetItems: serve('transactGetItems', (p) => {
        this.stats.passThrough++;
        return this.#ddb.send(new TransactGetItemsCommand(p as never));
      }),
      transactWriteItems: serve('transactWriteItems', (p) => this.#transactWriteItems(p)),
    };
  }

  async #getItem(p: Params): Promise<unknown> {
    if (p.ConsistentRead) {
      this.stats.passThrough++;
      return strip(await this.#ddb.send(new GetItemCommand(p as never)));
    }
    const item = await this.#cachedItem(p.TableName, p.Key, p);
    return item ? { Item: structuredClone(item) } : {};
  }

  async #batchGetItem(p: Params): Promise<unknown> {
    const Responses: Record<string, Item[]> = {};
    for (const [table, request] of Object.entries<Params>(p.RequestItems)) {
      Responses[table] = [];
      for (const Key of request.Keys as Item[]) {
        const get = { TableName: table, Key, ProjectionExpression: request.ProjectionExpression, ExpressionAttributeNames: request.ExpressionAttributeNames };
        const item = request.ConsistentRead
          ? (this.stats.passThrough++, (await this.#ddb.send(new GetItemCommand({ ...get, ConsistentRead: true }))).Item)
          : await this.#cachedItem(table, Key, get);
        if (item) Responses[table].push(structuredClone(item));
      }
    }
    return { Responses, UnprocessedKeys: {} };
  }

  async #cachedItem(table: string, key: Item, get: Params): Promise<Item | null> {
    const entries = this.#items.get(await this.#keyId(table, key));
    const projection = projectionId(get);
    const hit = entries?.get(projection);
    if (hit && (hit.expires === 0 || hit.expires > this.#clock())) {
      this.stats.itemHits++;
      return hit.value;
    }
    this.stats.itemMisses++;
    const { Item } = await this.#ddb.send(new GetItemCommand({ TableName: table, Key: key, ProjectionExpression: get.ProjectionExpression, ExpressionAttributeNames: get.ExpressionAttributeNames }));
    await this.#storeItem(table, key, Item ?? null, projection, false);
    return Item ?? null;
  }

  async #cachedRead(method: string, p: Params, read: () => Promise<unknown>): Promise<unknown> {
    if (p.ConsistentRead) {
      this.stats.passThrough++;
      return strip(await read());
    }
    const id = `${method}:${JSON.stringify(p)}`;
    const hit = this.#queries.get(id);
    if (hit && hit.expires > this.#clock()) {
      this.stats.queryHits++;
      return structuredClone(hit.value);
    }
    this.stats.queryMisses++;
    const output = strip(await read());
    if (this.#queryTtl > 0) this.#queries.set(id, { value: structuredClone(output), expires: this.#clock() + this.#queryTtl });
    return output;
  }

  async #write(p: Params, write: () => Promise<unknown>): Promise<unknown> {
    const output = strip(await write());
    await this.#refresh(p.TableName, p.Key ?? p.Item, p.Item && !p.Key ? p.Item : undefined);
    return output;
  }

  async #batchWriteItem(p: Params): Promise<unknown> {
    const output = strip(await this.#ddb.send(new BatchWriteItemCommand(p as never))) as { UnprocessedItems?: Record<string, Params[]> };
    for (const [table, requests] of Object.entries<Params[]>(p.RequestItems)) {
      const unprocessed = new Set((output.UnprocessedItems?.[table] ?? []).map((r) => JSON.stringify(r)));
      for (const r of requests) {
        if (unprocessed.has(JSON.stringify(r))) continue;
        if (r.PutRequest) await this.#refresh(table, r.PutRequest.Item, r.PutRequest.Item);
        else await this.#refresh(table, r.DeleteRequest.Key, undefined, true);
      }
    }
    return output;
  }

  async #transactWriteItems(p: Params): Promise<unknown> {
    this.stats.passThrough++;
    const output = strip(await this.#ddb.send(new TransactWriteItemsCommand(p as never)));
    for (const action of p.TransactItems as Params[]) {
      const a = action.Put ?? action.Update ?? action.Delete;
      if (a) await this.#refresh(a.TableName, a.Key ?? a.Item);
    }
    return output;
  }

  /** Write-through: the item cache of this key holds the written item (or "not found"); the query cache is untouched. */
  async #refresh(table: string, keyOrItem: Item, written?: Item, deleted = false): Promise<void> {
    const key = await this.#keyOf(table, keyOrItem);
    let item: Item | null;
    if (deleted) item = null;
    else if (written) item = written;
    else item = (await this.#ddb.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item ?? null;
    await this.#storeItem(table, key, item, '', true);
  }

  async #storeItem(table: string, key: Item, item: Item | null, projection: string, replace: boolean): Promise<void> {
    const id = await this.#keyId(table, key);
    let entries = this.#items.get(id);
    if (!entries || replace) this.#items.set(id, (entries = new Map()));
    entries.set(projection, { value: item && structuredClone(item), expires: this.#recordTtl === 0 ? 0 : this.#clock() + this.#recordTtl });
  }

  async #keyOf(table: string, item: Item): Promise<Item> {
    const names = await this.#keyNames(table);
    return Object.fromEntries(names.map((n) => [n, item[n]!]));
  }

  async #keyId(table: string, keyOrItem: Item): Promise<string> {
    const key = await this.#keyOf(table, keyOrItem);
    return `${table}\u0000${JSON.stringify(key)}`;
  }

  #keyNames(table: string): Promise<string[]> {
    let names = this.#keySchemas.get(table);
    if (!names) {
      names = this.#ddb.send(new DescribeTableCommand({ TableName: table })).then((d) => (d.Table?.KeySchema ?? []).map((k) => k.AttributeName!));
      names.catch(() => this.#keySchemas.delete(table));
      this.#keySchemas.set(table, names);
    }
    return names;
  }
}

/** DAX does not pass single-item `ReturnValuesOnConditionCheckFailure` on. */
function withoutItemOnFailure(p: Params): Params {
  const { ReturnValuesOnConditionCheckFailure: _, ...rest } = p;
  return rest;
}

function projectionId(p: Params): string {
  return p.ProjectionExpression ? JSON.stringify([p.ProjectionExpression, p.ExpressionAttributeNames]) : '';
}

/** DAX outputs carry no SDK `$metadata`. */
function strip(output: unknown): unknown {
  const { $metadata: _, ...rest } = output as Record<string, unknown>;
  return rest;
}

function toDaxError(error: unknown): Error {
  const e = error as { name?: string; message?: string; CancellationReasons?: { Code?: string; Message?: string; Item?: Item }[] };
  const code = e?.name ?? 'InternalServerError';
  const reasons = e?.CancellationReasons?.map((r) => ({ Code: r.Code, Message: r.Message ?? null, Item: r.Item ?? null }));
  return new DaxServiceError(e?.message ?? String(error), code, undefined, null, 400, CODE_SEQ[code] ?? [4, 37, 38], reasons);
}
