import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { estimateMonthlyCost, predictReadCapacity, predictWriteCapacity, runCostCommand } from '../../src/admin.js';
import { batchGet, ConfigurationError, observeRequests, transactWrite, type RequestEvent, type Table } from '../../src/index.js';
import { CapacityMeter } from '../../src/observability.js';
import { createTestTable, localClient } from '../helpers/local.js';

type Indexes = 'gx1' | 'gx2';
let table: Table<Indexes>;
let Doc: ReturnType<typeof define>;
const schema = z.object({ id: z.string(), body: z.string(), a: z.string().optional(), b: z.string().optional() });
const define = (t: Table<Indexes>) =>
  t.entity('Doc', {
    schema,
    // Sparse GSIs: an item lands in gx1 when it has `a`, in gx2 when it has `b`.
    keys: { primary: { pk: ['DOC', 'id'], sk: ['V'] }, gx1: { pk: ['A', 'a'] }, gx2: { pk: ['B', 'b'], sk: ['ID', 'id'] } },
  });

const events: RequestEvent[] = [];
beforeAll(async () => {
  table = await createTestTable(localClient(), {
    indexes: { gx1: { partitionKey: 'g1pk' }, gx2: { partitionKey: 'g2pk', sortKey: 'g2sk', projection: 'keys-only' as const } },
  });
  Doc = define(table);
  observeRequests(table, (e) => events.push(e), { capacity: 'INDEXES' });
});
const last = () => events.at(-1)!.consumed;
const item = (id: string, bytes: number, gsis: 0 | 1 | 2) => ({ id, body: 'x'.repeat(bytes), ...(gsis >= 1 && { a: 'a' }), ...(gsis >= 2 && { b: 'b' }) });

describe('predicted capacity equals what tablewright calls consumed (request events, INDEXES)', () => {
  it('puts across the 1 KB boundaries landing in 0, 1 and 2 GSIs', async () => {
    for (const gsis of [0, 1, 2] as const) {
      // The stored size is the body plus keys and bookkeeping, so these bodies straddle 1 KB and 2 KB.
      for (const bytes of [950, 1000, 1980, 2000]) {
        const doc = item(`p${gsis}-${bytes}`, bytes, gsis);
        await Doc.put(doc);
        expect(last(), `${bytes} B in ${gsis} GSIs (stored ${Doc.size(doc)} B)`).toEqual(predictWriteCapacity(Doc, { after: doc }));
      }
    }
  });

  it('updates that grow and then shrink an item cost the larger of before and after', async () => {
    const small = item('u1', 500, 2);
    const big = { ...small, body: 'y'.repeat(3000) };
    await Doc.put(small);
    await Doc.update({ id: 'u1' }, { set: { body: big.body } });
    expect(last()).toEqual(predictWriteCapacity(Doc, { before: small, after: big }));
    await Doc.update({ id: 'u1' }, { set: { body: small.body } });
    expect(last()).toEqual(predictWriteCapacity(Doc, { before: big, after: small }));
    expect(last()!.table).toBe(predictWriteCapacity(Doc, { after: big }).table);
  });

  it('transactions double, batch reads round each item, a missing batch key costs nothing', async () => {
    const docs = [item('t1', 1500, 1), item('t2', 6000, 0)];
    await transactWrite(docs.map((d) => Doc.putOp(d)));
    const predicted = docs.map((d) => predictWriteCapacity(Doc, { after: d }, { transactional: true }));
    expect(last()!.total).toBe(predicted[0]!.total + predicted[1]!.total);
    await batchGet([...docs.map((d) => Doc.getOp({ id: d.id })), Doc.getOp({ id: 'none' })]);
    expect(last()!.total).toBe(predictReadCapacity('batchGet', [...docs.map((d) => Doc.size(d)), undefined]).total);
  });
});

describe('CapacityMeter', () => {
  it('adds up read and write units per entity and operation, and feeds the cost model', async () => {
    const meter = new CapacityMeter();
    const detach = meter.attach(table);
    const doc = item('m1', 1500, 1);
    await Doc.put(doc);
    await Doc.get({ id: 'm1' });
    await Doc.get({ id: 'm1' }, { consistent: true });
    await Doc.delete({ id: 'm1' });
    await batchGet([Doc.getOp({ id: 'none' })]);
    detach();
    await Doc.get({ id: 'm1' });
    const s = meter.snapshot();
    const write = predictWriteCapacity(Doc, { after: doc }).total;
    expect(s.rows).toEqual([
      { entity: 'Doc', operation: 'PutItem', requests: 1, errors: 0, readUnits: 0, writeUnits: write, unmetered: 0 },
      { entity: 'Doc', operation: 'GetItem', requests: 2, errors: 0, readUnits: 1.5, writeUnits: 0, unmetered: 0 },
      { entity: 'Doc', operation: 'DeleteItem', requests: 1, errors: 0, readUnits: 0, writeUnits: write, unmetered: 0 },
      { entity: '*', operation: 'BatchGetItem', requests: 1, errors: 0, readUnits: 0, writeUnits: 0, unmetered: 0 },
    ]);
    expect([s.readUnits, s.writeUnits, s.requests]).toEqual([1.5, 2 * write, 5]);
    expect(s.peakWriteUnitsPerSecond).toBeGreaterThanOrEqual(write);
    expect(s.peakWriteUnitsPerSecond).toBeLessThanOrEqual(2 * write);
    expect(s.elapsedMs).toBeGreaterThan(0);

    const workload = meter.workload({ storageGb: 10, repeatsPerMonth: 1e6 });
    expect(workload).toMatchObject({ readUnits: 1.5e6, writeUnits: 2 * write * 1e6, storageGb: 10 });
    const estimate = estimateMonthlyCost(workload);
    const onDemand = estimate.options.find((o) => o.mode === 'on-demand' && o.tableClass === 'STANDARD')!;
    expect(onDemand.throughput).toBeCloseTo(1.5 * 0.125 + 2 * write * 0.625, 9);
    // Without repeatsPerMonth, the recording is stretched to a month.
    expect(meter.workload({ storageGb: 0 }).readUnits).toBeGreaterThan(1.5e6);
    meter.reset();
    expect(meter.snapshot().rows).toEqual([]);
    expect(() => meter.workload({ storageGb: 1 })).toThrow(ConfigurationError);
  });

  it('counts failed and unmetered requests', () => {
    const meter = new CapacityMeter();
    const base = { table: 't', tables: ['t'], entity: 'E', index: undefined, consistentRead: undefined, attempts: 1, startedAt: 1000, latencyMs: 2 };
    const rest = { consumedCapacity: undefined, items: undefined, scanned: undefined, unprocessed: undefined, path: 'dynamodb', region: undefined, requestId: undefined } as const;
    meter.record({ ...base, ...rest, operation: 'PutItem', consumed: undefined, ok: false, error: new ConfigurationError('x') });
    meter.record({ ...base, ...rest, operation: 'Query', consumed: { total: 2.5, table: 2.5, indexes: {} }, ok: true, error: undefined });
    expect(meter.snapshot().rows).toEqual([
      { entity: 'E', operation: 'PutItem', requests: 1, errors: 1, readUnits: 0, writeUnits: 0, unmetered: 1 },
      { entity: 'E', operation: 'Query', requests: 1, errors: 0, readUnits: 2.5, writeUnits: 0, unmetered: 0 },
    ]);
    expect(meter.snapshot().peakReadUnitsPerSecond).toBe(2.5);
    expect(() => meter.workload({ storageGb: -1 })).toThrow(/storageGb/);
  });
});

describe('runCostCommand (the CLI cost subcommand)', () => {
  it('prints the comparison table, or JSON', () => {
    const text = runCostCommand(['--read-units', '50000000', '--write-units', '10000000', '--storage-gb', '200', '--peak-read', '100', '--peak-write', '20']);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^mode\s+class\s+throughput\s+storage\s+total\s+provisioned$/);
    expect(lines).toHaveLength(6);
    expect(text).toMatch(/^on-demand +Standard +[0-9.]+ +50\.00/m);
    const json = JSON.parse(runCostCommand(['--read-units', '1', '--write-units', '1', '--storage-gb', '1', '--json', '--prices', '{"storagePerGbMonth":1}']));
    expect(json.prices.storagePerGbMonth).toBe(1);
    expect(json.options).toHaveLength(4);
  });

  it('refuses unknown options, missing or non-numeric figures and bad prices with ConfigurationError', () => {
    for (const args of [
      ['--read-units', '1', '--write-units', '1'],
      ['--read-units', 'many', '--write-units', '1', '--storage-gb', '1'],
      ['--bogus'],
      ['--read-units', '1', '--write-units', '1', '--storage-gb', '1', '--prices', '{'],
      ['--read-units', '1', '--write-units', '1', '--storage-gb', '1', '--prices', '{"storagePerGbMonth":"cheap"}'],
    ]) {
      expect(() => runCostCommand(args), args.join(' ')).toThrow(ConfigurationError);
    }
  });
});
