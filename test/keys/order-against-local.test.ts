import { QueryCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Table } from '../../src/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
let table: Table<'gsi1'>;
beforeAll(async () => {
  table = await createTestTable(client);
});

/** Sort keys of one partition, in DynamoDB's own order. */
async function sortKeysOf(pk: string, prefix?: string): Promise<string[]> {
  const out: string[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: pk }, ...(prefix ? { ':p': { S: prefix } } : {}) },
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(page.Items ?? []).map((i) => i.sk!.S!));
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return out;
}

let run = 0;

describe('key order in DynamoDB Local', () => {
  it('sorts encoded numbers in numeric order (property, checked by Local)', async () => {
    const Reading = table.entity('Reading', {
      schema: z.object({ sensor: z.string(), value: z.number() }),
      keys: { primary: { pk: ['SENSOR', 'sensor'], sk: ['V', 'value'] } },
    });
    // DynamoDB stores numbers with magnitude 1E-130 .. <1E+126 (the attribute itself must fit too).
    const storable = (v: number) => v === 0 || (Math.abs(v) >= 1e-130 && Math.abs(v) < 1e125);
    const values = fc.oneof(
      fc.double({ min: -1e125, max: 1e125, noNaN: true }).filter(storable),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.constantFrom(0, -0.5, 0.5, 1e-130, -1e-130, 1e124, -1e124, 123.456, -123.456, Number.MAX_SAFE_INTEGER),
    );
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(values, { minLength: 2, maxLength: 40, comparator: (a, b) => a === b || (a === 0 && b === 0) }), async (list) => {
        const sensor = `n${run++}`;
        await Promise.all(list.map((value) => Reading.put({ sensor, value })));
        const stored = await sortKeysOf(`SENSOR#${sensor}`);
        const expected = [...list].sort((a, b) => a - b).map((v) => Reading.toStored({ sensor, value: v }).sk);
        expect(stored).toEqual(expected);
      }),
      { numRuns: 15 },
    );
  });

  it('sorts encoded dates in time order (property, checked by Local)', async () => {
    const Event = table.entity('Event', {
      schema: z.object({ stream: z.string(), at: z.date() }),
      keys: { primary: { pk: ['STREAM', 'stream'], sk: ['AT', 'at'] } },
    });
    const dates = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(dates, { minLength: 2, maxLength: 30, selector: (d) => d.getTime() }), async (list) => {
        const stream = `d${run++}`;
        await Promise.all(list.map((at) => Event.put({ stream, at })));
        const stored = await sortKeysOf(`STREAM#${stream}`);
        const expected = [...list].sort((a, b) => a.getTime() - b.getTime()).map((at) => at.toISOString());
        expect(stored.map((sk) => sk.slice('AT#'.length))).toEqual(expected);
      }),
      { numRuns: 10 },
    );
  });

  it('begins_with on a template prefix finds exactly the right items, whatever the values contain', async () => {
    const Line = table.entity('Line', {
      schema: z.object({ doc: z.string(), section: z.string(), line: z.string() }),
      keys: { primary: { pk: ['DOC', 'doc'], sk: ['S', 'section', 'L', 'line'] } },
    });
    const tricky = fc.string({ unit: fc.constantFrom('#', '\\', 'a', 'b', 'L', 'S', '_'), minLength: 1, maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.tuple(tricky, tricky), { minLength: 1, maxLength: 25, selector: ([s, l]) => `${s}\u0000${l}` }), async (rows) => {
        const doc = `b${run++}`;
        await Promise.all(rows.map(([section, line]) => Line.put({ doc, section, line })));
        const sk = Line.model.primary.sk!;
        for (const section of new Set(rows.map(([s]) => s))) {
          const found = await sortKeysOf(`DOC#${doc}`, sk.prefix({ section }));
          const expected = rows.filter(([s]) => s === section).map(([s, line]) => sk.build({ section: s, line }));
          expect(found.sort()).toEqual(expected.sort());
        }
      }),
      { numRuns: 15 },
    );
  });
});
