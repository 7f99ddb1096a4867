import { UpdateTableInput$ } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MRSC_REGION_SETS, ReplicaDeclarationError, regionSetOf, type ReplicaSpec } from '../../../src/admin.js';
import { resolveReplicas } from '../../../src/admin/replicas/replica-declaration.js';
import { createReplicaRequest, createStrongRequest, updateReplicaRequest } from '../../../src/admin/replicas/replica-requests.js';
import { resolveTable } from '../../../src/model/resolve-table.js';
import type { TableConfig } from '../../../src/index.js';
import { shapeViolations } from '../../doubles/request-shape.js';

const client = { send: () => Promise.reject(new Error('no requests in pure tests')) } as unknown as TableConfig['client'];
const model = (extra: Partial<TableConfig> = {}) =>
  resolveTable({ name: 'orders', client, partitionKey: 'pk', sortKey: 'sk', indexes: { gsi1: { partitionKey: 'g1' } }, ...extra });
const ALL_REGIONS = [...MRSC_REGION_SETS.US, ...MRSC_REGION_SETS.EU, ...MRSC_REGION_SETS.AP, 'sa-east-1', 'ap-southeast-2'];
const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReplicaDeclarationError) return e.problem;
    throw e;
  }
  return 'ok';
};

describe('replica declarations are checked before any request', () => {
  it('keeps the home Region implicit, rejects bad names, duplicates and misplaced overrides', () => {
    const r = resolveReplicas(model(), 'us-east-1', { regions: ['us-east-1', 'eu-west-1', { region: 'ap-southeast-2', tableClass: 'STANDARD_INFREQUENT_ACCESS' }] });
    expect(r.replicas.map((s) => s.region)).toEqual(['eu-west-1', 'ap-southeast-2']);
    expect(r.consistency).toBe('eventual');
    expect(problem(() => resolveReplicas(model(), 'us-east-1', { regions: ['Europe'] }))).toBe('invalid-region');
    expect(problem(() => resolveReplicas(model(), 'us-east-1', { regions: ['eu-west-1', { region: 'eu-west-1' }] }))).toBe('duplicate-region');
    expect(problem(() => resolveReplicas(model(), 'us-east-1', { regions: [{ region: 'eu-west-1', readCapacity: 5 }] }))).toBe('invalid-override');
    expect(problem(() => resolveReplicas(model({ billing: { mode: 'provisioned', read: 5, write: 5 } }), 'us-east-1', { regions: [{ region: 'eu-west-1', maxReadRequestUnits: 5 }] }))).toBe('invalid-override');
    expect(problem(() => resolveReplicas(model(), 'us-east-1', { regions: [{ region: 'eu-west-1', indexes: { nope: { maxReadRequestUnits: 5 } } }] }))).toBe('unknown-index');
    expect(problem(() => resolveReplicas(model({ stream: 'KEYS_ONLY' }), 'us-east-1', { regions: ['eu-west-1'] }))).toBe('stream-view-conflict');
    expect(problem(() => resolveReplicas(model(), 'us-east-1', { regions: ['eu-west-1'], witness: 'eu-west-2' }))).toBe('witness-without-mrsc');
  });

  it('MRSC: exactly three Regions of one set (or two plus a witness), no TTL, no LSI', () => {
    const strong = (regions: string[], witness?: string, extra?: Partial<TableConfig>) =>
      problem(() => resolveReplicas(model(extra), 'us-east-1', { regions, consistency: 'strong', witness }));
    expect(strong(['us-east-2', 'us-west-2'])).toBe('ok');
    expect(strong(['us-east-2'], 'us-west-2')).toBe('ok');
    expect(strong(['us-east-2'])).toBe('mrsc-region-count');
    expect(strong(['us-east-2', 'us-west-2'], 'eu-west-1')).toBe('mrsc-region-count');
    expect(strong(['us-east-2', 'eu-west-1'])).toBe('mrsc-region-set');
    expect(strong(['us-east-2'], 'us-east-2')).toBe('mrsc-witness');
    expect(strong(['us-east-2', 'us-west-2'], undefined, { ttlAttribute: 'exp' })).toBe('mrsc-ttl');
    expect(strong(['us-east-2', 'us-west-2'], undefined, { indexes: { lsi1: { type: 'local', sortKey: 'l1' } } })).toBe('mrsc-local-index');
  });

  it('property: an MRSC declaration is accepted exactly when it has three distinct Regions of one set', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...ALL_REGIONS), { maxLength: 4 }), fc.option(fc.constantFrom(...ALL_REGIONS), { nil: undefined }), (regions, witness) => {
        const all = ['us-east-1', ...regions.filter((r) => r !== 'us-east-1')];
        const layout = witness === undefined ? all : [...all, witness];
        const expectOk =
          new Set(layout).size === layout.length &&
          layout.length === 3 &&
          (witness === undefined || all.length === 2) &&
          new Set(layout.map(regionSetOf)).size === 1 &&
          regionSetOf('us-east-1') === regionSetOf(layout[1]!);
        expect(problem(() => resolveReplicas(model(), 'us-east-1', { regions, consistency: 'strong', witness })) === 'ok').toBe(expectOk);
      }),
    );
  });

  it('property: every request the builders make matches the SDK model of UpdateTable', () => {
    const spec = fc.record(
      {
        region: fc.constantFrom(...ALL_REGIONS),
        tableClass: fc.constantFrom('STANDARD' as const, 'STANDARD_INFREQUENT_ACCESS' as const),
        maxReadRequestUnits: fc.integer({ min: 1, max: 40_000 }),
        indexes: fc.constant({ gsi1: { maxReadRequestUnits: 7 } }),
      },
      { requiredKeys: ['region'] },
    );
    fc.assert(
      fc.property(spec, fc.array(spec, { maxLength: 2 }), (s: ReplicaSpec, more: ReplicaSpec[]) => {
        for (const request of [createReplicaRequest('orders', s), updateReplicaRequest('orders', s), createStrongRequest('orders', [s, ...more], 'us-west-2')]) {
          expect(shapeViolations(UpdateTableInput$, request, '$', new Set(['ReplicationGroupUpdate']))).toEqual([]);
        }
      }),
    );
    // The checker itself catches a malformed action.
    expect(shapeViolations(UpdateTableInput$, { TableName: 't', ReplicaUpdates: [{ Create: { Region: 'x' } }] }, '$', new Set(['ReplicationGroupUpdate']))).toEqual([
      '$.ReplicaUpdates[0].Create.RegionName: required',
      '$.ReplicaUpdates[0].Create.Region: not a member of CreateReplicationGroupMemberAction',
    ]);
  });
});
