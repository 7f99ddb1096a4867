import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { transactWrite, ValidationError } from '../../src/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
const table = await createTestTable(client);

const Ledger = table.entity('Ledger', {
  schema: z.object({ id: z.string(), total: z.bigint().optional(), nested: z.object({ big: z.bigint() }).optional(), small: z.number().optional() }),
  keys: { primary: { pk: ['L', 'id'], sk: ['L'] } },
});
const storedTotal = async (id: string) =>
  (await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: `L#${id}` }, sk: { S: 'L' } }, ConsistentRead: true }))).Item?.total?.N;

const BEYOND = 2n ** 53n + 1n;

describe('add / increment on z.bigint() attributes', () => {
  it('add keeps the value exact beyond 2^53 and reads back a bigint', async () => {
    await Ledger.put({ id: 'a', total: BEYOND });
    const out = await Ledger.update({ id: 'a' }, { add: { total: 2n } }, { returnValues: 'ALL_NEW' });
    expect(out?.total).toBe(BEYOND + 2n);
    expect(typeof out?.total).toBe('bigint');
    expect(await storedTotal('a')).toBe((BEYOND + 2n).toString());
  });

  it('increment and decrement (object and builder forms), on a missing attribute too', async () => {
    await Ledger.put({ id: 'b' });
    await Ledger.update({ id: 'b' }, { increment: { total: 10n ** 30n } });
    await Ledger.update({ id: 'b' }, (u) => [u.decrement('total', 1n)]);
    await Ledger.update({ id: 'b' }, (u) => [u.increment('total')]);
    expect((await Ledger.get({ id: 'b' }))?.total).toBe(10n ** 30n);
  });

  it('nested bigint paths, and inside a transaction', async () => {
    await Ledger.put({ id: 'c', nested: { big: BEYOND } });
    await transactWrite([Ledger.updateOp({ id: 'c' }, { add: { 'nested.big': BEYOND } })]);
    expect((await Ledger.get({ id: 'c' }))?.nested?.big).toBe(BEYOND * 2n);
  });

  it('upsert creates the counter from the bigint', async () => {
    await Ledger.update({ id: 'u' }, { add: { total: BEYOND } }, { upsert: true });
    expect((await Ledger.get({ id: 'u' }))?.total).toBe(BEYOND);
  });

  it('values beyond 38 significant digits are refused before sending', async () => {
    await expect(Ledger.update({ id: 'a' }, { add: { total: 10n ** 38n + 1n } })).rejects.toThrow(ValidationError);
    await expect(Ledger.update({ id: 'a' }, { increment: { total: -(10n ** 38n + 1n) } })).rejects.toThrow(ValidationError);
    await expect(Ledger.update({ id: 'a' }, (u) => [u.decrement('total', 10n ** 38n + 1n)])).rejects.toThrow(/38/);
  });

  it('a bigint on a z.number() attribute, or a fractional number on a bigint one, is a ValidationError', async () => {
    // @ts-expect-error small is a number attribute
    await expect(Ledger.update({ id: 'a' }, { add: { small: 1n } })).rejects.toThrow(ValidationError);
    // @ts-expect-error total is a bigint attribute
    await expect(Ledger.update({ id: 'a' }, { add: { total: 1.5 } })).rejects.toThrow(ValidationError);
  });

  it('property: any sequence of bigint adds sums exactly', async () => {
    const digits37 = 10n ** 37n;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.bigInt({ min: -digits37, max: digits37 }), { minLength: 1, maxLength: 4 }), async (deltas) => {
        const id = `p${n++}`;
        for (const d of deltas) await Ledger.update({ id }, { add: { total: d } }, { upsert: true });
        expect((await Ledger.get({ id }))?.total ?? 0n).toBe(deltas.reduce((a, b) => a + b, 0n));
      }),
      { numRuns: 15 },
    );
  });
});
