import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, KeyError, type Table } from '../../src/index.js';
import { countingTransport } from '../helpers/counting-transport.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
const transport = countingTransport(client);
let table: Table<'gsi1'>;
beforeAll(async () => {
  table = await createTestTable(client, { transport });
});

describe('key attributes admit exactly one primitive kind', () => {
  const multi: Record<string, z.ZodType> = {
    'literal number|string': z.literal([0, '8000000000000000']),
    'literal boolean|string': z.literal([true, 'true']),
    'enum number|string': z.enum({ A: 0, B: 'x' }),
    'union string|number': z.union([z.string(), z.number()]),
    'union of literals': z.union([z.literal('1'), z.literal(1)]),
    'optional literal set': z.literal([1, '1']).optional(),
    'nullable union': z.union([z.boolean(), z.string()]).nullable(),
    'union number|bigint': z.union([z.number(), z.bigint()]),
    'union string|date': z.union([z.string(), z.date()]),
  };
  for (const [label, a] of Object.entries(multi)) {
    it(`refuses ${label} when the entity is defined`, () => {
      let error: unknown;
      try {
        table.entity(`M${label}`, { schema: z.object({ a, b: z.string() }), keys: { primary: { pk: ['A', 'a'], sk: ['B', 'b'] } } } as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toContain('"a"');
    });
  }

  it('accepts single-kind literal sets, enums and unions (including wrapped ones)', () => {
    const E = table.entity('SingleKind', {
      schema: z.object({
        a: z.literal(['x', 'y']),
        b: z.union([z.literal(1), z.literal(2)]).optional(),
        c: z.enum(['p', 'q']).nullable(),
        d: z.union([z.enum(['m']), z.literal('n'), z.string().max(3)]),
      }),
      keys: { primary: { pk: ['A', 'a', 'D', 'd'], sk: ['B', 'b', 'C', 'c'] } },
    });
    expect(E.model.primary.sk!.attributes).toEqual(['b', 'c']);
  });

  it('no longer lets {a:0} and {a:"8000000000000000"} overwrite each other (the value collision)', () => {
    // before: both keys were A#8000000000000000; now such a key attribute cannot be declared
    expect(() =>
      table.entity('Collide', { schema: z.object({ a: z.literal([0, '8000000000000000']) }), keys: { primary: { pk: ['A', 'a'], sk: ['X'] } } } as never),
    ).toThrow(ConfigurationError);
  });
});

describe('key values of the wrong kind are refused before sending', () => {
  function define(t: Table<'gsi1'>) {
    return t.entity('Kinds', {
      schema: z.object({ n: z.number(), s: z.string(), d: z.date(), b: z.boolean(), e: z.enum(['x', 'y']), v: z.string().optional() }),
      keys: { primary: { pk: ['N', 'n'], sk: ['S', 's', 'D', 'd'] }, gsi1: { pk: ['B', 'b'], sk: ['E', 'e'] } },
    });
  }

  it('get({ n: "1" }) on a number key throws KeyError instead of missing silently', async () => {
    const Kinds = define(table);
    const item = { n: 1, s: 's', d: new Date(0), b: true, e: 'x' as const };
    await Kinds.put(item);
    expect(await Kinds.get({ n: 1, s: 's', d: new Date(0) })).toMatchObject(item);
    const before = transport.sent.length;
    const wrong = { n: '1', s: 's', d: new Date(0) } as never;
    await expect(Kinds.get(wrong)).rejects.toMatchObject({ name: 'KeyError', reason: 'invalid-value', attribute: 'n' });
    await expect(Kinds.delete(wrong)).rejects.toThrow(KeyError);
    await expect(Kinds.update(wrong, { set: { v: 'z' } })).rejects.toThrow(KeyError);
    await expect(Kinds.query('primary', { n: '1' } as never)).rejects.toThrow(KeyError);
    await expect(Kinds.query('primary', { n: 1 }, { sort: (k) => k.eq({ s: 's', d: '1970-01-01T00:00:00.000Z' } as never) })).rejects.toThrow(KeyError);
    await expect(Kinds.query('primary', { n: 1 }, { sort: (k) => k.beginsWith({ s: 5 } as never) })).rejects.toThrow(KeyError);
    await expect(Kinds.query('primary', { n: 1 }, { sort: (k) => k.between({ s: 's', d: 0 } as never, { s: 't' }) })).rejects.toThrow(KeyError);
    await expect(Kinds.query('gsi1', { b: 'true' } as never)).rejects.toThrow(KeyError);
    expect(() => Kinds.getOp(wrong)).toThrow(KeyError);
    expect(() => Kinds.deleteOp(wrong)).toThrow(KeyError);
    expect(() => Kinds.conditionOp(wrong, (c) => c.exists('s'))).toThrow(KeyError);
    expect(() => Kinds.updateOp(wrong, { set: { v: 'z' } })).toThrow(KeyError);
    expect(transport.sent.length).toBe(before);
  });

  it('refuses every value whose kind differs from the attribute kind, accepts the right kind (property)', () => {
    const Kinds = define(table);
    const wrongFor: Record<'n' | 's' | 'd', fc.Arbitrary<unknown>> = {
      n: fc.oneof(fc.string(), fc.boolean(), fc.bigInt(), fc.date(), fc.constant({})),
      s: fc.oneof(fc.integer(), fc.boolean(), fc.date(), fc.constant([])),
      d: fc.oneof(fc.string({ minLength: 1 }), fc.integer(), fc.boolean()),
    };
    const good = { n: 1, s: 's', d: new Date(0) };
    for (const attribute of ['n', 's', 'd'] as const) {
      fc.assert(
        fc.property(wrongFor[attribute], (value) => {
          expect(() => Kinds.getOp({ ...good, [attribute]: value } as never)).toThrow(KeyError);
        }),
        { numRuns: 100 },
      );
    }
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ minLength: 1 }).filter((s) => !/\p{Cs}/u.test(s)), (n, s) => {
        expect(() => Kinds.getOp({ n, s, d: new Date(0) })).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});
