import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyReplicas,
  planReplicas,
  ReplicaDeclarationError,
  ReplicaPlanError,
  type ReplicaProgressEvent,
} from '../../../src/admin.js';
import { Table, type TableConfig } from '../../../src/index.js';
import { inject } from 'vitest';
import { startGlobalTableControl, type GlobalTableControl } from '../../doubles/global-table-control.double.js';
import { tableName } from '../../helpers/local.js';

let control: GlobalTableControl;
let client: DynamoDBClient;
const fast = { wait: { intervalMs: 20, timeoutMs: 10_000 } };

beforeAll(async () => {
  control = await startGlobalTableControl(inject('dynamoEndpoint'));
  client = new DynamoDBClient({
    endpoint: control.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: `r${randomUUID().replaceAll('-', '')}`, secretAccessKey: 'local' },
  });
});
afterAll(async () => {
  client.destroy();
  await control.stop();
});

async function freshTable(extra: Partial<TableConfig> = {}): Promise<Table<string>> {
  const table = new Table({ name: tableName('gt'), client, partitionKey: 'pk', sortKey: 'sk', indexes: { gsi1: { partitionKey: 'g1' } }, ...extra });
  await table.create();
  return table;
}
const updates = () => control.operations.filter((o) => o === 'UpdateTable').length;
const replicasOf = async (t: Table<string>) =>
  ((await client.send(new DescribeTableCommand({ TableName: t.model.name }))).Table?.Replicas ?? []).map((r) => `${r.RegionName}=${r.ReplicaStatus}`);

describe('replicas from the declaration (through the control-plane double)', () => {
  it('uses the table’s own `replicas` when called without a declaration, and refuses when there is none', async () => {
    const declared = await freshTable({ replicas: { regions: ['eu-west-1'] } });
    const dry = await applyReplicas(declared, undefined, { dryRun: true });
    expect(dry.plan.steps.map((s) => s.description)).toEqual(['enable stream NEW_AND_OLD_IMAGES', 'add replica eu-west-1']);
    const undeclared = await freshTable();
    const before = control.operations.length;
    await expect(planReplicas(undeclared)).rejects.toBeInstanceOf(ReplicaDeclarationError);
    expect(control.operations.length).toBe(before); // refused before any request
  });

  it('plans stream + one replica at a time; a dry run sends nothing', async () => {
    const table = await freshTable();
    const before = updates();
    const plan = await planReplicas(table, { regions: ['us-east-1', 'eu-west-1', { region: 'ap-southeast-2', tableClass: 'STANDARD_INFREQUENT_ACCESS' }] });
    expect(plan.steps.map((s) => s.kind)).toEqual(['enable-stream', 'create-replica', 'create-replica']);
    expect(plan.summary).toEqual([
      `table ${table.model.name} (us-east-1): 3 step(s)`,
      '  1. enable stream NEW_AND_OLD_IMAGES',
      '  2. add replica eu-west-1',
      '  3. add replica ap-southeast-2 (table class STANDARD_INFREQUENT_ACCESS)',
    ]);
    const events: ReplicaProgressEvent[] = [];
    const dry = await applyReplicas(table, { regions: ['eu-west-1'] }, { dryRun: true, onProgress: (e) => events.push(e) });
    expect(dry).toMatchObject({ dryRun: true, applied: [] });
    expect(events.map((e) => e.type)).toEqual(['plan']);
    expect(updates()).toBe(before);
  });

  it('applies the plan step by step, waiting for ACTIVE, with progress; then it is in sync', async () => {
    const table = await freshTable();
    const events: ReplicaProgressEvent[] = [];
    const from = control.replicaRequests.length;
    const result = await applyReplicas(table, { regions: ['eu-west-1', { region: 'us-west-2', tableClass: 'STANDARD_INFREQUENT_ACCESS', maxReadRequestUnits: 100 }] }, { ...fast, onProgress: (e) => events.push(e) });
    expect(result.applied.map((s) => s.description)).toEqual([
      'enable stream NEW_AND_OLD_IMAGES',
      'add replica eu-west-1',
      'add replica us-west-2 (table class STANDARD_INFREQUENT_ACCESS, max read units 100)',
    ]);
    // Each replica request carried one action; the double checked each against the SDK model.
    expect(control.replicaRequests.slice(from).map((r) => (r.ReplicaUpdates as unknown[]).length)).toEqual([1, 1]);
    expect(control.violations).toEqual([]);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('plan');
    expect(types.filter((t) => t === 'step-done')).toHaveLength(3);
    // The double held each replica in CREATING (table UPDATING) for a while: the apply waited through it.
    expect(events.some((e) => e.type === 'waiting' && e.tableStatus === 'UPDATING' && Object.values(e.replicas).includes('CREATING'))).toBe(true);
    expect(await replicasOf(table)).toEqual(['us-east-1=ACTIVE', 'eu-west-1=ACTIVE', 'us-west-2=ACTIVE']);
    expect((await planReplicas(table, { regions: ['eu-west-1', { region: 'us-west-2', tableClass: 'STANDARD_INFREQUENT_ACCESS' }] })).inSync).toBe(true);

    const change = await applyReplicas(table, { regions: ['eu-west-1', { region: 'us-west-2', maxReadRequestUnits: 250 }] }, fast);
    expect(change.applied.map((s) => s.description)).toEqual(['update replica us-west-2: max read units 100 → 250']);
  });

  it('removals need allowRemoval; refused before any change', async () => {
    const table = await freshTable({ stream: 'NEW_AND_OLD_IMAGES' });
    await applyReplicas(table, { regions: ['eu-west-1', 'eu-west-2'] }, fast);
    const before = updates();
    const refused = await applyReplicas(table, { regions: ['eu-west-2'] }, fast).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ReplicaPlanError);
    expect(refused).toMatchObject({ conflict: 'removal-not-allowed' });
    expect(updates()).toBe(before);
    const removed = await applyReplicas(table, { regions: ['eu-west-2'] }, { ...fast, allowRemoval: true });
    expect(removed.applied.map((s) => s.kind)).toEqual(['delete-replica']);
    expect(await replicasOf(table)).toEqual(['us-east-1=ACTIVE', 'eu-west-2=ACTIVE']);
  });

  it('MRSC: the layout is refused before any request; non-empty tables and mode changes after one DescribeTable only', async () => {
    const table = await freshTable({ ttlAttribute: 'exp' });
    const ops = control.operations.length;
    for (const declaration of [
      { regions: ['us-east-2'], consistency: 'strong' as const },
      { regions: ['us-east-2', 'eu-west-1'], consistency: 'strong' as const },
      { regions: ['us-east-2', 'us-west-2'], consistency: 'strong' as const },
    ]) {
      await expect(applyReplicas(table, declaration, fast)).rejects.toBeInstanceOf(ReplicaDeclarationError);
    }
    expect(control.operations.length).toBe(ops);

    const full = await freshTable();
    await client.send(new PutItemCommand({ TableName: full.model.name, Item: { pk: { S: 'a' }, sk: { S: 'b' } } }));
    const before = updates();
    await expect(applyReplicas(full, { regions: ['us-east-2'], witness: 'us-west-2', consistency: 'strong' }, fast)).rejects.toMatchObject({ conflict: 'mrsc-table-not-empty' });
    expect(updates()).toBe(before);

    const mrec = await freshTable();
    await applyReplicas(mrec, { regions: ['us-east-2'] }, fast);
    const e = await planReplicas(mrec, { regions: ['us-east-2', 'us-west-2'], consistency: 'strong' }).catch((x: unknown) => x);
    expect(e).toMatchObject({ name: 'ReplicaPlanError', conflict: 'consistency-mode-fixed' });
  });

  it('MRSC: two replicas plus a witness on an empty table, in one request', async () => {
    const table = await freshTable();
    const result = await applyReplicas(table, { regions: ['us-east-2'], witness: 'us-west-2', consistency: 'strong' }, fast);
    expect(result.applied.map((s) => s.kind)).toEqual(['enable-stream', 'create-strong']);
    const described = (await client.send(new DescribeTableCommand({ TableName: table.model.name }))).Table!;
    expect(described).toMatchObject({ MultiRegionConsistency: 'STRONG', GlobalTableWitnesses: [{ RegionName: 'us-west-2', WitnessStatus: 'ACTIVE' }] });
    expect(control.violations).toEqual([]);
    // The layout is fixed: turning the witness into a replica is refused before any change.
    await expect(planReplicas(table, { regions: ['us-east-2', 'us-west-2'], consistency: 'strong' })).rejects.toMatchObject({ conflict: 'mrsc-layout-fixed' });
    await expect(planReplicas(table, { regions: ['us-east-2'] })).rejects.toMatchObject({ conflict: 'consistency-mode-fixed' });
    expect((await planReplicas(table, { regions: ['us-east-2'], witness: 'us-west-2', consistency: 'strong' })).inSync).toBe(true);
  });

  it('the double refuses what AWS refuses: a second change while UPDATING', async () => {
    const table = await freshTable({ stream: 'NEW_AND_OLD_IMAGES' });
    const { UpdateTableCommand } = await import('@aws-sdk/client-dynamodb');
    await client.send(new UpdateTableCommand({ TableName: table.model.name, ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1' } }] }));
    await expect(client.send(new UpdateTableCommand({ TableName: table.model.name, ReplicaUpdates: [{ Create: { RegionName: 'eu-west-2' } }] }))).rejects.toMatchObject({
      name: 'ResourceInUseException',
    });
  });
});
