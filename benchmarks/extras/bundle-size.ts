import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { hasPeer } from '../lib/peer.js';
import type { ExtraResult } from '../lib/report.js';
import { BENCH_TMP, esbuild, REPO, scratch, SIZE_BUILD_OPTIONS } from './esbuild.js';
import type { ExtrasContext } from './index.js';

const MEASURE = 'Bundle size of a get-only / get+put usage (esbuild, minified; AWS SDK and zod external)';

const SCHEMA = `z.object({ id: z.string(), name: z.string() })`;
const KEYS = `{ primary: { pk: ['USER', 'id'], sk: ['PROFILE'] } }`;
const TABLE = `{ name: 'app', client, partitionKey: 'pk', sortKey: 'sk' }`;
const src = (file: string) => JSON.stringify(join(REPO, 'src', file));

/** A usage of the full entry through the classes (`Table` + `Entity` methods). */
const classes = (put: boolean) => `import { z } from 'zod';
import { Table } from ${src('index.ts')};
export function make(client) {
  const table = new Table(${TABLE});
  const User = table.entity('User', { schema: ${SCHEMA}, keys: ${KEYS} });
  return { get: (id) => User.get({ id })${put ? ', put: (item) => User.put(item)' : ''} };
}`;

/** The same usage through the free functions over a `defineEntity` declaration on a `TableCore`. */
const functions = (put: boolean) => `import { z } from 'zod';
import { TableCore, defineEntity, getItem${put ? ', putItem' : ''} } from ${src('index.ts')};
export function make(client) {
  const table = new TableCore(${TABLE});
  const User = defineEntity(table, 'User', { schema: ${SCHEMA}, keys: ${KEYS} });
  return { get: (id) => getItem(User, { id })${put ? ', put: (item) => putItem(User, item)' : ''} };
}`;

/** Exported for benchmarks/bundle-breakdown.ts, which builds the same entries with a metafile. */
export const TABLEWRIGHT_ENTRIES: Record<string, string> = {
  // The target row (ratios are to it): a get-only usage of the read-only entry.
  'tablewright/core get': `import { z } from 'zod';
import { TableCore } from ${src('core.ts')};
export function make(client) {
  const table = new TableCore(${TABLE});
  const User = table.entity('User', { schema: ${SCHEMA}, keys: ${KEYS} });
  return { get: (id) => User.get({ id }) };
}`,
  'tablewright classes get': classes(false),
  'tablewright classes get+put': classes(true),
  'tablewright functions get': functions(false),
  'tablewright functions get+put': functions(true),
  // A reader that needs no write feature: a core entity (`TableCore.entity`) read with `getItem` from the root.
  'tablewright functions get (core entity)': `import { z } from 'zod';
import { TableCore, getItem } from ${src('index.ts')};
export function make(client) {
  const table = new TableCore(${TABLE});
  const User = table.entity('User', { schema: ${SCHEMA}, keys: ${KEYS} });
  return { get: (id) => getItem(User, { id }) };
}`,
};

const ENTRIES: Record<string, { peer?: string; code: string }> = {
  ...Object.fromEntries(Object.entries(TABLEWRIGHT_ENTRIES).map(([name, code]) => [name, { code }])),
  'electrodb get': {
    peer: 'electrodb',
    code: `import { Entity } from 'electrodb';
export function makeGet(client) {
  const User = new Entity({ model: { entity: 'user', version: '1', service: 'app' }, attributes: { id: { type: 'string', required: true }, name: { type: 'string' } },
    indexes: { primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } } } }, { client, table: 'app' });
  return (id) => User.get({ id }).go();
}`,
  },
  'dynamodb-toolbox get': {
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
