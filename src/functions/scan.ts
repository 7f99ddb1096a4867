import type { z } from 'zod';
import { scanPage, scanPages as sendScanPages, type ScanOptions, type ScanReader } from '../actions/scan/scan.js';
import type { AnyObjectSchema, AttributeOf } from '../model/entity-types.js';
import type { Page } from '../request/read-request.js';
import type { EntityRef } from './entity-ref.js';
import { guarded, guardedPages, optionsObject } from './input-guard.js';

/** Who reads an entity scan: the entity's model, filtered on its type. */
function reader(entity: EntityRef): ScanReader {
  return { table: entity.model.table, name: entity.model.name, entity: entity.model };
}

/** One page of a scan over the table (or `options.index`), filtered to this entity; the same as `entity.scan(options)`. */
export function scan<S extends AnyObjectSchema, const A extends AttributeOf<S>>(
  entity: EntityRef<string, S>,
  options: ScanOptions<z.output<S>, A> & { attributes: readonly A[] },
): Promise<Page<Pick<z.output<S>, A>>>;
export function scan<S extends AnyObjectSchema>(entity: EntityRef<string, S>, options?: ScanOptions<z.output<S>, AttributeOf<S>>): Promise<Page<z.output<S>>>;
export function scan(entity: EntityRef, options?: ScanOptions<unknown>): Promise<Page<unknown>> {
  return guarded('scan', () => scanPage(reader(entity), optionsObject('scan', options)));
}

/** Every page of an entity scan; the same as `entity.scanPages(options)`. */
export function scanPages<S extends AnyObjectSchema>(
  entity: EntityRef<string, S>,
  options?: ScanOptions<z.output<S>, AttributeOf<S>>,
): AsyncGenerator<Page<z.output<S>>> {
  const opts = optionsObject('scanPages', options) as ScanOptions<unknown> | undefined;
  const pages = guarded('scanPages', () => sendScanPages(reader(entity), opts));
  return guardedPages('scanPages', () => pages) as AsyncGenerator<Page<z.output<S>>>;
}
