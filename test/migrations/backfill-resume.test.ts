import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { BatchWriteItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { planBackfill, runBackfillUnit } from '../../src/admin.js';
import { createTestTable, localClient } from '../helpers/local.js';
import { backfillModel } from './fixtures/backfill-model.js';

/**
 * A backfill shared by child processes, one of them killed mid-way and its
 * unit resumed, while a writer changes items: every item ends at v2 migrated
 * exactly once, and every write of the writer survives. Default 1,000 items;
 * `TABLEWRIGHT_BACKFILL_ITEMS=20000` (npm run test:backfill-full) is the full profile.
 */
const ITEMS = Number(process.env.TABLEWRIGHT_BACKFILL_ITEMS ?? 1000);
const accessKey = `bf${randomUUID().replaceAll('-', '')}`;
const client = localClient({ accessKeyId: accessKey });
const child = fileURLToPath(new URL('./fixtures/backfill-child.ts', import.meta.url));

async function seed(table: string, count: number): Promise<void> {
  const batches: Record<string, AttributeValue>[][] = [];
  for (let i = 0; i < count; i += 25) {
    batches.push(
      Array.from({ length: Math.min(25, count - i) }, (_, j) => {
        const id = `u${String(i + j).padStart(6, '0')}`;
        return { pk: { S: `USER#${id}` }, sk: { S: 'PROFILE' }, _et: { S: 'User' }, id: { S: id }, name: { S: `First ${id} Last` }, edits: { N: '0' } };
      }),
    );
  }
  const queue = [...batches];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        let request: Record<string, { PutRequest: { Item: Record<string, AttributeValue> } }[]> | undefined = {
          [table]: batch.map((Item) => ({ PutRequest: { Item } })),
        };
        while (request && Object.keys(request).length) {
          const out = await client.send(new BatchWriteItemCommand({ RequestItems: request }));
          request = out.UnprocessedItems as typeof request;
        }
      }
    }),
  );
}

function runChild(table: string, unit: unknown, onLine: (line: string, kill: () => void) => void): Promise<{ code: number | null; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child], {
      env: { ...process.env, TW_ENDPOINT: inject('dynamoEndpoint'), TW_ACCESS_KEY: accessKey, TW_TABLE: table, TW_UNIT: JSON.stringify(unit) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        onLine(line, () => proc.kill('SIGKILL'));
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`child exited ${code}: ${stderr}`));
      else resolve({ code, lines });
    });
  });
}

describe('backfill across processes', () => {
  it(`migrates ${ITEMS} items exactly once through a killed and resumed unit, losing no concurrent write`, { timeout: 600_000 }, async () => {
    const created = await createTestTable(client);
    const { User } = backfillModel(client, created.name);
    await seed(created.name, ITEMS);
    const plan = planBackfill(User, { id: 'user-v2', totalSegments: 8, units: 4 });

    // The writer: read (migrated on read) and put back with one more edit, partitioned so no two tasks share an item.
    const edits = new Map<string, number>();
    let writing = true;
    // One writer task for the whole run (more would mostly load the shared Local).
    const writers = [
      (async () => {
        for (let n = 0; writing; n++) {
          const id = `u${String((n * 7919) % ITEMS).padStart(6, '0')}`;
          const user = await User.get({ id });
          await User.put({ ...user!, edits: user!.edits + 1 });
          edits.set(id, (edits.get(id) ?? 0) + 1);
        }
      })(),
    ];

    let killedAfter: number | undefined;
    const [killed, other] = await Promise.all([
      runChild(created.name, plan.units[0], (line, kill) => {
        const match = /^P (.*)$/.exec(line);
        if (match && killedAfter === undefined && (JSON.parse(match[1]!) as { rewritten: number }).rewritten > 0) {
          killedAfter = (JSON.parse(match[1]!) as { rewritten: number }).rewritten;
          kill();
        }
      }),
      runChild(created.name, plan.units[1], () => undefined),
      runBackfillUnit(User, plan.units[2]!, { pageSize: 25 }),
      runBackfillUnit(User, plan.units[3]!, { pageSize: 25 }),
    ]);
    expect(killedAfter).toBeGreaterThan(0);
    expect(killed.lines.some((l) => l.startsWith('DONE'))).toBe(false);
    expect(other.lines.some((l) => l.startsWith('DONE'))).toBe(true);

    // The killed unit resumes from its checkpoints: what it stored already counts.
    const resumedEvents: { scanned: number }[] = [];
    const rewrittenKeys: string[] = [];
    const resumed = await runBackfillUnit(User, plan.units[0]!, {
      pageSize: 25,
      onProgress: (p) => resumedEvents.push(p),
      onItem: (e) => e.outcome === 'rewritten' && rewrittenKeys.push(String(e.key.id)),
    });
    writing = false;
    await Promise.all(writers);
    expect(resumed.failed).toBe(0);
    expect(resumed.segmentsDone).toBe(plan.units[0]!.segments.length);
    expect(resumedEvents[0]!.scanned).toBeGreaterThan(0);

    // No item was rewritten by two processes.
    const reported = [...killed.lines, ...other.lines].filter((l) => l.startsWith('R ')).map((l) => l.slice(2));
    reported.push(...rewrittenKeys);
    expect(new Set(reported).size).toBe(reported.length);

    // Every item is at v2, migrated once, and carries every edit of the writer.
    const stored = new Map<string, Record<string, AttributeValue>>();
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: created.name, ExclusiveStartKey: start, FilterExpression: '#et = :u', ExpressionAttributeNames: { '#et': '_et' }, ExpressionAttributeValues: { ':u': { S: 'User' } } }));
      for (const item of page.Items ?? []) stored.set(item.id!.S!, item);
      start = page.LastEvaluatedKey;
    } while (start);
    expect(stored.size).toBe(ITEMS);
    const wrong: string[] = [];
    for (const [id, item] of stored) {
      if (item._sv?.N !== '2' || item.migrations?.N !== '1' || item.name !== undefined || item.firstName?.S !== 'First') wrong.push(`${id}: ${JSON.stringify(item)}`);
      if (Number(item.edits!.N) !== (edits.get(id) ?? 0)) wrong.push(`${id}: edits ${item.edits!.N}, writer made ${edits.get(id) ?? 0}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(edits.size).toBeGreaterThan(0);
  });
});
