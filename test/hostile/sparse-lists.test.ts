import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, ValidationError, batchGet, batchWrite, transactGet, transactWrite, type Table } from '../../src/index.js';
import { countingTransport } from '../helpers/counting-transport.js';
import { createTestTable, localClient } from '../helpers/local.js';

/**
 * Sparse arrays: `forEach` and `map` skip holes, so a check written with them
 * lets a hole through to the code after it. Operation lists and list values
 * with holes are refused like any other non-operation or invalid element,
 * before any request.
 */
const client = localClient();
const transport = countingTransport(client);
let table: Table<'gsi1'>;

const schema = z.object({ id: z.string(), list: z.array(z.number()).optional() });
const thing = (t: Table<'gsi1'>) => t.entity('Thing', { schema, keys: { primary: { pk: ['T', 'id'], sk: ['T'] } } });

beforeAll(async () => {
  table = await createTestTable(client, { transport });
  await thing(table).put({ id: 'base', list: [1] });
});

describe('sparse arrays', () => {
  it('an operation list with a hole is refused before any request, in batches and transactions', async () => {
    const E = thing(table);
    const sent = transport.sent.length;
    // eslint-disable-next-line no-sparse-arrays
    const lists = [new Array(1), [E.putOp({ id: 'x' }), , E.putOp({ id: 'y' })]] as never[];
    for (const ops of lists) {
      await expect(batchWrite(ops)).rejects.toThrow(ConfigurationError);
      await expect(transactWrite(ops)).rejects.toThrow(ConfigurationError);
    }
    // eslint-disable-next-line no-sparse-arrays
    const gets = [new Array(2), [E.getOp({ id: 'base' }), , E.getOp({ id: 'x' })]] as never[];
    for (const ops of gets) {
      await expect(batchGet(ops)).rejects.toThrow(/operation #1 is not an operation|operation #0 is not an operation/);
      await expect(transactGet(ops)).rejects.toThrow(ConfigurationError);
    }
    expect(transport.sent.length).toBe(sent);
    expect((await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: 'T#x' }, sk: { S: 'T' } } }))).Item).toBeUndefined();
  });

  it('a hole in an appended list is an invalid element, not silently dropped', async () => {
    const E = thing(table);
    const sent = transport.sent.length;
    // eslint-disable-next-line no-sparse-arrays
    await expect(E.update({ id: 'base' }, { append: { list: [2, , 3] as number[] } })).rejects.toThrow(ValidationError);
    expect(transport.sent.length).toBe(sent);
    expect(await E.get({ id: 'base' })).toEqual({ id: 'base', list: [1] });
  });
});
