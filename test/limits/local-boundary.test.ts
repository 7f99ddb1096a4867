import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ITEM_SIZE_LIMIT, itemSize, itemSizeBreakdown, type Table } from '../../src/index.js';
import { numberIssue } from '../../src/limits/number-limits.js';
import { createTestTable, localClient } from '../helpers/local.js';
import { plainItem } from './arbitraries.js';

const client = localClient();
let table: Table<'gsi1'>;
beforeAll(async () => {
  table = await createTestTable(client);
});

/** Outcome of a raw PutItem: 'ok', or the AWS error name and message. */
async function put(item: Record<string, unknown>): Promise<string> {
  try {
    await client.send(new PutItemCommand({ TableName: table.name, Item: marshall(item, { removeUndefinedValues: true }) }));
    return 'ok';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

/** A padding value of exactly `bytes` bytes, in one of several encodings. */
function pad(bytes: number, kind: 'ascii' | 'two-byte' | 'emoji' | 'binary'): unknown {
  switch (kind) {
    case 'ascii':
      return 'a'.repeat(bytes);
    case 'two-byte':
      return 'é'.repeat(Math.floor(bytes / 2)) + 'a'.repeat(bytes % 2);
    case 'emoji':
      return '😀'.repeat(Math.floor(bytes / 4)) + 'a'.repeat(bytes % 4);
    case 'binary':
      return new Uint8Array(bytes);
  }
}

describe('item size calculator vs DynamoDB Local at the 409,600-byte boundary', () => {
  it('Local accepts every item the calculator sizes at the limit and rejects every item one byte over', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(plainItem({ maxLength: 2000 }), fc.constantFrom('ascii', 'two-byte', 'emoji', 'binary') as fc.Arbitrary<'ascii'>, async (body, kind) => {
        const base = { pk: `P#${++run}`, sk: 'S', ...body };
        const size = itemSize(base);
        fc.pre(size + 3 < ITEM_SIZE_LIMIT);
        const over = { ...base, pad: pad(ITEM_SIZE_LIMIT + 1 - size - 3, kind) };
        const at = { ...base, pad: pad(ITEM_SIZE_LIMIT - size - 3, kind) };
        expect(itemSize(over)).toBe(ITEM_SIZE_LIMIT + 1);
        expect(itemSize(at)).toBe(ITEM_SIZE_LIMIT);
        expect(await put(over)).toBe('ValidationException: Item size has exceeded the maximum allowed size');
        expect(await put(at)).toBe('ok');
      }),
      { numRuns: 50 },
    );
  });
});

describe('number limits vs DynamoDB Local', () => {
  const edges = [
    '9'.repeat(38),
    '9'.repeat(39),
    '1' + '0'.repeat(37) + '1',
    '0.' + '1'.repeat(38),
    '9.9999999999999999999999999999999999999E+125',
    '-9.9999999999999999999999999999999999999E+125',
    '1E+126',
    '-1E+126',
    '1E-130',
    '-1E-130',
    '1E-131',
    '0.00000000000000000000000000000000000000000001',
    '0',
  ];
  it.each(edges)('%s: Local accepts it exactly when numberIssue finds nothing', async (text) => {
    const ok = numberIssue(text) === undefined;
    const result = await putNumber(text);
    expect(result === 'ok').toBe(ok);
  });

  it('agrees on random digit strings and exponents around the limits (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.stringMatching(/^[1-9][0-9]{0,40}$/),
        fc.oneof(fc.integer({ min: -175, max: -120 }), fc.integer({ min: 80, max: 130 })),
        async (negative, digits, exponent) => {
          const text = `${negative ? '-' : ''}0.${digits}E${exponent}`;
          expect((await putNumber(text)) === 'ok').toBe(numberIssue(text) === undefined);
        },
      ),
      { numRuns: 60 },
    );
  });
});

let numberRun = 0;
async function putNumber(text: string): Promise<string> {
  try {
    await client.send(new PutItemCommand({ TableName: table.name, Item: { pk: { S: `N#${++numberRun}` }, sk: { S: 'N' }, n: { N: text } } }));
    return 'ok';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

describe('nesting depth vs DynamoDB Local', () => {
  const nest = (depth: number, kind: 'map' | 'list' | 'set'): unknown =>
    depth === 0 ? 'x' : kind === 'list' ? [nest(depth - 1, kind)] : kind === 'set' && depth === 1 ? new Set(['x']) : { a: nest(depth - 1, kind) };
  it.each([
    ['map', 31, true],
    ['map', 32, false],
    ['list', 31, true],
    ['list', 32, false],
    ['set', 32, true], // 31 maps around a set: sets are not a level
    ['set', 33, false],
  ] as const)('%s nested %i deep (accepted: %s): the calculator and Local agree', async (kind, depth, accepted) => {
    const item = { pk: `D#${kind}${depth}`, sk: 'D', v: nest(depth, kind) };
    const issues = itemSizeBreakdown(item).issues;
    const result = await put(item);
    expect(result === 'ok').toBe(accepted);
    expect(issues.map((i) => i.code)).toEqual(accepted ? [] : ['nesting_too_deep']);
    if (result !== 'ok') expect(result).toContain('Nesting Levels have exceeded supported limits');
  });
});
