import { dirname, basename } from 'node:path';
import { exportFolder } from '../admin/export-reader/export-source.js';
import { openExport } from '../admin/export-reader/export-manifest.js';
import { readExportItems } from '../admin/export-reader/export-reader.js';
import { EXIT } from './cli-error.js';
import { loadModel } from './load-model.js';
import { output, replacer, type GlobalOptions } from './output.js';

/** Options of `export read <manifest>`. */
export interface ExportReadOptions extends GlobalOptions {
  readonly model?: string;
  readonly skipUnknown?: boolean;
  readonly verify?: boolean;
}

/**
 * `export read <manifest>`: the items of a downloaded DynamoDB export
 * (`<folder>/…/manifest-summary.json`) as JSON Lines `{ "entity", "item" }`,
 * decoded by the model's entities (migrated like every read).
 */
export async function exportReadCommand(manifest: string, options: ExportReadOptions): Promise<number> {
  const out = output(options);
  const model = await loadModel(options.model);
  // The summary's data-file keys are relative to the export's root: the folder above AWSDynamoDB/.
  const parts = manifest.split(/[\\/]/);
  const at = parts.lastIndexOf('AWSDynamoDB');
  const root = at > 0 ? parts.slice(0, at).join('/') || '/' : dirname(manifest);
  const summaryKey = at > 0 ? parts.slice(at).join('/') : basename(manifest);
  const opened = await openExport(exportFolder(root), summaryKey, { verifyChecksums: options.verify !== false });
  let count = 0;
  for await (const entry of readExportItems(opened, {
    entities: model.entities as never,
    unknownEntities: options.skipUnknown ? 'skip' : 'error',
    verifyChecksums: options.verify !== false,
  })) {
    process.stdout.write(JSON.stringify(entry, replacer) + '\n');
    count++;
  }
  out.info(`${count} item(s) read from ${opened.files.length} data file(s)`);
  return EXIT.ok;
}
