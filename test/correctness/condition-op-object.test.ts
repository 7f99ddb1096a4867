import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ExpressionError, conditionOp, transactWrite, type Table } from '../../src/index.js';
import { countingTransport } from '../helpers/counting-transport.js';
import { createTestTable, localClient } from '../helpers/local.js';

/**
 * A condition check takes a condition node or a builder function, never a
 * plain object: the types refuse one and the run time throws
 * ExpressionError when the op is built (so no request is ever sent with an
 * empty ConditionExpression).
 */
const client = localClient();
const transport = countingTransport(client);
let table: Table<'gsi1'>;
const schema = z.object({ id: z.string(), n: z.number() });
const define = (t: Table<'gsi1'>) => t.entity('Checked', { schema, keys: { primary: { pk: ['C', 'id'], sk: ['C'] } } });

beforeAll(async () => {
  table = await createTestTable(client, { transport });
  await define(table).put({ id: 'a', n: 1 });
});

describe('conditionOp with a plain object', () => {
  const plain: unknown[] = [{ n: 1 }, { condition: { n: 1 } }, {}, { kind: 'and', conditions: [] }, { kind: 'eq', path: 'n', value: 1 }];

  it('does not type-check (Entity method and free function)', () => {
    const E = define(table);
    // @ts-expect-error -- a plain object is not a condition
    expect(() => E.conditionOp({ id: 'a' }, { n: 1 })).toThrow(ExpressionError);
    // @ts-expect-error -- nor is an options object
    expect(() => conditionOp(E, { id: 'a' }, { condition: (c: never) => c })).toThrow(ExpressionError);
  });

  it('throws ExpressionError at build time, before any request', () => {
    const E = define(table);
    const before = transport.sent.length;
    for (const value of plain) {
      expect(() => E.conditionOp({ id: 'a' }, value as never)).toThrow(ExpressionError);
      expect(() => conditionOp(E, { id: 'a' }, value as never)).toThrow(ExpressionError);
    }
    expect(transport.sent.length).toBe(before);
  });

  it('a real condition compiles to a ConditionExpression and is checked by the transaction', async () => {
    const E = define(table);
    const op = conditionOp(E, { id: 'a' }, (c) => c.eq('n', 1));
    expect(op.request.ConditionCheck?.ConditionExpression).toMatch(/^#n\d+ = :v\d+$/);
    await transactWrite([op, E.putOp({ id: 'b', n: 2 })]);
    expect(await E.get({ id: 'b' })).toEqual({ id: 'b', n: 2 });
    await expect(transactWrite([conditionOp(E, { id: 'a' }, (c) => c.eq('n', 5))])).rejects.toThrow();
  });
});
