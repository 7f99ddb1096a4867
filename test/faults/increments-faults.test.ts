import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Table, VersionConflictError, WriteOutcomeUnknownError, WriteUnconfirmedError } from '../../src/index.js';
import { faultSuite, reportRun, reread, size, stopAt, TIMEOUT } from './fault-suite.js';

// 20 % faults, most of them lost responses (applied, then the connection reset).
const suite = faultSuite({ seed: 4, rates: { 'reset-after': 0.13, 'reset-before': 0.05, 'internal-error': 0.05 } });

const INCREMENTS = size(80, 2_000);
const WRITERS = 4;

describe(`fault suite: ${INCREMENTS.toLocaleString('en-US')} version-locked increments from ${WRITERS} writers`, () => {
  it('0 lost, 0 double-applied, 0 false conflicts; Local holds exactly the increments reported done', async () => {
    const define = () => {
      const table = new Table({ name: suite.tableName, client: suite.client(), partitionKey: 'pk', sortKey: 'sk' });
      return table.entity('Counter', {
        schema: z.object({ id: z.string(), count: z.number().int(), ops: z.set(z.string()).optional(), version: z.number().int().optional() }),
        keys: { primary: { pk: ['COUNTER', 'id'], sk: ['COUNTER'] } },
        version: true,
      });
    };
    const writers = Array.from({ length: WRITERS }, define);
    await writers[0]!.put({ id: 'c', count: 0 });
    const applied = async (op: string) => (await reread(() => writers[0]!.get({ id: 'c' }, { consistent: true })))?.ops?.has(op) ?? false;

    const done: string[] = [];
    let conflicts = 0;
    let falseConflicts = 0;
    let unknown = 0;
    let next = 0;
    const started = Date.now();
    const deadline = stopAt();
    await Promise.all(
      writers.map(async (Counter, w) => {
        while (next < INCREMENTS && Date.now() < deadline) {
          const op = `w${w}-${next++}`;
          // One logical increment, retried after a conflict under the same op id: a double apply would show.
          for (;;) {
            const current = (await reread(() => Counter.get({ id: 'c' }, { consistent: true })))!;
            try {
              await Counter.update({ id: 'c' }, { set: { count: current.count + 1 }, add: { ops: new Set([op]) } }, { expectedVersion: current.version! });
              done.push(op);
              break;
            } catch (error) {
              if (error instanceof WriteOutcomeUnknownError || error instanceof WriteUnconfirmedError) {
                unknown++;
                if (await applied(op)) {
                  done.push(op);
                  break;
                }
                continue;
              }
              if (!(error instanceof VersionConflictError)) throw error;
              conflicts++;
              if (await applied(op)) {
                falseConflicts++;
                done.push(op);
                break;
              }
            }
          }
        }
      }),
    );
    const elapsed = Date.now() - started;

    const [item] = await suite.scan();
    const ops = new Set(item!.ops!.SS);
    const count = Number(item!.count!.N);
    const lost = done.filter((op) => !ops.has(op)).length;
    const doubleApplied = count - ops.size;
    reportRun('increments', suite.proxy.stats(), { increments: INCREMENTS, writers: WRITERS, conflicts, falseConflicts, unknown, lost, doubleApplied, elapsedMs: elapsed }, {
      maxRequests: INCREMENTS * 40,
      minShare: 0.2,
    });
    expect(done).toHaveLength(INCREMENTS);
    expect(lost).toBe(0);
    expect(doubleApplied).toBe(0);
    expect(falseConflicts).toBe(0);
    expect(count).toBe(INCREMENTS);
    expect(Number(item!.version!.N)).toBe(INCREMENTS + 1);
    expect(suite.proxy.stats().lostResponses).toBeGreaterThan(0);
  }, TIMEOUT);
});
