import { PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConditionFailedError, Table, ValidationError, batchGet, directTransport, transactGet } from '../../src/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

/** An object with `key` as a plain own property (an object literal `{ __proto__: v }` would set the prototype). */
function own<T>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

const client = localClient();
let sdkTable: Table<'gsi1'>;
let directTable: Table<'gsi1'>;

beforeAll(async () => {
  sdkTable = await createTestTable(client);
  directTable = new Table({
    name: sdkTable.name,
    client,
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } },
    transport: directTransport(client),
  });
});

const schema = z.object({
  id: z.string(),
  meta: z.record(z.string(), z.string()).optional(),
  doc: z.any().optional(),
});

function entities(table: Table<'gsi1'>) {
  const Doc = table.entity('Doc', { schema, keys: { primary: { pk: ['P', 'id'], sk: ['DOCUMENT'] } } });
  const Odd = table.entity('Odd', {
    schema: z.object({
      id: z.string(),
      constructor: z.string(),
      prototype: z.number(),
      toString: z.string().optional(),
      hasOwnProperty: z.boolean().optional(),
      valueOf: z.object({ constructor: z.string() }).optional(),
    }),
    keys: { primary: { pk: ['P', 'id'], sk: ['ODD'] } },
  });
  return { Doc, Odd };
}

/** Stores an item the way another client could: a raw PutItem through the SDK. */
async function rawPut(id: string, attributes: Record<string, AttributeValue>): Promise<void> {
  const item: Record<string, AttributeValue> = { pk: { S: `P#${id}` }, sk: { S: 'DOCUMENT' }, _et: { S: 'Doc' }, id: { S: id } };
  for (const [name, value] of Object.entries(attributes)) own(item, name, value);
  await client.send(new PutItemCommand({ TableName: sdkTable.name, Item: item }));
}

const transports = [
  ['the SDK transport', () => sdkTable],
  ['the direct transport', () => directTable],
] as const;

describe.each(transports)('hostile attribute names through %s', (_, tableOf) => {
  it('reads an item with a stored top-level `__proto__` attribute on every read path, prototypes untouched', async () => {
    const { Doc } = entities(tableOf());
    const id = `top-${tableOf() === sdkTable ? 'sdk' : 'direct'}`;
    for (const stored of [{ S: 'evil' }, { M: { polluted: { S: 'yes' } } }] as AttributeValue[]) {
      await rawPut(id, own({}, '__proto__', stored));
      const raw = (await Doc.get({ id }, { raw: true }))!;
      expect(Object.getPrototypeOf(raw)).toBe(Object.prototype);
      // The SDK's own deserializer loses the value of a top-level `__proto__` (it arrives as undefined);
      // the direct transport parses the JSON itself and keeps it as an own property.
      const kept = Object.getOwnPropertyDescriptor(raw, '__proto__')?.value;
      if (tableOf() === directTable) expect(kept).toEqual('S' in stored ? 'evil' : { polluted: 'yes' });
      else expect(kept).toBeUndefined();
      const reads = [
        await Doc.get({ id }),
        (await Doc.query('primary', { id })).items[0],
        (await Doc.scan()).items.find((i) => i.id === id),
        (await tableOf().collection({ docs: Doc }).query({ id })).items.docs[0],
        (await transactGet([Doc.getOp({ id })] as const))[0],
        (await batchGet([Doc.getOp({ id })] as const))[0],
        (await Doc.put({ id }, { returnValues: 'ALL_OLD' })).previous,
      ];
      for (const item of reads) {
        expect(item).toEqual({ id });
        expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
        expect((item as Record<string, unknown>).polluted).toBeUndefined();
      }
    }
    await rawPut(id, own({}, '__proto__', { S: 'again' }));
    const deleted = await Doc.delete({ id }, { returnValues: 'ALL_OLD' });
    expect(deleted).toEqual({ id });
  });

  it('raw reads keep a stored map key `__proto__` as a plain own property, never as the prototype', async () => {
    const { Doc } = entities(tableOf());
    const id = `map-${tableOf() === sdkTable ? 'sdk' : 'direct'}`;
    await rawPut(id, {
      doc: { M: own({ a: { S: 'x' } }, '__proto__', { M: { polluted: { S: 'yes' } } }) },
    });
    const raw = (await Doc.get({ id }, { raw: true })) as { doc: Record<string, unknown> };
    expect(Object.getPrototypeOf(raw.doc)).toBe(Object.prototype);
    expect(raw.doc.polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(raw.doc, '__proto__')?.value).toEqual({ polluted: 'yes' });
    // Typed: z.any() passes the own property through, still not as the prototype.
    const typed = (await Doc.get({ id }))!;
    expect(Object.getPrototypeOf(typed.doc)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(typed.doc, '__proto__')?.value).toEqual({ polluted: 'yes' });
  });

  it('refuses a `__proto__` key on write (zod would drop it silently) and leaves the stored item alone', async () => {
    const { Doc } = entities(tableOf());
    const id = `write-${tableOf() === sdkTable ? 'sdk' : 'direct'}`;
    await Doc.put({ id, meta: { a: 'kept' } });
    const attempts: (() => Promise<unknown>)[] = [
      () => Doc.put({ id, meta: own({ a: 'x' }, '__proto__', 'P') }),
      () => Doc.put({ id, doc: { deep: [own({}, '__proto__', { x: 1 })] } }),
      () => Doc.put(own({ id }, '__proto__', 'top')),
      () => Doc.update({ id }, { set: { 'meta.__proto__': 'Q' } }),
      () => Doc.update({ id }, { set: { meta: own({ a: 'y' }, '__proto__', 'Q') } }),
      () => Doc.update({ id }, (u) => u.set(['meta', '__proto__'], 'Q')),
      () => tableOf().transactWrite([Doc.putOp({ id, meta: own({}, '__proto__', 'T') })]),
    ];
    for (const attempt of attempts) {
      const error = await Promise.resolve().then(attempt).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]!.path).toContain('__proto__');
    }
    expect(await Doc.get({ id }, { raw: true })).toMatchObject({ id, meta: { a: 'kept' } });
  });

  it('stores and reads schema fields named constructor, prototype, toString, hasOwnProperty, valueOf', async () => {
    const { Odd } = entities(tableOf());
    const item = { id: 'odd', constructor: 'c', prototype: 7, toString: 's', hasOwnProperty: true, valueOf: { constructor: 'inner' } };
    expect(await Odd.put(item)).toEqual(item);
    expect(await Odd.get({ id: 'odd' })).toEqual(item);
    const updated = await Odd.update({ id: 'odd' }, { set: { constructor: 'd', 'valueOf.constructor': 'x' } as never }, { returnValues: 'ALL_NEW' });
    expect(updated).toEqual({ ...item, constructor: 'd', valueOf: { constructor: 'x' } });
    const failed = await Odd.create(item).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ConditionFailedError);
    expect((failed as ConditionFailedError).item).toMatchObject({ constructor: 'd', prototype: 7 });
  });
});

/** Map and record keys a naive object-building reader or writer gets wrong. */
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'),
  fc.constantFrom('a.b', 'a#b', 'a:b', ' a b ', '[0]', '#n', ':v', 'é', '😀', '日本', 'x\u0000y'),
  fc.string({ minLength: 1, maxLength: 6 }),
);

describe('hostile map and record keys (property)', () => {
  it('round-trip put → get on both transports, or are refused with a ValidationError before anything is stored', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(hostileKey, fc.string({ maxLength: 4 }), { maxKeys: 4 }),
        fc.dictionary(hostileKey, fc.oneof(fc.integer(), fc.dictionary(hostileKey, fc.boolean(), { maxKeys: 2 })), { maxKeys: 3 }),
        fc.boolean(),
        async (meta, doc, viaDirect) => {
          const { Doc } = entities(viaDirect ? directTable : sdkTable);
          const id = `prop-${run++}`;
          const item = { id, meta, doc };
          const hasProto = JSON.stringify(item).includes('"__proto__"');
          const result = await Doc.put(item).then(
            () => 'stored',
            (e: unknown) => e,
          );
          if (hasProto) {
            expect(result).toBeInstanceOf(ValidationError);
            expect(await Doc.get({ id })).toBeUndefined();
            return;
          }
          expect(result).toBe('stored');
          const back = await Doc.get({ id });
          expect(back).toEqual(item);
          expect(Object.keys(back!.meta!).sort()).toEqual(Object.keys(meta).sort());
        },
      ),
      { numRuns: 40 },
    );
  });
});
