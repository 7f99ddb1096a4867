/**
 * The realistic type-check fixture, generated for `count` entities: per
 * entity a get, a put, an update with a condition, a query on a secondary
 * index with a sort condition and a two-clause filter, a transaction (a put
 * and a conditional update) and a collection query, for tablewright (against
 * its emitted declarations in `../tw-dts`) and for ElectroDB.
 */

/** What each entity's use function does; `--calls` measures them one at a time. */
export const CALLS = ['get', 'put', 'update', 'query', 'transaction', 'collection'] as const;
export type CallKind = (typeof CALLS)[number];

/** The tablewright project: one table, `COUNT` entities, one collection of all of them; `calls` picks what each use function does. */
export function tablewrightProject(COUNT: number, calls: readonly CallKind[] = CALLS): string {
  const lines = [`import { z } from 'zod';`, `import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';`, `import { Table } from '../tw-dts/index.js';`, `declare const client: DynamoDBClient;`];
  lines.push(`const table = new Table({ name: 'app', client, partitionKey: 'pk', sortKey: 'sk', indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } } });`);
  for (let i = 0; i < COUNT; i++) {
    lines.push(`export const E${i} = table.entity('E${i}', {
  schema: z.object({ orgId: z.string(), id: z.string(), name: z.string(), count: z.number(), active: z.boolean(), status: z.enum(['a', 'b']), tags: z.array(z.string()), address: z.object({ city: z.string(), zip: z.string() }), note: z.string().optional() }),
  keys: { primary: { pk: ['ORG', 'orgId'], sk: ['E${i}', 'id'] }, gsi1: { pk: ['E${i}', 'status'], sk: ['NAME', 'name'] } },
});`);
  }
  const has = (kind: CallKind) => calls.includes(kind);
  if (has('collection')) lines.push(`const org = table.collection({ ${Array.from({ length: COUNT }, (_, i) => `e${i}: E${i}`).join(', ')} });`);
  for (let i = 0; i < COUNT; i++) {
    const body: Record<CallKind, string> = {
      put: `  await E${i}.put({ orgId: 'o', id: 'x', name: 'n', count: 1, active: true, status: 'a', tags: [], address: { city: 'c', zip: 'z' } });`,
      get: `  const r = await E${i}.get({ orgId: 'o', id: 'x' });`,
      update: `  await E${i}.update({ orgId: 'o', id: 'x' }, { set: { name: 'm', 'address.city': 'c2' }, add: { count: 1 } }, { condition: (c) => c.eq('status', 'a') });`,
      query: `  const page = await E${i}.query('gsi1', { status: 'a' }, { sort: (k) => k.beginsWith({ name: 'n' }), filter: (c) => c.and(c.gt('count', 1), c.eq('address.city', 'c')) });`,
      transaction: `  await table.transactWrite([
    E${i}.putOp({ orgId: 'o', id: 'y', name: 'n', count: 1, active: true, status: 'b', tags: [], address: { city: 'c', zip: 'z' } }),
    E${i}.updateOp({ orgId: 'o', id: 'x' }, { add: { count: -1 } }, { condition: (c) => c.gt('count', 0) }),
  ]);`,
      collection: `  const col = await org.query({ orgId: 'o' });`,
    };
    const used = [has('get') && `r?.address.city`, has('query') && `page.items[0]?.name`, has('collection') && `col.items.e${i}[0]?.id`].filter(Boolean);
    // The order of the full fixture: put, get, update, query, transaction, collection.
    const order: CallKind[] = ['put', 'get', 'update', 'query', 'transaction', 'collection'];
    lines.push(`export async function use${i}() {
${order.filter(has).map((k) => body[k]).join('\n')}
  return [${used.join(', ')}];
}`);
  }
  return lines.join('\n') + '\n';
}

/** The ElectroDB project: the same entities, a `Service` with a collection on the primary index. */
export function electroProject(COUNT: number): string {
  // Both projects import the SDK client's types, as any real service does (it constructs the client).
  const lines = [`import { Entity, Service } from 'electrodb';`, `import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';`, `declare const client: DynamoDBClient;`];
  for (let i = 0; i < COUNT; i++) {
    lines.push(`export const E${i} = new Entity({
  model: { entity: 'e${i}', version: '1', service: 'app' },
  attributes: { orgId: { type: 'string', required: true }, id: { type: 'string', required: true }, name: { type: 'string', required: true }, count: { type: 'number', required: true }, active: { type: 'boolean', required: true }, status: { type: ['a', 'b'] as const, required: true }, tags: { type: 'list', items: { type: 'string' }, required: true }, address: { type: 'map', properties: { city: { type: 'string', required: true }, zip: { type: 'string', required: true } }, required: true }, note: { type: 'string' } },
  indexes: { primary: { collection: 'org', pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: ['id'] } }, byStatus: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['status'] }, sk: { field: 'gsi1sk', composite: ['name'] } } },
}, { client, table: 'app' });`);
  }
  lines.push(`const app = new Service({ ${Array.from({ length: COUNT }, (_, i) => `e${i}: E${i}`).join(', ')} }, { client, table: 'app' });`);
  for (let i = 0; i < COUNT; i++) {
    lines.push(`export async function use${i}() {
  await E${i}.put({ orgId: 'o', id: 'x', name: 'n', count: 1, active: true, status: 'a', tags: [], address: { city: 'c', zip: 'z' } }).go();
  const r = await E${i}.get({ orgId: 'o', id: 'x' }).go();
  await E${i}.update({ orgId: 'o', id: 'x' }).set({ name: 'm' }).add({ count: 1 }).where((a, op) => op.eq(a.status, 'a')).go();
  const page = await E${i}.query.byStatus({ status: 'a' }).begins({ name: 'n' }).where((a, op) => \`\${op.gt(a.count, 1)} AND \${op.eq(a.address.city, 'c')}\`).go();
  await app.transaction.write(({ e${i} }) => [
    e${i}.put({ orgId: 'o', id: 'y', name: 'n', count: 1, active: true, status: 'b', tags: [], address: { city: 'c', zip: 'z' } }).commit(),
    e${i}.update({ orgId: 'o', id: 'x' }).add({ count: -1 }).where((a, op) => op.gt(a.count, 0)).commit(),
  ]).go();
  const col = await app.collections.org({ orgId: 'o' }).go();
  return [r.data?.address.city, page.data[0]?.name, col.data.e${i}[0]?.id];
}`);
  }
  return lines.join('\n') + '\n';
}

