import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { z } from 'zod';
import { Table } from '../../src/index.js';
import { createTestTable } from '../helpers/local.js';

describe('the default (SDK) transport', () => {
  it('passes no options to client.send without an abort signal, so `cacheMiddleware: true` keeps its resolved stack', async () => {
    const client = new DynamoDBClient({
      endpoint: inject('dynamoEndpoint'),
      region: 'us-east-1',
      credentials: { accessKeyId: `t${randomUUID().replaceAll('-', '')}`, secretAccessKey: 'local' },
      cacheMiddleware: true,
    });
    afterAll(() => client.destroy());
    const { name } = await createTestTable(client);
    // A middleware factory runs once each time the SDK resolves the stack for a command.
    let resolved = 0;
    client.middlewareStack.add((next) => ((resolved++, next)), { step: 'initialize', name: 'countResolutions' });
    const User = new Table({ name, client, partitionKey: 'pk', sortKey: 'sk' }).entity('User', {
      schema: z.object({ id: z.string(), n: z.number() }),
      keys: { primary: { pk: ['U', 'id'], sk: ['U'] } },
    });
    for (let i = 0; i < 3; i++) await User.put({ id: 'a', n: i });
    expect(resolved).toBe(1);
    expect(await User.get({ id: 'a' })).toEqual({ id: 'a', n: 2 });
    const controller = new AbortController();
    await User.put({ id: 'a', n: 3 }, { abortSignal: controller.signal }); // with a signal the SDK resolves anew
    expect(resolved).toBe(3); // GetItem once, the signalled put once more
  });
});
