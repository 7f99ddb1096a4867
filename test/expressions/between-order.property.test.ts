import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { NumberValueImpl as NumberValue } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ExpressionError, type Table } from '../../src/index.js';
import { countingTransport } from '../helpers/counting-transport.js';
import { createTestTable, localClient } from '../helpers/local.js';

/**
 * `BETWEEN low AND high` with `low > high` is a ValidationException from
 * DynamoDB, so tablewright refuses it before sending. DynamoDB Local is the
 * oracle: for random bounds of one type, the raw request fails exactly when
 * tablewright refuses the same bounds, and tablewright sends nothing then.
 */
const client = localClient();
const transport = countingTransport(client);
let table: Table<'gsi1'>;

const schema = z.object({ id: z.string(), n: z.number().optional(), s: z.string().optional(), b: z.instanceof(Uint8Array).optional() });
const entity = (t: Table<'gsi1'>) => t.entity('Bounds', { schema, keys: { primary: { pk: ['B', 'id'], sk: ['B'] } } });

beforeAll(async () => {
  table = await createTestTable(client, { transport });
});

const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: -30, max: 30 }))
  .map(([neg, digits, point, exp]) => {
    const text = digits.toString().padStart(point + 1, '0');
    return `${neg ? '-' : ''}${text.slice(0, text.length - point)}${point ? `.${text.slice(text.length - point)}` : ''}e${exp}`;
  });

type Bounds = { attr: 'n' | 's' | 'b'; low: unknown; high: unknown; wire: [AttributeValue, AttributeValue] };

const numberBound = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => ({ js: n as unknown, wire: String(n) })),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((n) => ({ js: n as unknown, wire: n.toString() })),
  decimalText.map((t) => ({ js: new NumberValue(t) as unknown, wire: t })),
);
const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }).filter((s) => (s as string & { isWellFormed(): boolean }).isWellFormed()); // lone surrogates cannot be sent
const bytes = fc.uint8Array({ minLength: 1, maxLength: 6 });

const bounds: fc.Arbitrary<Bounds> = fc.oneof(
  fc.tuple(numberBound, numberBound).map(([l, h]) => ({ attr: 'n' as const, low: l.js, high: h.js, wire: [{ N: l.wire }, { N: h.wire }] as [AttributeValue, AttributeValue] })),
  fc.tuple(text, text).map(([l, h]) => ({ attr: 's' as const, low: l, high: h, wire: [{ S: l }, { S: h }] as [AttributeValue, AttributeValue] })),
  fc.tuple(bytes, bytes).map(([l, h]) => ({ attr: 'b' as const, low: l, high: h, wire: [{ B: l }, { B: h }] as [AttributeValue, AttributeValue] })),
  // equal bounds are fine
  text.map((s) => ({ attr: 's' as const, low: s, high: s, wire: [{ S: s }, { S: s }] as [AttributeValue, AttributeValue] })),
);

async function dynamodbAccepts(b: Bounds): Promise<boolean> {
  try {
    await client.send(
      new ScanCommand({
        TableName: table.name,
        FilterExpression: '#a BETWEEN :l AND :h',
        ExpressionAttributeNames: { '#a': b.attr },
        ExpressionAttributeValues: { ':l': b.wire[0], ':h': b.wire[1] },
        Limit: 1,
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ValidationException' && /BETWEEN/.test((error as Error).message)) return false;
    throw error;
  }
}

describe('BETWEEN bounds in conditions and filters', () => {
  it('are refused before any request exactly when DynamoDB would refuse them (property, against Local)', async () => {
    const E = entity(table);
    await fc.assert(
      fc.asyncProperty(bounds, async (b) => {
        const accepted = await dynamodbAccepts(b);
        const sent = transport.sent.length;
        let refused: unknown;
        try {
          await E.scan({ filter: (c: any) => c.between(b.attr, b.low, b.high), limit: 1 });
        } catch (error) {
          refused = error;
        }
        if (accepted) expect(refused).toBeUndefined();
        else {
          expect(refused).toBeInstanceOf(ExpressionError);
          expect(transport.sent.length).toBe(sent);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('names the problem', async () => {
    const E = entity(table);
    await expect(E.scan({ filter: (c) => c.between('n', 5, 1) })).rejects.toThrow(/BETWEEN on "n": the low bound is greater than the high bound/);
    await expect(E.scan({ filter: (c) => c.between('s', 'b', 'a') })).rejects.toThrow(ExpressionError);
  });
});
