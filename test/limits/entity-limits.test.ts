import { GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ConfigurationError,
  ITEM_SIZE_LIMIT,
  ItemTooLargeError,
  KeyError,
  ValidationError,
  checkUpdateSizes,
  itemSize,
  type Table,
} from '../../src/index.js';
import { checkEntityUpdate } from '../../src/limits/update-size.js';
import { mapAwsError } from '../../src/request/map-error.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
let table: Table<'gsi1'>;

const docSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  meta: z.object({ at: z.date(), tags: z.array(z.string()) }).optional(),
  extra: z.any().optional(),
  big: z.bigint().optional(),
});

function defineDoc(t: Table<'gsi1'>) {
  return t.entity('Doc', { schema: docSchema, keys: { primary: { pk: ['DOC', 'id'], sk: ['DOC'] }, gsi1: { pk: ['TITLE', 'title'], sk: ['DOC'] } } });
}
function defineZipped(t: Table<'gsi1'>) {
  return t.entity('Zipped', {
    schema: docSchema,
    keys: { primary: { pk: ['ZIP', 'id'], sk: ['ZIP'] } },
    compress: { body: 'brotli', meta: 'gzip', extra: 'zlib' },
  });
}
let Doc: ReturnType<typeof defineDoc>;
let Zipped: ReturnType<typeof defineZipped>;

beforeAll(async () => {
  table = await createTestTable(client);
  Doc = defineDoc(table);
  Zipped = defineZipped(table);
});

const raw = async (pk: string, sk: string) =>
  (await client.send(new GetItemCommand({ TableName: table.name, Key: { pk: { S: pk }, sk: { S: sk } } }))).Item;

describe('put refuses oversize items before sending', () => {
  it('throws ItemTooLargeError with the size, the limit and the largest attributes; nothing is stored', async () => {
    const item = { id: 'big', title: 't', body: 'x'.repeat(500_000), extra: { note: 'y'.repeat(1000) } };
    const error = await Doc.put(item).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ItemTooLargeError);
    const e = error as ItemTooLargeError;
    expect(e.size).toBe(Doc.size(item));
    expect(e.limit).toBe(409_600);
    expect(e.entity).toBe('Doc');
    expect(e.key).toEqual({ id: 'big' });
    expect(e.largest[0]).toEqual({ attribute: 'body', size: 4 + 500_000 });
    expect(e.largest[1]?.attribute).toBe('extra');
    expect(e.message).toContain('body 500,004 B');
    expect(await raw('DOC#big', 'DOC')).toBeUndefined();
  });

  it('stores an item of exactly 409,600 bytes and refuses one of 409,601 (agreeing with Local)', async () => {
    const base = { id: 'edge', title: 't', body: '' };
    const size = Doc.size(base);
    const room = ITEM_SIZE_LIMIT - size;
    const at = { ...base, body: 'é'.repeat(Math.floor(room / 2)) + 'a'.repeat(room % 2) };
    expect(Doc.size(at)).toBe(ITEM_SIZE_LIMIT);
    await Doc.put(at);
    expect((await Doc.get({ id: 'edge' }))?.body).toBe(at.body);

    const over = { ...at, body: at.body + 'a' };
    await expect(Doc.put(over)).rejects.toBeInstanceOf(ItemTooLargeError);
    // The same stored item sent raw: Local refuses it too.
    const stored = Doc.toStored(over);
    expect(itemSize(stored)).toBe(ITEM_SIZE_LIMIT + 1);
    await expect(client.send(new PutItemCommand({ TableName: table.name, Item: marshall(stored) }))).rejects.toThrow(
      'Item size has exceeded the maximum allowed size',
    );
  });

  it('sizes the item as stored: keys, index keys and entity type included', () => {
    const item = { id: 'k', title: 'T', body: 'b' };
    const stored = Doc.toStored(item);
    expect(Object.keys(stored).sort()).toEqual(['_et', 'body', 'gsi1pk', 'gsi1sk', 'id', 'pk', 'sk', 'title']);
    expect(Doc.size(item)).toBe(itemSize(stored));
    const report = Doc.sizeReport(item);
    expect(report.total).toBe(report.size);
    expect(report.fits).toBe(true);
    expect(report.attributes.map((a) => a.attribute)).toContain('_et');
  });
});

describe('values DynamoDB refuses fail with ValidationError naming the path', () => {
  it.each([
    ['NaN', { extra: { scores: [1, Number.NaN] } }, ['extra', 'scores', 1], 'number_not_finite'],
    ['Infinity', { extra: Infinity }, ['extra'], 'number_not_finite'],
    ['39 digits', { big: 10n ** 38n + 1n }, ['big'], 'number_precision'],
    ['overflow', { big: 10n ** 126n }, ['big'], 'number_overflow'],
    ['underflow', { extra: { tiny: 1e-200 } }, ['extra', 'tiny'], 'number_underflow'],
    ['empty set in an untyped field', { extra: { s: new Set() } }, ['extra', 's'], 'empty_set'],
    ['invalid Date in an untyped field', { extra: [new Date(Number.NaN)] }, ['extra', 0], 'invalid_date'],
  ])('%s', async (_name, patch, path, code) => {
    const error = await Doc.put({ id: `v-${code}`, title: 't', body: 'b', ...patch }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path, code })]);
    expect(await raw(`DOC#v-${code}`, 'DOC')).toBeUndefined();
    // size() measures what it can and throws nothing but TablewrightErrors (an invalid Date threw a RangeError)
    expect(Number.isFinite(Doc.size({ id: 'x', title: 't', body: 'b', ...patch }))).toBe(true);
  });
});

describe('keys', () => {
  it('refuses a key over 2,048 bytes with KeyError too-large (before sending)', async () => {
    const error = await Doc.put({ id: 'é'.repeat(1100), title: 't', body: 'b' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyError);
    expect(error).toMatchObject({ reason: 'too-large', attribute: 'pk', size: 4 + 2200, limit: 2048 });
  });
  it('refuses an empty string in a key attribute', async () => {
    await expect(Doc.put({ id: '', title: 't', body: 'b' })).rejects.toMatchObject({ name: 'KeyError', reason: 'empty', attribute: 'id' });
    await expect(Doc.put({ id: 'e', title: '', body: 'b' })).rejects.toMatchObject({ name: 'KeyError', reason: 'empty', attribute: 'title', index: 'gsi1' });
  });
});

describe('compression', () => {
  const body = 'The quick brown fox jumps over the lazy dog. '.repeat(13_000); // ~585 KB
  const meta = { at: new Date('2024-01-02T03:04:05.000Z'), tags: ['a', 'b'] };

  it('stores an item that is too large uncompressed, as Binary, and reads it back typed', async () => {
    await expect(Doc.put({ id: 'z1', title: 't', body })).rejects.toBeInstanceOf(ItemTooLargeError);
    const item = { id: 'z1', title: 't', body, meta, extra: { n: 1, s: 'x' } };
    expect(Zipped.size(item)).toBeLessThan(20_000);
    await Zipped.put(item);
    const stored = await raw('ZIP#z1', 'ZIP');
    expect(stored?.body?.B).toBeInstanceOf(Uint8Array);
    expect(stored?.meta?.B).toBeInstanceOf(Uint8Array);
    expect(stored?.extra?.B).toBeInstanceOf(Uint8Array);
    const read = await Zipped.get({ id: 'z1' });
    expect(read).toEqual(item);
    expect(read?.meta?.at).toBeInstanceOf(Date);
    expect(await Zipped.get({ id: 'z1' }, { attributes: ['body'] })).toEqual({ body });
  });

  it('reads values written before compression was enabled as they are', async () => {
    await client.send(new PutItemCommand({ TableName: table.name, Item: marshall({ pk: 'ZIP#old', sk: 'ZIP', _et: 'Zipped', id: 'old', title: 't', body: 'plain' }) }));
    expect((await Zipped.get({ id: 'old' }))?.body).toBe('plain');
  });

  it('refuses compression of key attributes, unknown attributes and sets', () => {
    const schema = z.object({ id: z.string(), tags: z.set(z.string()), body: z.string() });
    const keys = { primary: { pk: ['X', 'id'], sk: ['X'] } } as const;
    expect(() => table.entity('K1', { schema, keys, compress: { id: 'brotli' } })).toThrow(ConfigurationError);
    expect(() => table.entity('K2', { schema, keys, compress: { tags: 'gzip' } })).toThrow(/set cannot be compressed/);
    expect(() => table.entity('K3', { schema, keys, compress: { nope: 'gzip' } as never })).toThrow(/no attribute "nope"/);
    expect(() => table.entity('K4', { schema, keys, compress: { body: 'lz4' as never } })).toThrow(/unknown algorithm/);
  });
});

describe('updates', () => {
  it("maps DynamoDB's update size rejection to ItemTooLargeError", async () => {
    await Doc.put({ id: 'u1', title: 't', body: 'x'.repeat(300_000) });
    const error = await client
      .send(
        new UpdateItemCommand({
          TableName: table.name,
          Key: { pk: { S: 'DOC#u1' }, sk: { S: 'DOC' } },
          UpdateExpression: 'SET #e = :v',
          ExpressionAttributeNames: { '#e': 'extra' },
          ExpressionAttributeValues: { ':v': { S: 'y'.repeat(200_000) } },
        }),
      )
      .catch((e: unknown) => mapAwsError(e, { entity: 'Doc', key: { id: 'u1' } }));
    expect(error).toBeInstanceOf(ItemTooLargeError);
    expect(error).toMatchObject({ entity: 'Doc', key: { id: 'u1' }, size: undefined, limit: ITEM_SIZE_LIMIT });
  });

  it('checkUpdateSizes refuses values that alone exceed the limit, and bad numbers, before sending', () => {
    const key = { pk: 'DOC#u1', sk: 'DOC' };
    expect(checkUpdateSizes('Doc', key, [{ path: 'title', value: 'abc' }])).toBe(2 + 6 + 2 + 3 + 5 + 3);
    const error = (() => {
      try {
        checkUpdateSizes('Doc', key, [
          { path: 'body', value: 'x'.repeat(300_000) },
          { path: ['meta', 'notes'], value: 'y'.repeat(110_000) },
        ]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ItemTooLargeError);
    expect((error as ItemTooLargeError).largest.map((l) => l.attribute)).toEqual(['body', 'meta.notes', 'pk', 'sk']);
    expect(() => checkUpdateSizes('Doc', key, [{ path: ['extra', 0], value: Number.NaN }])).toThrow(ValidationError);
  });

  it('checkUpdateSizes names the largest parts of an update over the limit given as a one-shot iterable too', () => {
    const key = { pk: 'DOC#u1', sk: 'DOC' };
    function* assignments() {
      yield { path: 'body', value: 'x'.repeat(300_000) };
      yield { path: ['meta', 'notes'], value: 'y'.repeat(110_000) };
    }
    const error = (() => {
      try {
        checkUpdateSizes('Doc', key, assignments());
      } catch (e) {
        return e;
      }
    })() as ItemTooLargeError;
    expect(error).toBeInstanceOf(ItemTooLargeError);
    expect(error.largest.map((l) => l.attribute)).toEqual(['body', 'meta.notes', 'pk', 'sk']);
  });
});

describe('checkEntityUpdate (for the update operation)', () => {
  it('builds the stored key from the entity key and names the entity key in errors', () => {
    expect(checkEntityUpdate(Doc.model, { id: 'u1' }, [{ path: 'title', value: 'abc' }])).toBe(
      checkUpdateSizes('Doc', { pk: 'DOC#u1', sk: 'DOC' }, [{ path: 'title', value: 'abc' }]),
    );
    expect(() => checkEntityUpdate(Doc.model, { id: 'u1' }, [{ path: 'body', value: 'x'.repeat(409_600) }])).toThrow(
      expect.objectContaining({ name: 'ItemTooLargeError', entity: 'Doc', key: { id: 'u1' } }),
    );
  });
});
