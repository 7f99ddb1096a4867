import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES, estimateMonthlyCost, formatCostEstimate, HOURS_PER_MONTH, type CostOption } from '../../src/admin.js';
import { ConfigurationError } from '../../src/index.js';

const find = (options: readonly CostOption[], mode: CostOption['mode'], tableClass: CostOption['tableClass']) =>
  options.find((o) => o.mode === mode && o.tableClass === tableClass)!;

describe('estimateMonthlyCost', () => {
  it('prices a worked example from the default (dated, unverified) price table', () => {
    const estimate = estimateMonthlyCost({ readUnits: 100e6, writeUnits: 20e6, storageGb: 10 });
    const onDemand = find(estimate.options, 'on-demand', 'STANDARD');
    expect(onDemand.throughput).toBeCloseTo(100 * 0.125 + 20 * 0.625, 10); // 25.00
    expect(onDemand.storage).toBeCloseTo(2.5, 10);
    // Flat traffic: 100e6 / 2,628,000 s ≈ 38.05 RCU/s → /0.7 → 55 RCU; 20e6 → 7.61 → 11 WCU.
    const provisioned = find(estimate.options, 'provisioned', 'STANDARD');
    expect(provisioned.provisioned).toEqual({ read: 55, write: 11 });
    expect(provisioned.throughput).toBeCloseTo(HOURS_PER_MONTH * (55 * 0.00013 + 11 * 0.00065), 10);
    expect(estimate.prices.source).toMatch(/unverified/);
  });

  it('picks on-demand for spiky traffic, provisioned for steady traffic and Standard-IA when storage dominates', () => {
    const spiky = estimateMonthlyCost({ readUnits: 1e6, writeUnits: 1e6, storageGb: 1, peakReadUnitsPerSecond: 2000, peakWriteUnitsPerSecond: 1000 });
    expect(spiky.cheapest.mode).toBe('on-demand');
    const steady = estimateMonthlyCost({ readUnits: 2e9, writeUnits: 5e8, storageGb: 1 });
    expect(steady.cheapest.mode).toBe('provisioned');
    const archive = estimateMonthlyCost({ readUnits: 1e5, writeUnits: 1e5, storageGb: 5000 });
    expect(archive.cheapest.tableClass).toBe('STANDARD_INFREQUENT_ACCESS');
  });

  it('accepts the caller\'s prices and target utilisation', () => {
    const estimate = estimateMonthlyCost(
      { readUnits: 0, writeUnits: 0, storageGb: 0, peakReadUnitsPerSecond: 90, peakWriteUnitsPerSecond: 9 },
      { prices: { provisionedReadPerHour: 1, provisionedWritePerHour: 10, source: 'mine' }, targetUtilization: 0.9 },
    );
    expect(find(estimate.options, 'provisioned', 'STANDARD')).toMatchObject({ provisioned: { read: 100, write: 10 }, throughput: HOURS_PER_MONTH * 200 });
    expect(estimate.prices).toMatchObject({ source: 'mine', onDemandReadPerMillion: DEFAULT_PRICES.onDemandReadPerMillion });
  });

  it('holds its invariants on any workload (property)', () => {
    const figure = fc.double({ min: 0, max: 1e12, noNaN: true });
    fc.assert(
      fc.property(figure, figure, fc.double({ min: 0, max: 1e6, noNaN: true }), (readUnits, writeUnits, storageGb) => {
        const { options, cheapest } = estimateMonthlyCost({ readUnits, writeUnits, storageGb });
        expect(options).toHaveLength(4);
        expect(cheapest).toBe(options[0]);
        for (let i = 1; i < options.length; i++) expect(options[i]!.total).toBeGreaterThanOrEqual(options[i - 1]!.total);
        for (const o of options) expect(o.total).toBeCloseTo(o.throughput + o.storage, 6);
        for (const mode of ['on-demand', 'provisioned'] as const) {
          const standard = find(options, mode, 'STANDARD');
          const ia = find(options, mode, 'STANDARD_INFREQUENT_ACCESS');
          expect(ia.throughput).toBeCloseTo(standard.throughput * DEFAULT_PRICES.iaThroughputFactor, 6);
          expect(ia.storage).toBeLessThanOrEqual(standard.storage);
        }
      }),
    );
  });

  it.each([
    [{ readUnits: -1, writeUnits: 0, storageGb: 0 }, {}],
    [{ readUnits: Number.NaN, writeUnits: 0, storageGb: 0 }, {}],
    [{ readUnits: 0, writeUnits: Infinity, storageGb: 0 }, {}],
    [{ readUnits: 0, writeUnits: 0, storageGb: 0 }, { targetUtilization: 0 }],
    [{ readUnits: 0, writeUnits: 0, storageGb: 0 }, { targetUtilization: 1.5 }],
  ])('refuses %j %j with ConfigurationError', (workload, options) => {
    expect(() => estimateMonthlyCost(workload, options)).toThrow(ConfigurationError);
  });

  it('formats the comparison as a table with the price source', () => {
    const text = formatCostEstimate(estimateMonthlyCost({ readUnits: 1e6, writeUnits: 1e6, storageGb: 1 }));
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^mode\s+class\s+throughput\s+storage\s+total\s+provisioned$/);
    expect(lines).toHaveLength(6);
    expect(lines.filter((l) => /^(on-demand|provisioned)\s/.test(l))).toHaveLength(4);
    expect(lines[5]).toMatch(/^prices: AWS us-east-1/);
  });
});
