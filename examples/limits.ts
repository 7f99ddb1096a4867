/**
 * AWS limits checked before the request: an oversize item is refused with a
 * per-attribute breakdown, the same item fits once its body is compressed,
 * and a key that is too long fails with KeyError. Exits non-zero on mismatch.
 *
 * Run: npx tsx examples/limits.ts
 */
import { z } from 'zod';
import { ItemTooLargeError, KeyError, Table, itemSize } from '../src/index.js';
import { startDynamoDBLocal } from '../src/testing/index.js';

function check(condition: unknown, message: string): void {
  if (!condition) {
    console.error(`MISMATCH: ${message}`);
    process.exitCode = 1;
  } else {
    console.log(`ok: ${message}`);
  }
}

const local = await startDynamoDBLocal();
try {
  const table = new Table({ name: 'limits-example', client: local.client, partitionKey: 'pk', sortKey: 'sk' });
  await table.create();

  const schema = z.object({ id: z.string(), title: z.string(), body: z.string(), tags: z.array(z.string()) });
  const keys = { primary: { pk: ['ARTICLE', 'id'], sk: ['ARTICLE'] } } as const;
  const Article = table.entity('Article', { schema, keys });
  const Compressed = table.entity('CompressedArticle', { schema, keys, compress: { body: 'brotli' } });

  // ~660 KB of text: over the 409,600-byte item limit.
  const body = Array.from({ length: 12_000 }, (_, i) => `Paragraph ${i}: DynamoDB items are limited to 400 KB.`).join('\n');
  const article = { id: 'a1', title: 'Limits', body, tags: ['dynamodb', 'limits'] };

  // 1. Refused before sending, with the sizes that explain why.
  console.log(`uncompressed size as stored: ${Article.size(article).toLocaleString('en-US')} bytes`);
  try {
    await Article.put(article);
    check(false, 'the oversize item should have been refused');
  } catch (error) {
    check(error instanceof ItemTooLargeError, 'oversize put throws ItemTooLargeError');
    const e = error as ItemTooLargeError;
    console.log(`  ${e.message}`);
    for (const { attribute, size } of e.largest) console.log(`  ${attribute.padEnd(8)} ${size.toLocaleString('en-US').padStart(9)} B`);
    check(e.size === Article.size(article) && e.limit === 409_600, 'error carries the computed size and the limit');
    check(e.largest[0]?.attribute === 'body', 'largest attribute is body');
  }
  check((await Article.get({ id: 'a1' })) === undefined, 'nothing was stored');

  // 2. The same item with its body compressed (stored as Binary, transparent on read).
  const report = Compressed.sizeReport(article);
  console.log(`compressed size as stored: ${report.size.toLocaleString('en-US')} bytes (body ${report.attributes.find((a) => a.attribute === 'body')?.size.toLocaleString('en-US')} B)`);
  check(report.fits, 'compressed item fits');
  await Compressed.put(article);
  const read = await Compressed.get({ id: 'a1' });
  check(read?.body === body && read.tags.length === 2, 'compressed item reads back as the original text');
  const raw = await Compressed.get({ id: 'a1' }, { raw: true });
  check(raw?.body instanceof Uint8Array, 'body is stored as Binary');
  check(itemSize(raw!) === report.size, 'size of the stored item equals the calculator’s prediction');

  // 3. A partition key over 2,048 bytes.
  try {
    await Article.put({ ...article, id: 'x'.repeat(2100), body: 'short' });
    check(false, 'the long key should have been refused');
  } catch (error) {
    check(error instanceof KeyError && error.reason === 'too-large', 'key too long throws KeyError (too-large)');
    console.log(`  ${(error as Error).message}`);
  }
} finally {
  await local.stop();
}
