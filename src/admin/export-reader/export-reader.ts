import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ConfigurationError } from '../../errors.js';
import { mapToNative, toNative } from '../../marshalling/unmarshall.js';
import { dataFileLines } from './data-file-lines.js';
import { decodeItem, modelOf, type AnyEntity, type EntityItem, type EntityModel } from './decode-item.js';
import { ExportLineError, ExportManifestError, type ExportLineIssue } from './export-errors.js';
import { parseJsonLine, type ExportLine } from './export-line.js';
import { loadIon, parseIonLine } from './ion-line.js';
import type { ExportDataFile, ExportManifest } from './export-manifest.js';
import { mergeBounded } from './merge-bounded.js';

/** Progress of a read, reported after each data file. */
export interface ExportReadProgress {
  /** The data file just finished. */
  readonly file: string;
  /** Data files finished so far. */
  readonly filesDone: number;
  /** Data files to read. */
  readonly filesTotal: number;
  /** Records yielded so far. */
  readonly records: number;
}

/** Options of {@link readExportItems} and {@link readExportChanges}. */
export interface ReadExportOptions<E extends AnyEntity> {
  /** The entities to route items to, by the table's entity-type attribute. */
  readonly entities: readonly E[];
  /**
   * Which data files to read: a subset of `manifest.files` (so several
   * workers can split one export), or a predicate. Default all.
   */
  readonly files?: readonly ExportDataFile[] | ((file: ExportDataFile, index: number) => boolean);
  /** Data files read at once (1–64). Default 4. */
  readonly concurrency?: number;
  /** Compare each data file's MD5 with the manifest. Default true. */
  readonly verifyChecksums?: boolean;
  /**
   * Receives each bad line (file, line number, reason) and reading goes on.
   * Without it the first bad line throws {@link ExportLineError}. Lines are never skipped silently.
   */
  readonly onInvalid?: (issue: ExportLineIssue) => void;
  /** Items whose entity type is none of `entities`: `'error'` (default: an `unknown-entity` issue) or `'skip'`. */
  readonly unknownEntities?: 'error' | 'skip';
  /** Called after each data file. */
  readonly onProgress?: (progress: ExportReadProgress) => void;
}

/** A change record of an incremental export, typed by entity. */
export type ExportChange<E extends AnyEntity> = EntityChange<E> | KeyOnlyRemove;

/**
 * `insert` (new image only), `modify` (both images), `remove`; `upsert` when
 * the export's view is `NEW_IMAGE`, where an insert and an update look the same.
 */
export type ExportChangeKind = 'insert' | 'modify' | 'remove' | 'upsert';

type EntityChange<E> = E extends { readonly name: infer N }
  ? {
      /** What changed: insert, modify, remove or upsert. */
      readonly kind: ExportChangeKind;
      /** The entity name. */
      readonly entity: N;
      /** The item's key attributes, unmarshalled. */
      readonly keys: Record<string, unknown>;
      /** The item after the change. */
      readonly newItem: EntityItem<E>['item'] | undefined;
      /** The item before the change. */
      readonly oldItem: EntityItem<E>['item'] | undefined;
      /** When DynamoDB applied the write (from `WriteTimestampMicros`). */
      readonly writtenAt: Date;
      /** `WriteTimestampMicros` exactly. */
      readonly writtenAtMicros: bigint;
    }
  : never;

/** A delete in a `NEW_IMAGE` export carries keys only, so its entity is unknown. */
export interface KeyOnlyRemove {
  /** What changed: insert, modify, remove or upsert. */
  readonly kind: 'remove';
  /** The entity name. */
  readonly entity: undefined;
  /** The key attributes. */
  readonly keys: Record<string, unknown>;
  /** The item after the change. */
  readonly newItem: undefined;
  /** The item before the change. */
  readonly oldItem: undefined;
  /** When DynamoDB applied the write. */
  readonly writtenAt: Date;
  /** `WriteTimestampMicros` exactly. */
  readonly writtenAtMicros: bigint;
}

/**
 * Streams a FULL export as validated, typed items routed to their entity.
 * Bounded memory (a chunk per running file) and bounded parallelism across
 * data files; a subset of files can be read; checksums are verified; bad
 * lines are reported with file and line (or thrown), never skipped.
 *
 * @example
 * ```ts
 * import { S3Client } from '@aws-sdk/client-s3';
 * import { exportBucket, openExport, readExportItems } from 'tablewright/admin';
 *
 * const Order = table.entity('Order', { schema: z.object({ orgId: z.string(), orderId: z.string(), total: z.number() }), keys: { primary: { pk: ['ORG', 'orgId'], sk: ['ORDER', 'orderId'] } } });
 * const Customer = table.entity('Customer', { schema: z.object({ id: z.string(), name: z.string() }), keys: { primary: { pk: ['CUSTOMER', 'id'], sk: ['CUSTOMER'] } } });
 *
 * const s3 = new S3Client({});
 * const manifest = await openExport(exportBucket({ client: s3, bucket: 'analytics' }), 'orders/AWSDynamoDB/01700000000000-abcd/manifest-summary.json');
 * for await (const { entity, item } of readExportItems(manifest, { entities: [Order, Customer] })) {
 *   if (entity === 'Order') console.log(item.total);
 * }
 * ```
 */
export async function* readExportItems<const E extends AnyEntity>(manifest: ExportManifest, options: ReadExportOptions<E>): AsyncGenerator<EntityItem<E>> {
  if (manifest.type !== 'FULL_EXPORT') throw new ExportManifestError(manifest.summaryKey, 'an incremental export: read it with readExportChanges');
  const router = routerOf(options.entities);
  yield* readLines(manifest, options, (line, where) => {
    const item = (line as Extract<ExportLine, { kind: 'item' }>).item;
    const model = router.route(item, where, options);
    if (!model) return undefined;
    return { entity: model.name, item: decodeItem(model, item) } as EntityItem<E>;
  });
}

/**
 * Streams an INCREMENTAL export as typed change records
 * `{ kind, entity, keys, newItem, oldItem, writtenAt }`, one per item changed
 * in the window (exports are compacted to the net change). Same streaming,
 * subset, checksum and bad-line rules as {@link readExportItems}.
 */
export async function* readExportChanges<const E extends AnyEntity>(manifest: ExportManifest, options: ReadExportOptions<E>): AsyncGenerator<ExportChange<E>> {
  if (manifest.type !== 'INCREMENTAL_EXPORT') throw new ExportManifestError(manifest.summaryKey, 'a full export: read it with readExportItems');
  const router = routerOf(options.entities);
  const newImageView = manifest.summary.outputView === 'NEW_IMAGE';
  yield* readLines(manifest, options, (line, where) => {
    const c = line as Extract<ExportLine, { kind: 'change' }>;
    const keys = mapToNative(c.keys);
    const writtenAt = new Date(Number(c.writtenAtMicros / 1000n));
    const base = { keys, writtenAt, writtenAtMicros: c.writtenAtMicros };
    const image = c.newImage ?? c.oldImage;
    if (!image) return { kind: 'remove', entity: undefined, newItem: undefined, oldItem: undefined, ...base } as ExportChange<E>;
    const model = router.route(image, where, options);
    if (!model) return undefined;
    const kind: ExportChangeKind = !c.newImage ? 'remove' : newImageView ? 'upsert' : c.oldImage ? 'modify' : 'insert';
    return {
      kind,
      /** The entity name. */
      entity: model.name,
      /** The item after the change. */
      newItem: c.newImage && decodeItem(model, c.newImage),
      /** The item before the change. */
      oldItem: c.oldImage && decodeItem(model, c.oldImage),
      ...base,
    } as unknown as ExportChange<E>;
  });
}

type Where = { readonly file: string; readonly line: number };

async function* readLines<T>(
  manifest: ExportManifest,
  options: ReadExportOptions<AnyEntity>,
  toRecord: (line: ExportLine, where: Where) => T | undefined,
): AsyncGenerator<T> {
  const incremental = manifest.type === 'INCREMENTAL_EXPORT';
  const files = selectFiles(manifest, options.files);
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new ConfigurationError(`concurrency must be 1–64, got ${String(concurrency)}`);
  // ion-js is an optional peer: loaded only for an ION export.
  const ion = manifest.summary.outputFormat === 'ION' ? await loadIon() : undefined;
  const parse = ion ? (text: string) => parseIonLine(ion, text, incremental) : (text: string) => parseJsonLine(text, incremental);
  const verify = options.verifyChecksums ?? true;
  const starts = files.map((file) => () => dataFileLines(manifest.source, file, verify));
  let filesDone = 0;
  let records = 0;
  const report = (issue: ExportLineIssue) => {
    if (!options.onInvalid) throw new ExportLineError(issue);
    options.onInvalid(issue);
  };
  for await (const { index, value: batch } of mergeBoundedWithEnd(starts, concurrency, (i) => {
    options.onProgress?.({ file: files[i]!.dataFileS3Key, filesDone: ++filesDone, filesTotal: files.length, records });
  })) {
    const file = files[index]!.dataFileS3Key;
    for (let i = 0; i < batch.lines.length; i++) {
      const where = { file, line: batch.first + i };
      let parsed: ExportLine;
      try {
        parsed = parse(batch.lines[i]!);
      } catch (error) {
        report({ ...where, reason: 'malformed', message: (error as Error).message, cause: error });
        continue;
      }
      let record: T | undefined;
      try {
        record = toRecord(parsed, where);
      } catch (error) {
        if (error instanceof ExportLineError) throw error;
        report({ ...where, reason: 'invalid-item', message: (error as Error).message, cause: error });
        continue;
      }
      if (record === undefined) continue;
      records++;
      yield record;
    }
  }
}

/** {@link mergeBounded} plus a callback when each input ends (for progress). */
async function* mergeBoundedWithEnd<T>(starts: ReadonlyArray<() => AsyncGenerator<T>>, concurrency: number, onEnd: (index: number) => void) {
  const wrapped = starts.map((start, index) => async function* () {
    yield* start();
    onEnd(index);
  });
  yield* mergeBounded(wrapped, concurrency);
}

function selectFiles(manifest: ExportManifest, choice: ReadExportOptions<AnyEntity>['files']): readonly ExportDataFile[] {
  if (choice === undefined) return manifest.files;
  if (typeof choice === 'function') return manifest.files.filter(choice);
  const known = new Set(manifest.files.map((f) => f.dataFileS3Key));
  for (const f of choice) {
    if (!known.has(f?.dataFileS3Key)) throw new ConfigurationError(`files: ${JSON.stringify(f?.dataFileS3Key)} is not a data file of this export`);
  }
  return choice;
}

interface Router {
  route(item: Record<string, AttributeValue>, where: Where, options: ReadExportOptions<AnyEntity>): EntityModel | undefined;
}

function routerOf(entities: readonly AnyEntity[]): Router {
  if (!Array.isArray(entities) || entities.length === 0) throw new ConfigurationError('entities: name at least one entity to read items into');
  const byName = new Map<string, EntityModel>();
  for (const e of entities) byName.set(e.name, modelOf(e));
  const attributes = new Set([...byName.values()].map((m) => m.table.entityTypeAttribute));
  if (attributes.size !== 1) throw new ConfigurationError('entities: all entities must come from tables with the same entity-type attribute');
  const [attribute] = attributes as unknown as [string];
  return {
    route(item, where, options) {
      const stored = item[attribute];
      const type = stored === undefined ? undefined : toNative(stored);
      const model = typeof type === 'string' ? byName.get(type) : undefined;
      if (model) return model;
      if (options.unknownEntities === 'skip') return undefined;
      const issue: ExportLineIssue = { ...where, reason: 'unknown-entity', message: `entity type ${JSON.stringify(type)} (attribute ${attribute}) is none of ${[...byName.keys()].join(', ')}` };
      if (!options.onInvalid) throw new ExportLineError(issue);
      options.onInvalid(issue);
      return undefined;
    },
  };
}
