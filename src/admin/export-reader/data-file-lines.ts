import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { ExportChecksumError } from './export-errors.js';
import type { ExportDataFile } from './export-manifest.js';
import type { ExportSource } from './export-source.js';

/** A run of consecutive lines of one data file; `first` is the 1-based number of `lines[0]`. */
export interface LineBatch {
  readonly first: number;
  readonly lines: readonly string[];
}

/**
 * Streams one gzip data file as batches of lines (one batch per decompressed
 * chunk, so memory stays at a chunk's worth per file), hashing the
 * compressed bytes on the way. After the last line the MD5 is compared with
 * the manifest's; a mismatch throws {@link ExportChecksumError}. An empty
 * object is an empty partition. Leaving early destroys the streams. @internal
 */
export async function* dataFileLines(source: ExportSource, file: ExportDataFile, verify: boolean): AsyncGenerator<LineBatch> {
  const raw = await source.open(file.dataFileS3Key);
  const hash = createHash('md5');
  let size = 0;
  const gunzip = createGunzip();
  raw.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    size += chunk.length;
  });
  raw.on('error', (error) => gunzip.destroy(error));
  raw.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let lineNo = 1;
  try {
    try {
      for await (const chunk of gunzip) {
        const parts = (rest + decoder.write(chunk as Buffer)).split('\n');
        rest = parts.pop()!;
        if (parts.length > 0) {
          yield { first: lineNo, lines: parts };
          lineNo += parts.length;
        }
      }
    } catch (error) {
      if (size !== 0) throw error; // a zero-byte object is an empty partition, not corrupt gzip
    }
    rest += decoder.end();
    if (rest !== '') yield { first: lineNo, lines: [rest] };
    if (verify) {
      const actual = hash.digest('base64');
      if (actual !== file.md5Checksum) throw new ExportChecksumError(file.dataFileS3Key, file.md5Checksum, actual);
    }
  } finally {
    raw.destroy();
    gunzip.destroy();
  }
}
