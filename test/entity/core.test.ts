import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, EntityCore, TableCore, ValidationError, type Table } from '../../src/index.js';
import * as core from '../../src/core.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
let table: Table<'gsi1'>;
let now = Date.parse('2099-01-01T00:00:00.000Z'); // ahead of the wall clock: Local's TTL sweeper deletes items expired by real time

const schema = z.object({
  orgId: z.string(),
  userId: z.string(),
  email: z.string(),
  joinedAt: z.date(),
  tags: z.set(z.string()),
  role: z.enum(['admin', 'member']).default('member'),
});
const keys = {
  primary: { pk: ['ORG', 'orgId'], sk: ['USER', 'userId'] },
  gsi1: { pk: ['EMAIL', 'email'], sk: ['USER'] },
} as const;

beforeAll(async () => {
  table = await createTestTable(client, { ttlAttribute: 'ttl', clock: () => now });
});
// A fresh TableCore object per definition: one Table object refuses an entity name twice.
const newReader = () =>
  new TableCore<'gsi1'>({ name: table.name, client, partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'ttl', clock: () => now, indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } } });

const joinedAt = new Date('2024-05-01T12:00:00.000Z');

describe('tablewright/core: TableCore + EntityCore', () => {
  it('reads what the full Entity wrote, typed and converted, as the full Entity reads it', async () => {
    const User = table.entity('User', { schema, keys });
    const UserCore = newReader().entity('User', { schema, keys });
    expect(UserCore).toBeInstanceOf(EntityCore);
    expect(User).toBeInstanceOf(EntityCore);
    await User.put({ orgId: 'acme', userId: 'u1', email: 'a@acme.io', joinedAt, tags: new Set(['x']) });

    const viaCore = await UserCore.get({ orgId: 'acme', userId: 'u1' });
    expect(viaCore).toEqual({ orgId: 'acme', userId: 'u1', email: 'a@acme.io', joinedAt, tags: new Set(['x']), role: 'member' });
    expect(viaCore?.joinedAt).toBeInstanceOf(Date);
    expect(viaCore).toEqual(await User.get({ orgId: 'acme', userId: 'u1' }));
    expect(await UserCore.get({ orgId: 'acme', userId: 'u1' }, { attributes: ['email'] })).toEqual({ email: 'a@acme.io' });
    expect(await UserCore.get({ orgId: 'acme', userId: 'u1' }, { raw: true })).toEqual(await User.get({ orgId: 'acme', userId: 'u1' }, { raw: true }));
    expect(await UserCore.get({ orgId: 'acme', userId: 'nobody' })).toBeUndefined();
  });

  it('hides expired items by the table clock, like the full Entity', async () => {
    const Session = table.entity('Session', { schema: z.object({ orgId: z.string(), userId: z.string() }), keys: { primary: { pk: ['ORG', 'orgId'], sk: ['SESSION', 'userId'] } }, ttl: { after: '1h' } });
    const SessionCore = newReader().entity('Session', { schema: z.object({ orgId: z.string(), userId: z.string() }), keys: { primary: { pk: ['ORG', 'orgId'], sk: ['SESSION', 'userId'] } }, ttl: { after: '1h' } });
    await Session.put({ orgId: 'acme', userId: 's1' });
    expect(await SessionCore.get({ orgId: 'acme', userId: 's1' })).toEqual({ orgId: 'acme', userId: 's1' });
    now += 2 * 3600_000;
    try {
      expect(await SessionCore.get({ orgId: 'acme', userId: 's1' })).toBeUndefined();
      expect(await Session.get({ orgId: 'acme', userId: 's1' })).toBeUndefined();
      expect(await SessionCore.get({ orgId: 'acme', userId: 's1' }, { includeExpired: true })).toEqual({ orgId: 'acme', userId: 's1' });
    } finally {
      now -= 2 * 3600_000;
    }
  });

  it('refuses items of another entity and invalid stored items with the same typed errors', async () => {
    const Other = table.entity('Other', { schema: z.object({ orgId: z.string(), userId: z.string() }), keys: { primary: { pk: ['ORG', 'orgId'], sk: ['USER', 'userId'] } } });
    await Other.put({ orgId: 'acme', userId: 'u9' });
    const UserCore = newReader().entity('User', { schema, keys });
    await expect(UserCore.get({ orgId: 'acme', userId: 'u9' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses compress, version and timestamps (write features of the full Table) instead of ignoring them', () => {
    const base = { schema: schema.extend({ version: z.number().int().optional(), body: z.string().optional() }), keys };
    const define = (extra: object) => () => newReader().entity('User', { ...base, ...extra } as typeof base);
    expect(define({ compress: { body: 'gzip' } })).toThrow(ConfigurationError);
    expect(define({ version: true })).toThrow(/version: not in tablewright\/core, use Table from 'tablewright'/);
    expect(define({ timestamps: true })).toThrow(/timestamps/);
    expect(define({ version: true, timestamps: true })).toThrow(/version, timestamps/);
    // TypeScript refuses them too.
    // @ts-expect-error version is not part of EntityCoreConfig
    expect(() => newReader().entity('User', { ...base, version: true })).toThrow(ConfigurationError);
    // The full Table still accepts them.
    expect(() => table.entity('Versioned', { ...base, version: true })).not.toThrow();
  });

  it('has no write, query or lifecycle methods, and the subpath exports the same classes', () => {
    const UserCore = newReader().entity('User', { schema, keys }) as unknown as Record<string, unknown>;
    for (const method of ['put', 'create', 'delete', 'update', 'query', 'toStored']) expect(UserCore[method]).toBeUndefined();
    expect((newReader() as unknown as Record<string, unknown>).create).toBeUndefined();
    expect(core.TableCore).toBe(TableCore);
    expect(core.EntityCore).toBe(EntityCore);
    expect(core.ValidationError).toBe(ValidationError);
  });
});
