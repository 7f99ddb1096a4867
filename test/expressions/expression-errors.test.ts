import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ExpressionError, Table } from '../../src/index.js';
import { countingTransport } from '../helpers/counting-transport.js';
import { localClient, tableName } from '../helpers/local.js';

const client = localClient();
const transport = countingTransport(client);
const table = new Table({ name: tableName(), client, partitionKey: 'pk', sortKey: 'sk', transport });
const Item = table.entity('Item', {
  schema: z.object({ id: z.string(), tags: z.array(z.string()), meta: z.record(z.string(), z.string()) }),
  keys: { primary: { pk: ['ITEM', 'id'], sk: ['ITEM'] } },
});

beforeAll(async () => {
  await table.create();
  transport.sent.length = 0;
});

describe('malformed expressions fail with ExpressionError before any request', () => {
  it.each([
    ['an unparseable path', () => Item.delete({ id: '1' }, { condition: (c) => c.exists('meta..x' as never) })],
    ['a path starting with an index', () => Item.delete({ id: '1' }, { condition: (c) => c.exists([0, 'x'] as never) })],
    ['IN with 101 values', () => Item.query('primary', { id: '1' }, { filter: (c) => c.in('id', Array.from({ length: 101 }, (_, i) => `v${i}`)) })],
    ['an empty and()', () => Item.scan({ filter: (c) => c.and() })],
    ['a projection of an unknown attribute', () => Item.get({ id: '1' }, { attributes: ['nope' as never] })],
  ])('%s', async (_label, call) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpressionError);
    expect(transport.sent).toEqual([]);
  });
});
