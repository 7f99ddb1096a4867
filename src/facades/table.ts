import { Entity, type EntityConfig } from './entity.js';
import type { AnyObjectSchema, AttributeOf, EntityKeys, UndeclaredIndexKeys, WriteRulesOf } from '../model/entity-types.js';
import type { VersionConfig } from '../extensions/versioning/versioning.js';
import type { TimestampsConfig } from '../extensions/timestamps/timestamps.js';
import { batchGet, type BatchGetOptions, type BatchGetResult } from '../actions/batch-get/batch-get.js';
import { batchWrite, type BatchWriteOptions, type BatchWriteResult } from '../actions/batch-write/batch-write.js';
import type { GetOperation, GetResults } from '../request/get-operation.js';
import type { WriteOperation } from '../request/write-operation.js';
import type { TransactionParticipant } from '../request/transaction-participant.js';
import { transactGet, type TransactGetOptions } from '../actions/transact-get/transact-get.js';
import { transactWrite, type TransactWriteOptions, type TransactWriteResult } from '../actions/transact-write/transact-write.js';
import { Collection, type CollectionEntities, type SamePartitionTemplate } from './collection.js';
import type { Page } from '../request/read-request.js';
import {
  parallelScan,
  scanPage,
  scanPages,
  type ParallelScanOptions,
  type ScanBatch,
  type ScanOptions,
  type ScanReader,
} from '../actions/scan/scan.js';
import { TableCore } from './table-core.js';
import { loadOnFirstUse } from '../runtime/load-on-first-use.js';
import type { EnsureResult, TableStatusReport, WaitOptions } from '../table/table-lifecycle.js';

// The control plane is loaded on first use: most programs never create or
// describe a table at run time, and every byte of the entry is compiled at import.
const lifecycle = () => loadOnFirstUse('the table lifecycle', () => import('../table/table-lifecycle.js'));

/**
 * A DynamoDB table declaration: keys, indexes, capacity, TTL, stream. Entities
 * are defined on it with {@link Table.entity}.
 *
 * @typeParam I - names of the table's secondary indexes
 *
 * @example
 * ```ts
 * const table = new Table({
 *   name: 'app', client, partitionKey: 'pk', sortKey: 'sk',
 *   indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } },
 * });
 * await table.ensure();
 * ```
 */
export class Table<I extends string = string> extends TableCore<I> {
  /**
   * Defines an entity stored in this table.
   *
   * @example
   * ```ts
   * const User = table.entity('User', {
   *   schema: z.object({ orgId: z.string(), userId: z.string(), email: z.string() }),
   *   keys: { primary: { pk: ['ORG', 'orgId'], sk: ['USER', 'userId'] } },
   * });
   * ```
   */
  override entity<
    const Name extends string,
    S extends AnyObjectSchema,
    const K extends EntityKeys<AttributeOf<S>, I>,
    const V extends VersionConfig | undefined = undefined,
    const T extends TimestampsConfig | undefined = undefined,
  >(
    name: Name,
    config: EntityConfig<S, K> & {
      readonly keys: UndeclaredIndexKeys<K, I>;
      readonly version?: V;
      readonly timestamps?: T;
    },
  ): Entity<Name, S, K, WriteRulesOf<V, T>> {
    return new Entity<Name, S, K, WriteRulesOf<V, T>>(this.model, name, config);
  }

  /** Creates the table and waits until it (and its indexes) are ACTIVE; enables TTL if declared. */
  create(options?: WaitOptions): Promise<void> {
    return lifecycle().then((m) => m.createTable(this.model, options));
  }

  /** Creates the table if missing; otherwise adds missing GSIs, enables TTL and streams. Idempotent. */
  ensure(options?: WaitOptions): Promise<EnsureResult> {
    return lifecycle().then((m) => m.ensureTable(this.model, options));
  }

  /** Reports whether the table exists and how it differs from this declaration. */
  describe(): Promise<TableStatusReport> {
    return lifecycle().then((m) => m.describeTable(this.model));
  }

  /** Waits until the table and every GSI are ACTIVE. */
  waitUntilActive(options?: WaitOptions): Promise<void> {
    return lifecycle().then((m) => m.waitForActive(this.model, options)).then(() => undefined);
  }

  /** Deletes the table. */
  delete(): Promise<void> {
    return lifecycle().then((m) => m.deleteTable(this.model));
  }

  // transactions and batch: the same as the free functions, which
  // also accept operations on several tables of one client.

  /** {@link transactWrite}: up to 100 operations, atomically. */
  transactWrite(ops: readonly TransactionParticipant[], options?: TransactWriteOptions): Promise<TransactWriteResult> {
    return transactWrite(ops, options);
  }

  /** {@link transactGet}: a typed tuple in input order, `undefined` for missing items. */
  transactGet<const Ops extends readonly GetOperation[]>(ops: Ops, options?: TransactGetOptions): Promise<GetResults<Ops>> {
    return transactGet(ops, options);
  }

  /** {@link batchGet}: any number of keys, chunked and retried; items in input order. */
  batchGet<const Ops extends readonly GetOperation[]>(
    ops: Ops,
    options: BatchGetOptions & { readonly returnUnprocessed: true },
  ): Promise<BatchGetResult<GetResults<Ops>>>;
  batchGet<const Ops extends readonly GetOperation[]>(ops: Ops, options?: BatchGetOptions): Promise<GetResults<Ops>>;
  batchGet(ops: readonly GetOperation[], options?: BatchGetOptions): Promise<unknown> {
    return batchGet(ops, options);
  }

  /** {@link batchWrite}: any number of puts/deletes, chunked, concurrent and retried. */
  batchWrite(ops: readonly WriteOperation[], options?: BatchWriteOptions): Promise<BatchWriteResult> {
    return batchWrite(ops, options);
  }

  // collections and table scans

  /**
   * Groups entities that share a partition on `index` (default the primary
   * key) so one query returns all of them, grouped and typed.
   * Members whose partition-key templates differ are a compile error (and a
   * `ConfigurationError` at run time, which also compares attribute kinds).
   */
  collection<const E extends CollectionEntities, const Ix extends I | 'primary' = 'primary'>(
    entities: E & SamePartitionTemplate<E, Ix>,
    options?: { readonly index?: Ix | undefined },
  ): Collection<E, Ix> {
    return new Collection<E, Ix>(this.model, entities, (options?.index ?? 'primary') as Ix);
  }

  /** One page of a scan over the whole table (or `options.index`); items are raw (keys and bookkeeping included). */
  scan(options?: ScanOptions<Record<string, unknown>>): Promise<Page<Record<string, unknown>>> {
    return scanPage(this.scanReader(), options as ScanOptions<unknown>) as Promise<Page<Record<string, unknown>>>;
  }

  /** Every page of a table scan. */
  scanPages(options?: ScanOptions<Record<string, unknown>>): AsyncGenerator<Page<Record<string, unknown>>> {
    return scanPages(this.scanReader(), options as ScanOptions<unknown>) as AsyncGenerator<Page<Record<string, unknown>>>;
  }

  /** Parallel scan of every item of the table (raw), with bounded concurrency and progress; for backfills. */
  parallelScan(options: ParallelScanOptions<Record<string, unknown>>): AsyncGenerator<ScanBatch<Record<string, unknown>>> {
    return parallelScan(this.scanReader(), options as ParallelScanOptions<unknown>) as AsyncGenerator<ScanBatch<Record<string, unknown>>>;
  }

  private scanReader(): ScanReader {
    return { table: this.model, name: '*', entity: undefined };
  }
}
