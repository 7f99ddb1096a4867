import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { detectLostUpdate, lastWriter, Table } from '../../src/index.js';
import { streamDecoder, type ChangeOrigin } from '../../src/streams.js';
import { tableName } from '../helpers/local.js';
import { startReplication, type Replication } from '../doubles/replication.double.js';

/*
 * Two Regions (two databases of the run's DynamoDB Local: one access key,
 * two Region names) replicated by the replication double, whole-item
 * last-writer-wins by the Region stamp's write time; paused while two
 * Regions update one item concurrently. The streams are DynamoDB Local's
 * real ones.
 */
const REGIONS = ['us-east-1', 'eu-west-1'] as const;
const key = `g${randomUUID().replaceAll('-', '')}`;
const name = tableName('lost');
const endpoint = inject('dynamoEndpoint');
const config = (region: string) => ({ endpoint, region, credentials: { accessKeyId: key, secretAccessKey: 'local' } });
const clients = REGIONS.map((r) => new DynamoDBClient(config(r)));
const streams = REGIONS.map((r) => new DynamoDBStreamsClient(config(r)));
// One clock for both Regions, strictly increasing: the replication order is then deterministic.
let tick = Date.now();
const clock = () => ++tick;
const schema = z.object({ id: z.string(), x: z.number(), y: z.number() });
const declare = (i: number) => {
  const table = new Table({ name, client: clients[i]!, partitionKey: 'pk', sortKey: 'sk', stream: 'NEW_AND_OLD_IMAGES', region: REGIONS[i], clock });
  return { table, Doc: table.entity('Doc', { schema, keys: { primary: { pk: ['DOC', 'id'], sk: ['META'] } }, regionStamp: true }) };
};
const [east, west] = [declare(0), declare(1)];
let replication: Replication;

beforeAll(async () => {
  await Promise.all([east.table.create(), west.table.create()]);
  replication = await startReplication({
    table: name,
    regions: REGIONS.map((region) => ({ region, endpoint, accessKeyId: key })),
    timestampAttribute: '_rt',
  });
});
afterAll(async () => {
  await replication?.stop();
  for (const c of [...clients, ...streams]) c.destroy();
});

/** Every record of a Region's stream so far, in shard order. */
async function streamRecords(i: number): Promise<_Record[]> {
  const arn = (await clients[i]!.send(new DescribeTableCommand({ TableName: name }))).Table!.LatestStreamArn!;
  const shards = (await streams[i]!.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.Shards!;
  const records: _Record[] = [];
  for (const shard of shards) {
    let iterator = (await streams[i]!.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    for (let round = 0; iterator && round < 20; round++) {
      const out = await streams[i]!.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...(out.Records ?? []));
      if ((out.Records ?? []).length === 0) break;
      iterator = out.NextShardIterator;
    }
  }
  return records;
}

describe('conflict awareness across two Regions', () => {
  it('concurrent updates of different attributes: last writer wins the whole item, and detectLostUpdate flags the lost one', async () => {
    await east.Doc.put({ id: 'c1', x: 0, y: 0 });
    await replication.settle();
    expect(await west.Doc.get({ id: 'c1' }, { consistent: true })).toEqual({ id: 'c1', x: 0, y: 0 });

    // Both updates run before either replicates: east changes x, west (later) changes y.
    replication.pause();
    await east.Doc.update({ id: 'c1' }, { set: { x: 1 } });
    await west.Doc.update({ id: 'c1' }, { set: { y: 1 } });
    replication.resume();
    await replication.settle();
    // Whole-item last-writer-wins: west's version everywhere; east's x = 1 is gone, with no error anywhere.
    const final = [await east.Doc.get({ id: 'c1' }, { consistent: true }), await west.Doc.get({ id: 'c1' }, { consistent: true })];
    expect(final).toEqual([{ id: 'c1', x: 0, y: 1 }, { id: 'c1', x: 0, y: 1 }]);
    expect(lastWriter(final[0])?.region).toBe('eu-west-1');
    expect(replication.stats.lostToNewer).toBeGreaterThanOrEqual(1);

    // The east stream (decoder Region: the table's `region`): insert and update local, then west's overwrite, replicated.
    const decodeEast = streamDecoder([east.Doc], { view: 'NEW_AND_OLD_IMAGES' });
    const eastChanges = (await streamRecords(0)).map((r) => decodeEast.decode(r)).filter((r) => r.kind !== 'unknown' && r.kind !== 'invalid');
    expect(eastChanges.map((c) => [c.kind, 'origin' in c ? c.origin : undefined])).toEqual([
      ['insert', 'local'],
      ['modify', 'local'],
      ['modify', 'replicated'],
    ]);
    const flagged = eastChanges.map((c) => (c.kind === 'modify' ? detectLostUpdate(c) : undefined));
    expect(flagged[1]).toBeUndefined();
    const lost = flagged[2]!;
    expect(lost).toBeDefined();
    expect(lost.lost.region).toBe('us-east-1');
    expect(lost.by.region).toBe('eu-west-1');
    expect(lost.by.readTime).toBeLessThan(lost.lost.time); // west changed a version older than east's update
    const overwrite = eastChanges[2]!;
    expect(overwrite.kind === 'modify' && [overwrite.oldItem, overwrite.newItem]).toEqual([{ id: 'c1', x: 1, y: 0 }, { id: 'c1', x: 0, y: 1 }]);

    // The west stream: east's insert replicated, west's own update local; east's update never arrived (older). Nothing lost there.
    const decodeWest = streamDecoder([west.Doc], { view: 'NEW_AND_OLD_IMAGES', region: 'eu-west-1' });
    const westChanges = (await streamRecords(1)).map((r) => decodeWest.decode(r)).filter((r) => r.kind === 'insert' || r.kind === 'modify');
    expect(westChanges.map((c) => [c.kind, c.origin])).toEqual([
      ['insert', 'replicated'],
      ['modify', 'local'],
    ]);
    expect(westChanges.map((c) => detectLostUpdate(c))).toEqual([undefined, undefined]);
  });

  it('updates that see each other are not flagged; deletes and decoders without a Region have origin unknown', async () => {
    await east.Doc.put({ id: 's1', x: 0, y: 0 });
    await replication.settle();
    await east.Doc.update({ id: 's1' }, { set: { x: 1 } });
    await replication.settle();
    await west.Doc.update({ id: 's1' }, { set: { y: 1 } });
    await replication.settle();
    expect(await east.Doc.get({ id: 's1' }, { consistent: true })).toEqual({ id: 's1', x: 1, y: 1 });
    await west.Doc.delete({ id: 's1' });
    await replication.settle();

    const decode = streamDecoder([east.Doc], { view: 'NEW_AND_OLD_IMAGES' });
    const changes = (await streamRecords(0)).map((r) => decode.decode(r)).filter((r) => (r.kind === 'insert' || r.kind === 'modify' || r.kind === 'remove') && r.keys.id === 's1');
    const origins: [string, ChangeOrigin][] = changes.map((c) => [c.kind, (c as { origin: ChangeOrigin }).origin]);
    expect(origins).toEqual([
      ['insert', 'local'],
      ['modify', 'local'],
      ['modify', 'replicated'],
      ['remove', 'unknown'],
    ]);
    expect(changes.map((c) => (c.kind === 'modify' ? detectLostUpdate(c) : undefined))).toEqual([undefined, undefined, undefined, undefined]);

    const anonymous = new Table({ name, client: clients[0]!, partitionKey: 'pk', sortKey: 'sk' });
    const noRegion = streamDecoder([anonymous.entity('Doc', { schema, keys: { primary: { pk: ['DOC', 'id'], sk: ['META'] } } })]);
    const first = noRegion.decode((await streamRecords(0))[0]!);
    expect(first.kind === 'insert' && first.origin).toBe('unknown');
  });
});
