import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { batchWrite, Table } from '../../src/index.js';
import { faultSuite, FULL, reportRun, size, TIMEOUT } from './fault-suite.js';

// ~30 % transient faults (throttling, 5xx, resets before and after applying) and a partial batch on
// most other requests, holding back half of its items: the harsh case the default budget must survive.
const suite = faultSuite({
  seed: 19,
  rates: { throttling: 0.06, 'internal-error': 0.06, unavailable: 0.06, 'reset-before': 0.06, 'reset-after': 0.06, 'partial-batch': 0.6 },
  partialBatchShare: 0.5,
});

const ITEMS = size(1_000, 10_000);

describe(`fault suite: a ${ITEMS.toLocaleString('en-US')}-item batch write`, () => {
  it('completes by itself with the default retry budget; Local holds every item exactly as written', async () => {
    // maxAttempts 1: the SDK hands every transient error straight to tablewright's own loop.
    const table = new Table({ name: suite.tableName, client: suite.client({ maxAttempts: 1 }), partitionKey: 'pk', sortKey: 'sk' });
    const Reading = table.entity('Reading', {
      schema: z.object({ sensor: z.string(), at: z.number().int(), value: z.number() }),
      keys: { primary: { pk: ['SENSOR', 'sensor'], sk: ['AT', 'at'] } },
    });
    const readings = Array.from({ length: ITEMS }, (_, i) => ({ sensor: `s${i % 7}`, at: i, value: i * 0.25 }));
    // The short profile keeps the default budget (60 s deadline, 100 sends per chunk) with short delays.
    const retry = FULL ? undefined : { baseDelayMs: 2, maxDelayMs: 20 };
    const started = Date.now();
    const result = await batchWrite(readings.map((r) => Reading.putOp(r)), { concurrency: 8, stats: true, ...(retry && { retry }) });
    const elapsed = Date.now() - started;

    expect(result.written).toBe(ITEMS);
    expect(result.unprocessed).toEqual([]);
    expect(result.outcomeUnknown).toEqual([]);
    expect(result.stats!.retries).toBeGreaterThan(0);
    expect(result.stats!.sends).toBe(suite.proxy.stats().byOperation.BatchWriteItem);

    const stored = new Map((await suite.scan()).map((item) => [Number(item.at!.N), item]));
    expect(stored.size).toBe(ITEMS);
    for (const r of readings) {
      const item = stored.get(r.at);
      expect(item?.sensor?.S).toBe(r.sensor);
      expect(Number(item?.value?.N)).toBe(r.value);
    }
    reportRun('batch write', suite.proxy.stats(), { items: ITEMS, lost: ITEMS - stored.size, elapsedMs: elapsed, sends: result.stats!.sends }, {
      maxRequests: Math.ceil(ITEMS / 25) * 100,
      minShare: 0.2,
    });
  }, TIMEOUT);
});
