import type { ScanCommandInput } from '@aws-sdk/client-dynamodb';
import type { z } from 'zod';
import type { EntityModel } from '../../model/entity-model.js';
import { readItem } from '../../model/item-reader.js';
import { ConfigurationError } from '../../errors.js';
import { resolveCondition, type ConditionInput } from '../../expressions/condition-builder.js';
import { ExpressionContext } from '../../expressions/expression-context.js';
import { unmarshallItem } from '../../marshalling/marshall.js';
import { encodeCursor, type CursorScope } from '../../request/cursor.js';
import type { TableModel } from '../../model/table-definition.js';
import { send } from '../../request/send.js';
import { projectedSchema, projectionExpression } from '../../request/projection.js';
import { allPages, applyPaging, checkConsistent, entityFilter, readTarget, withConsumed, withCursor, type Page, type PageOptions } from '../../request/read-request.js';

/** Options of a scan (one page, or one segment of a parallel scan). */
export interface ScanOptions<T, A extends string = string> extends PageOptions {
  /** Scan an index instead of the table. */
  readonly index?: string | undefined;
  readonly filter?: ConditionInput<T> | undefined;
  /** Fetch only these top-level attributes (entity scans). */
  readonly attributes?: readonly A[] | undefined;
  readonly consistent?: boolean | undefined;
  /** Scan one segment of `total` (parallel scan by hand). */
  readonly segment?: { readonly index: number; readonly total: number } | undefined;
}

/** Progress of a parallel scan, reported after every page. */
export interface ScanProgress {
  /** Items returned so far (after filters). */
  readonly items: number;
  /** Pages read so far. */
  readonly pages: number;
  /** Segments fully read. */
  readonly segmentsDone: number;
  readonly segments: number;
}

/** Options of a parallel scan. */
export interface ParallelScanOptions<T, A extends string = string> extends Omit<ScanOptions<T, A>, 'cursor' | 'segment'> {
  /** `TotalSegments`: how many disjoint parts the table is read in (1–1,000,000). */
  readonly segments: number;
  /** Segments read at the same time; default `min(segments, 4)`. */
  readonly concurrency?: number | undefined;
  /** Called after every page with running totals. */
  readonly onProgress?: ((progress: ScanProgress) => void) | undefined;
}

/** A non-empty page from one segment of a parallel scan. */
export interface ScanBatch<T> {
  readonly segment: number;
  readonly items: T[];
}

/** Who reads: an entity (typed, filtered on its type) or the whole table (raw items). @internal */
export interface ScanReader {
  readonly table: TableModel;
  readonly name: string;
  readonly entity: EntityModel | undefined;
}

/** Builds a Scan request. No I/O. @internal */
export function prepareScan(reader: ScanReader, options: ScanOptions<unknown> = {}) {
  const { table, entity } = reader;
  const index = options.index ?? 'primary';
  const target = readTarget(table, index, entity?.name);
  checkConsistent(target, options.consistent);
  const input: ScanCommandInput = { TableName: table.name };
  if (target.indexName) input.IndexName = target.indexName;
  if (options.consistent) input.ConsistentRead = true;
  let segmentId = '';
  if (options.segment) {
    const { index: segment, total } = options.segment;
    if (!Number.isInteger(total) || total < 1 || total > 1_000_000 || !Number.isInteger(segment) || segment < 0 || segment >= total) {
      throw new ConfigurationError(`segment must be { index: 0…total-1, total: 1…1000000 }, got ${JSON.stringify(options.segment)}`);
    }
    input.Segment = segment;
    input.TotalSegments = total;
    segmentId = `/${segment}of${total}`;
  }
  const ctx = new ExpressionContext();
  // A cursor is bound to its segment too: resuming segment 2 with segment 1's cursor would skip items.
  const scope: CursorScope = { table, index, reader: reader.name + segmentId, keyAttributes: target.keyAttributes };
  const filter = options.filter && resolveCondition(options.filter, entity);
  applyPaging(input, scope, options, entityFilter(table, entity ? [entity.name] : undefined, filter, options), ctx);
  let schema: z.ZodType | undefined = entity?.schema;
  if (options.attributes && entity) {
    input.ProjectionExpression = projectionExpression(entity, options.attributes, ctx);
    schema = projectedSchema(entity, options.attributes);
  }
  ctx.addTo(input);
  return { input, scope, schema };
}

/** One page of a scan. Entity scans return parsed items, table scans raw (unmarshalled) ones. @internal */
export async function scanPage(reader: ScanReader, options: ScanOptions<unknown> = {}): Promise<Page<unknown>> {
  const { input, scope, schema } = prepareScan(reader, options);
  const output = await send(reader.table, 'Scan', input, { entity: reader.entity?.name, abortSignal: options.abortSignal, route: options.route, capacity: options.returnConsumedCapacity });
  const entity = reader.entity;
  return withConsumed(
    {
      // Expired items were filtered on the server (see entityFilter).
      items: (output.Items ?? []).map((item) => (entity ? readItem(entity, item, { schema, includeExpired: true })! : unmarshallItem(item))),
      cursor: encodeCursor(scope, output.LastEvaluatedKey),
    },
    output.ConsumedCapacity,
  );
}

/** Every page of a scan from `options.cursor` on. @internal */
export function scanPages(reader: ScanReader, options: ScanOptions<unknown> = {}): AsyncGenerator<Page<unknown>> {
  prepareScan(reader, options);
  return allPages((cursor) => scanPage(reader, withCursor(options, cursor)), options.cursor);
}

/**
 * Reads every segment of a parallel scan with at most `concurrency` requests
 * in flight, yielding non-empty pages as they arrive (segments interleave).
 * The next page of a segment is requested as soon as the previous one
 * arrives, so a slow consumer holds back at most `concurrency` pages.
 * Breaking out of the loop aborts requests still in flight.
 * @internal
 */
export function parallelScan(reader: ScanReader, options: ParallelScanOptions<unknown>): AsyncGenerator<ScanBatch<unknown>> {
  // Checked at the call, not at the first iteration: bad options fail before any request.
  const { segments } = options;
  const concurrency = options.concurrency ?? Math.min(segments, 4);
  if (!Number.isInteger(segments) || segments < 1 || segments > 1_000_000) {
    throw new ConfigurationError(`segments must be an integer from 1 to 1000000, got ${segments}`);
  }
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new ConfigurationError(`concurrency must be a positive integer, got ${concurrency}`);
  const { segments: _s, concurrency: _c, onProgress: _p, abortSignal: _a, ...base } = options;
  prepareScan(reader, { ...base, segment: { index: 0, total: segments } });
  return readSegments(reader, options, base, concurrency);
}

async function* readSegments(
  reader: ScanReader,
  options: ParallelScanOptions<unknown>,
  base: Omit<ScanOptions<unknown>, 'segment' | 'cursor' | 'abortSignal'>,
  concurrency: number,
): AsyncGenerator<ScanBatch<unknown>> {
  const { segments, onProgress, abortSignal } = options;

  const controller = new AbortController();
  const onAbort = () => controller.abort(abortSignal?.reason);
  abortSignal?.addEventListener('abort', onAbort, { once: true });
  const inflight = new Map<number, Promise<{ segment: number; page: Page<unknown> }>>();
  const start = (segment: number, cursor: string | undefined) => {
    const request = scanPage(reader, {
      ...base,
      segment: { index: segment, total: segments },
      abortSignal: controller.signal,
      ...(cursor !== undefined && { cursor }),
    }).then((page) => ({ segment, page }));
    request.catch(() => undefined); // observed via Promise.race; avoids unhandled rejections after an early exit
    inflight.set(segment, request);
  };
  let next = 0;
  let items = 0;
  let pages = 0;
  let segmentsDone = 0;
  try {
    while (next < segments && inflight.size < concurrency) start(next++, undefined);
    while (inflight.size > 0) {
      const { segment, page } = await Promise.race(inflight.values());
      inflight.delete(segment);
      if (page.cursor !== undefined) start(segment, page.cursor);
      else {
        segmentsDone++;
        if (next < segments) start(next++, undefined);
      }
      pages++;
      items += page.items.length;
      onProgress?.({ items, pages, segmentsDone, segments });
      if (page.items.length > 0) yield { segment, items: page.items };
    }
  } finally {
    abortSignal?.removeEventListener('abort', onAbort);
    if (inflight.size > 0) controller.abort();
  }
}
