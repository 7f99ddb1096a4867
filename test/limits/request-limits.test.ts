import { PutItemCommand, TransactWriteItemsCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  RequestLimitError,
  checkTransactWrite,
  chunkWrites,
  marshalledItemSize,
  transactWriteActionSize,
  writeRequestSize,
  type Table,
} from '../../src/index.js';
import { TRANSACTION_MAX_BYTES } from '../../src/limits/request-limits.js';
import { wireItemSize } from '../../src/limits/wire-size.js';
import { createTestTable, localClient } from '../helpers/local.js';
import { plainValue } from './arbitraries.js';

describe('chunkWrites (BatchWriteItem: 25 items, 16 MB)', () => {
  it('chunks by count, in order', () => {
    const items = Array.from({ length: 60 }, (_, i) => i);
    const chunks = chunkWrites(items, () => 10);
    expect(chunks.map((c) => c.length)).toEqual([25, 25, 10]);
    expect(chunks.flat()).toEqual(items);
  });
  it('chunks by bytes', () => {
    expect(chunkWrites([6, 6, 6, 2, 9], (n) => n, { maxBytes: 12 })).toEqual([[6, 6], [6, 2], [9]]);
  });
  it('refuses a single request over the byte limit, naming its index', () => {
    const e = (() => {
      try {
        chunkWrites([1, 2, 30], (n) => n, { maxBytes: 20 });
      } catch (error) {
        return error as RequestLimitError;
      }
    })();
    expect(e).toBeInstanceOf(RequestLimitError);
    expect(e).toMatchObject({ operation: 'BatchWriteItem', kind: 'bytes', index: 2, actual: 30, limit: 20 });
  });
  it('keeps every item once, in order, within both limits (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 200 }), fc.integer({ min: 100, max: 400 }), (sizes, maxBytes) => {
        const chunks = chunkWrites(sizes, (n) => n, { maxBytes });
        expect(chunks.flat()).toEqual(sizes);
        for (const chunk of chunks) {
          expect(chunk.length).toBeGreaterThan(0);
          expect(chunk.length).toBeLessThanOrEqual(25);
          expect(chunk.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(maxBytes);
        }
      }),
    );
  });
});

describe('checkTransactWrite (100 actions, 4 MB)', () => {
  it('refuses 101 actions, naming index 100', () => {
    expect(() => checkTransactWrite(Array.from({ length: 101 }, () => 1), (n) => n)).toThrow(
      expect.objectContaining({ kind: 'actions', limit: 100, actual: 101, index: 100 }),
    );
    expect(checkTransactWrite(Array.from({ length: 100 }, () => 1), (n) => n)).toBe(100);
  });
  it('names the action that crosses 4 MB and reports the total', () => {
    const sizes = [2_000_000, 2_000_000, 200_000, 5];
    expect(() => checkTransactWrite(sizes, (n) => n)).toThrow(
      expect.objectContaining({ kind: 'bytes', index: 2, actual: 4_200_005, limit: TRANSACTION_MAX_BYTES }),
    );
  });
});

describe('transaction payload accounting vs DynamoDB Local', () => {
  const client = localClient();
  let table: Table<'gsi1'>;
  beforeAll(async () => {
    table = await createTestTable(client);
  });

  const put = (id: string, bytes: number): TransactWriteItem => {
    const item = { pk: { S: id }, sk: { S: 's' }, d: { S: '' } };
    const d = bytes - marshalledItemSize(item);
    return { Put: { TableName: table.name, Item: { ...item, d: { S: 'a'.repeat(d) } } } };
  };

  it('accepts exactly 4,194,304 bytes of mixed actions and refuses one byte more, as checkTransactWrite predicts', async () => {
    const others: TransactWriteItem[] = [
      {
        Update: {
          TableName: table.name,
          Key: { pk: { S: 'u' }, sk: { S: 's' } },
          UpdateExpression: 'SET #a = :v, #b = :w',
          ExpressionAttributeNames: { '#a': 'alpha', '#b': 'bétà' },
          ExpressionAttributeValues: { ':v': { S: 'x'.repeat(50) }, ':w': { N: '-12.5' } },
        },
      },
      { Delete: { TableName: table.name, Key: { pk: { S: 'del' }, sk: { S: 's' } }, ConditionExpression: 'attribute_exists(pk)' } },
      {
        ConditionCheck: {
          TableName: table.name,
          Key: { pk: { S: 'cc' }, sk: { S: 's' } },
          ConditionExpression: 'attribute_not_exists(#p)',
          ExpressionAttributeNames: { '#p': 'pk' },
        },
      },
    ];
    const fixed = others.reduce((sum, a) => sum + transactWriteActionSize(a), 0);
    const bigs = Array.from({ length: 10 }, (_, i) => put(`big${i}`, 409_600));
    const rest = TRANSACTION_MAX_BYTES - 10 * 409_600 - fixed;
    const at = [...bigs, put('rest', rest), ...others];
    const over = [...bigs, put('rest', rest + 1), ...others];

    expect(checkTransactWrite(at)).toBe(TRANSACTION_MAX_BYTES);
    expect(() => checkTransactWrite(over)).toThrow(expect.objectContaining({ kind: 'bytes', index: 13, actual: TRANSACTION_MAX_BYTES + 1 }));
    await expect(client.send(new TransactWriteItemsCommand({ TransactItems: over }))).rejects.toThrow(
      `Transaction payload size cannot exceed 4MB. Payload Size: ${TRANSACTION_MAX_BYTES + 1}`,
    );
    // The delete's condition needs the item to exist.
    await client.send(new PutItemCommand({ TableName: table.name, Item: { pk: { S: 'del' }, sk: { S: 's' } } }));
    await client.send(new TransactWriteItemsCommand({ TransactItems: at }));
  });
});

describe('wire sizes (BatchWriteItem 16 MB is about the request body)', () => {
  /** The DynamoDB JSON the SDK sends: binaries as base64. */
  const toJson = (v: unknown): unknown =>
    v instanceof Uint8Array
      ? Buffer.from(v).toString('base64')
      : Array.isArray(v)
        ? v.map(toJson)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJson(x)]))
          : v;

  it('wireItemSize equals the UTF-8 length of the JSON body, escapes and base64 included (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }).filter((s) => s !== '__proto__'),
          fc.oneof(plainValue(30), fc.string({ maxLength: 30 }), fc.constantFrom('"\\\n\t\u0001\ud800', '\udc00x')),
          { minKeys: 1, maxKeys: 8 },
        ),
        (plain) => {
          const item = marshall(plain, { removeUndefinedValues: true });
          const json = JSON.stringify(toJson(item));
          expect(wireItemSize(item)).toBe(Buffer.byteLength(json, 'utf8'));
          expect(writeRequestSize({ PutRequest: { Item: item } })).toBe(Buffer.byteLength(JSON.stringify({ PutRequest: { Item: toJson(item) } })) + 1);
          expect(writeRequestSize({ DeleteRequest: { Key: item } })).toBe(Buffer.byteLength(JSON.stringify({ DeleteRequest: { Key: toJson(item) } })) + 1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('chunks 25 binary-heavy 400 KB items into two requests (each under 16 MB on the wire)', () => {
    const requests = Array.from({ length: 25 }, (_, i) => ({
      PutRequest: { Item: { pk: { S: `p${i}` }, sk: { S: 's' }, b: { B: new Uint8Array(409_500) } } },
    }));
    expect(chunkWrites(requests, (r) => marshalledItemSize(r.PutRequest.Item)).length).toBe(1);
    // 25 × ~546 KB of base64 = 13.6 MB: still one request; 32 would not fit in 16 MB.
    expect(chunkWrites(requests, writeRequestSize).length).toBe(1);
    const quoted = Array.from({ length: 25 }, (_, i) => ({
      PutRequest: { Item: { pk: { S: `p${i}` }, sk: { S: 's' }, q: { S: '"'.repeat(409_000) } } },
    }));
    const chunks = chunkWrites(quoted, writeRequestSize);
    expect(chunks.map((c) => c.length)).toEqual([20, 5]);
  });
});
