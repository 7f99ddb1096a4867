import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { StreamRecordError, ValidationError } from '../../src/errors.js';
import { streamDecoder } from '../../src/streams.js';
import { placedAt, streamTable } from './fixtures.js';
import { localClients, readStreamUntil, toLambdaRecord } from './local-stream.js';

const { client, streams } = localClients();

describe('stream decoder on real DynamoDB Local records', () => {
  it('decodes inserts, modifies and removes of each entity (NEW_AND_OLD_IMAGES, SDK and Lambda shapes)', async () => {
    const { table, Order, Customer } = await streamTable(client, 'NEW_AND_OLD_IMAGES');
    const key = { orgId: 'acme', orderId: 'o#1' };
    await Order.put({ ...key, total: 10, status: 'open', placedAt, tags: new Set(['a']), attachment: new Uint8Array([1, 2, 3]) });
    await Order.update(key, { set: { status: 'shipped' } });
    await Customer.put({ orgId: 'acme', customerId: 7, name: 'Ada' });
    await Order.delete(key);
    const records = await readStreamUntil(client, streams, table.name, 4);
    const decoder = streamDecoder([Order, Customer], { view: 'NEW_AND_OLD_IMAGES' });

    for (const shape of ['sdk', 'lambda'] as const) {
      const decoded = records.map((r) => decoder.decode(shape === 'sdk' ? r : toLambdaRecord(r)));
      expect(decoded.map((d) => [d.kind, d.entity])).toEqual([
        ['insert', 'Order'],
        ['modify', 'Order'],
        ['insert', 'Customer'],
        ['remove', 'Order'],
      ]);
      const [insert, modify, customer, remove] = decoded;
      if (insert?.kind !== 'insert' || insert.entity !== 'Order') throw new Error('expected an Order insert');
      expect(insert.newItem).toEqual({ ...key, total: 10, status: 'open', placedAt, tags: new Set(['a']), attachment: expect.any(Uint8Array) });
      expect([...insert.newItem.attachment!]).toEqual([1, 2, 3]);
      expect(insert.keys).toEqual(key);
      expect(insert.oldItem).toBeUndefined();
      if (modify?.kind !== 'modify' || modify.entity !== 'Order') throw new Error('expected an Order modify');
      expect([modify.oldItem.status, modify.newItem.status]).toEqual(['open', 'shipped']);
      expect(modify.id).toBe(records[1]!.eventID);
      expect(modify.sequenceNumber).toBe(records[1]!.dynamodb!.SequenceNumber);
      expect(modify.approximateCreationTime).toBeInstanceOf(Date);
      expect(modify.size).toBeGreaterThan(0);
      if (customer?.kind !== 'insert' || customer.entity !== 'Customer') throw new Error('expected a Customer insert');
      expect(customer.keys).toEqual({ orgId: 'acme', customerId: 7 });
      if (remove?.kind !== 'remove' || remove.entity !== 'Order') throw new Error('expected an Order remove');
      expect(remove.oldItem.status).toBe('shipped');
      expect(remove.newItem).toBeUndefined();
    }
  });

  it('types the keys of KEYS_ONLY records from the stored keys alone', async () => {
    const { table, Order, Customer } = await streamTable(client, 'KEYS_ONLY');
    await Order.put({ orgId: 'a\\b#c', orderId: 'x#y', total: 1, status: 'open', placedAt, tags: new Set() });
    await Customer.put({ orgId: 'acme', customerId: -2.5, name: 'Bo' });
    await Customer.delete({ orgId: 'acme', customerId: -2.5 });
    const records = await readStreamUntil(client, streams, table.name, 3);
    const decoder = streamDecoder({ Order, Customer }, { view: 'KEYS_ONLY' });
    const decoded = records.map((r) => decoder.decode(toLambdaRecord(r)));
    expect(decoded.map((d) => ({ kind: d.kind, entity: d.entity, keys: d.keys, newItem: 'newItem' in d ? d.newItem : 'none' }))).toEqual([
      { kind: 'insert', entity: 'Order', keys: { orgId: 'a\\b#c', orderId: 'x#y' }, newItem: undefined },
      { kind: 'insert', entity: 'Customer', keys: { orgId: 'acme', customerId: -2.5 }, newItem: undefined },
      { kind: 'remove', entity: 'Customer', keys: { orgId: 'acme', customerId: -2.5 }, newItem: undefined },
    ]);
  });

  it('keeps NEW_IMAGE and OLD_IMAGE records to what they carry', async () => {
    for (const view of ['NEW_IMAGE', 'OLD_IMAGE'] as const) {
      const { table, Order } = await streamTable(client, view);
      const key = { orgId: 'o', orderId: '1' };
      await Order.put({ ...key, total: 1, status: 'open', placedAt, tags: new Set() });
      await Order.update(key, { set: { total: 2 } });
      await Order.delete(key);
      const records = await readStreamUntil(client, streams, table.name, 3);
      const decoded = records.map((r) => streamDecoder([Order], { view }).decode(r));
      expect(decoded.map((d) => d.kind)).toEqual(['insert', 'modify', 'remove']);
      const totals = decoded.map((d) => (d.kind === 'invalid' || d.kind === 'unknown' ? 'x' : [d.newItem?.total, d.oldItem?.total]));
      expect(totals).toEqual(
        view === 'NEW_IMAGE'
          ? [[1, undefined], [2, undefined], [undefined, undefined]]
          : [[undefined, undefined], [undefined, 1], [undefined, 2]],
      );
    }
  });

  it('sends records of other entities to unknown and unparseable images to invalid, never dropping them', async () => {
    const { table, Order } = await streamTable(client, 'NEW_AND_OLD_IMAGES');
    await client.send(new PutItemCommand({ TableName: table.name, Item: { pk: { S: 'X' }, sk: { S: 'Y' }, _et: { S: 'Ghost' } } }));
    await client.send(
      new PutItemCommand({
        TableName: table.name,
        Item: { pk: { S: 'ORG#o' }, sk: { S: 'ORDER#bad' }, _et: { S: 'Order' }, orgId: { S: 'o' }, orderId: { S: 'bad' }, total: { S: 'ten' } },
      }),
    );
    const records = await readStreamUntil(client, streams, table.name, 2);
    const decoder = streamDecoder([Order], { view: 'NEW_AND_OLD_IMAGES' });
    const [ghost, bad] = records.map((r) => decoder.decode(toLambdaRecord(r)));
    expect(ghost).toMatchObject({ kind: 'unknown', reason: 'entity', entity: 'Ghost', keys: { pk: 'X', sk: 'Y' }, newImage: { _et: 'Ghost' } });
    expect(bad).toMatchObject({ kind: 'invalid', entity: 'Order', change: 'insert', keys: { pk: 'ORG#o', sk: 'ORDER#bad' } });
    expect(bad?.kind === 'invalid' && bad.error).toBeInstanceOf(ValidationError);
  });

  it('refuses to type a record whose stream carries less than the declared view', async () => {
    const { table, Order } = await streamTable(client, 'KEYS_ONLY');
    await Order.put({ orgId: 'o', orderId: '1', total: 1, status: 'open', placedAt, tags: new Set() });
    const [record] = await readStreamUntil(client, streams, table.name, 1);
    const decoded = streamDecoder([Order], { view: 'NEW_AND_OLD_IMAGES' }).decode(record!);
    expect(decoded.kind).toBe('invalid');
    expect(decoded.kind === 'invalid' && decoded.error).toBeInstanceOf(StreamRecordError);
    expect(decoded.kind === 'invalid' && (decoded.error as StreamRecordError).reason).toBe('missing-image');
  });
});
