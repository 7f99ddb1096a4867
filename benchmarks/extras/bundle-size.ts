import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { hasPeer } from '../lib/peer.js';
import type { ExtraResult } from '../lib/report.js';
import { BENCH_TMP, esbuild, REPO, scratch, SIZE_BUILD_OPTIONS } from './esbuild.js';
import type { ExtrasContext } from './index.js';

const MEASURE = 'Bundle size of a get-only usage (esbuild, minified; AWS SDK and zod external)';

// The target row (ratios are to it): a get-only usage of the read-only entry
// `tablewright/core` (TableCore/EntityCore). The full entry's number is kept
// beside it, labelled, because its Entity/Table classes carry every feature.
const ENTRIES: Record<string, { peer?: string; code: string }> = {
  'tablewright/core': {
    code: `import { z } from 'zod';
import { TableCore } from ${JSON.stringify(join(REPO, 'src/core.ts'))};
export function makeGet(client) {
  const table = new TableCore({ name: 'app', client, partitionKey: 'pk', sortKey: 'sk' });
  const User = table.entity('User', { schema: z.object({ id: z.string(), name: z.string() }), keys: { primary: { pk: ['USER', 'id'], sk: ['PROFILE'] } } });
  return (id) => User.get({ id });
}`,
  },
  'tablewright (full entry)': {
    code: `import { z } from 'zod';
import { Table } from ${JSON.stringify(join(REPO, 'src/index.ts'))};
export function makeGet(client) {
  const table = new Table({ name: 'app', client, partitionKey: 'pk', sortKey: 'sk' });
  const User = table.entity('User', { schema: z.object({ id: z.string(), name: z.string() }), keys: { primary: { pk: ['USER', 'id'], sk: ['PROFILE'] } } });
  return (id) => User.get({ id });
}`,
  },
  electrodb: {
    peer: 'electrodb',
    code: `import { Entity } from 'electrodb';
export function makeGet(client) {
  const User = new Entity({ model: { entity: 'user', version: '1', service: 'app' }, attributes: { id: { type: 'string', required: true }, name: { type: 'string' } },
    indexes: { primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } } } }, { client, table: 'app' });
  return (id) => User.get({ id }).go();
}`,
  },
  'dynamodb-toolbox': {
    peer: 'dynamodb-toolbox',
    code: `import { Table, Entity, item, string, GetItemCommand } from 'dynamodb-toolbox';
export function makeGet(documentClient) {
  const table = new Table({ name: 'app', partitionKey: { name: 'pk', type: 'string' }, sortKey: { name: 'sk', type: 'string' }, documentClient });
  const User = new Entity({ name: 'User', table, schema: item({ id: string().key(), name: string() }), computeKey: ({ id }) => ({ pk: 'USER#' + id, sk: 'PROFILE' }) });
  return (id) => User.build(GetItemCommand).key({ id }).send();
}`,
  },
};

export async function bundleSize(ctx: ExtrasContext): Promise<ExtraResult[]> {
  const { build } = await esbuild();
  const dir = scratch(join(BENCH_TMP, 'bundle'));
  const out: ExtraResult[] = [];
  for (const [name, entry] of Object.entries(ENTRIES)) {
    if (entry.peer && !(await hasPeer(entry.peer))) continue;
    const file = join(dir, `${name.replace(/[^a-z0-9-]+/gi, "_")}.mjs`);
    writeFileSync(file, entry.code);
    const result = await build({
      ...SIZE_BUILD_OPTIONS,
      entryPoints: [file],
    });
    const bytes = result.outputFiles![0]!.contents;
    const gzip = gzipSync(bytes, { level: 9 }).byteLength;
    out.push({ measure: MEASURE, name: `${name} (gzip)`, value: gzip, unit: 'bytes', note: `minified ${bytes.byteLength} bytes` });
  }
  ctx.log('bundle size: done');
  const tw = out[0]!.value;
  return out.map((r) => ({ ...r, ratio: r.value / tw }));
}
