/**
 * The direct transport: the same table and entity API, requests sent straight
 * through the client's request handler (no SDK middleware stack).
 *
 *   npx tsx examples/direct-transport.ts
 */
import { z } from 'zod';
import { ConditionFailedError, directTransport, Table } from '../src/index.js';
import { startDynamoDBLocal } from '../src/testing/index.js';

const local = await startDynamoDBLocal();
let failed = false;
const check = (label: string, ok: boolean) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
  if (!ok) failed = true;
};

try {
  const client = local.client;
  // One line selects the transport; everything else is unchanged.
  const table = new Table({ name: 'direct_example', client, partitionKey: 'pk', sortKey: 'sk', transport: directTransport(client) });
  await table.create();

  const Product = table.entity('Product', {
    schema: z.object({ sku: z.string(), name: z.string(), price: z.number(), tags: z.set(z.string()) }),
    keys: { primary: { pk: ['PRODUCT', 'sku'], sk: ['DETAILS'] } },
  });

  await Product.put({ sku: 'p-1', name: 'Lamp', price: 25, tags: new Set(['home']) });
  const lamp = await Product.get({ sku: 'p-1' });
  check('get through the direct transport returns the typed item', lamp?.name === 'Lamp' && lamp.price === 25 && lamp.tags.has('home'));

  const duplicate = await Product.create({ sku: 'p-1', name: 'Other', price: 1, tags: new Set() }).catch((e: unknown) => e);
  check('a failed condition is a ConditionFailedError, as on the SDK path', duplicate instanceof ConditionFailedError);

  // The transport also serves raw operations, e.g. paginated queries.
  for (let i = 0; i < 5; i++) await Product.put({ sku: `batch-${i}`, name: `Item ${i}`, price: i, tags: new Set() });
  const transport = directTransport(client);
  const page = await transport.send('Scan', { TableName: table.name, Limit: 2 });
  check('raw Scan page with a cursor', page.Items?.length === 2 && page.LastEvaluatedKey !== undefined);

  await table.delete();
} finally {
  await local.stop();
}
process.exit(failed ? 1 : 0);
