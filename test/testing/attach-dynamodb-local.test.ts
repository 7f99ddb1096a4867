import { CreateTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { DynamoDBLocalStartError, startDynamoDBLocal } from '../../src/testing/index.js';

const shared = inject('dynamoEndpoint');
const saved = process.env.TABLEWRIGHT_DYNAMODB_LOCAL;
afterEach(() => {
  if (saved === undefined) delete process.env.TABLEWRIGHT_DYNAMODB_LOCAL;
  else process.env.TABLEWRIGHT_DYNAMODB_LOCAL = saved;
});

const create = (name: string) =>
  new CreateTableCommand({
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  });

describe('startDynamoDBLocal with TABLEWRIGHT_DYNAMODB_LOCAL', () => {
  it('attaches to the running instance, each call in a namespace of its own, and stop() leaves it running', async () => {
    process.env.TABLEWRIGHT_DYNAMODB_LOCAL = shared;
    const a = await startDynamoDBLocal();
    const b = await startDynamoDBLocal();
    expect([a.attached, b.attached]).toEqual([true, true]);
    expect(a.endpoint).toBe(new URL(shared).origin);
    expect(a.accessKeyId).not.toBe(b.accessKeyId);
    expect(a.accessKeyId).toMatch(/^[A-Za-z0-9]+$/);

    await a.client.send(create('same-name'));
    await b.client.send(create('same-name')); // no clash: different namespaces
    expect((await a.client.send(new ListTablesCommand({}))).TableNames).toEqual(['same-name']);
    // Another client built from the attachment's key and region sees the same tables.
    const again = a.createClient();
    expect((await again.send(new ListTablesCommand({}))).TableNames).toEqual(['same-name']);
    again.destroy();

    await a.stop();
    expect((await b.client.send(new ListTablesCommand({}))).TableNames).toEqual(['same-name']);
    await b.stop();
  });

  it('starts a process of its own with attach: false, or when a port is asked for', async () => {
    process.env.TABLEWRIGHT_DYNAMODB_LOCAL = shared;
    const own = await startDynamoDBLocal({ attach: false });
    try {
      expect(own.attached).toBe(false);
      expect(own.endpoint).not.toBe(new URL(shared).origin);
      expect((await own.client.send(new ListTablesCommand({}))).TableNames).toEqual([]);
    } finally {
      await own.stop();
    }
  });

  it('refuses a value that is not an endpoint with a typed error', async () => {
    process.env.TABLEWRIGHT_DYNAMODB_LOCAL = 'not a url';
    await expect(startDynamoDBLocal()).rejects.toBeInstanceOf(DynamoDBLocalStartError);
  });
});
