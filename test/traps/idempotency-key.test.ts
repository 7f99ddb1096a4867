import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, IdempotencyError, writeIdempotently } from '../../src/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
const table = await createTestTable(client);

const Counter = table.entity('Counter', {
  schema: z.object({ id: z.string(), hits: z.number().optional(), updatedAt: z.date().optional() }),
  keys: { primary: { pk: ['C', 'id'], sk: ['C'] } },
  timestamps: { createdAt: false, updatedAt: 'updatedAt' },
});
const Plain = table.entity('Plain', {
  schema: z.object({ id: z.string(), hits: z.number().optional() }),
  keys: { primary: { pk: ['P', 'id'], sk: ['P'] } },
});
const hits = async (id: string) => (await Counter.get({ id }))?.hits;

describe('writeIdempotently across calls', () => {
  it('the same idempotency key and operation, sent twice, applies once', async () => {
    const op = Counter.updateOp({ id: 'a' }, { add: { hits: 1 } }, { upsert: true });
    const first = await writeIdempotently(op, { idempotencyKey: 'order-42' });
    const second = await writeIdempotently(op, { idempotencyKey: 'order-42' });
    expect(await hits('a')).toBe(1);
    expect(first.token).toBe(second.token);
    expect(first.token.length).toBeGreaterThan(0);
    expect(first.token.length).toBeLessThanOrEqual(36);
  });

  it('a rebuilt operation (another process) with the same key and values applies once', async () => {
    const build = () => Plain.updateOp({ id: 'p' }, { add: { hits: 1 } }, { upsert: true });
    const first = await writeIdempotently(build(), { idempotencyKey: 'msg-1' });
    const second = await writeIdempotently(build(), { idempotencyKey: 'msg-1' });
    expect(second.token).toBe(first.token);
    expect((await Plain.get({ id: 'p' }))?.hits).toBe(1);
  });

  it('a rebuilt operation whose values differ (a later updatedAt) is an IdempotencyError, not a second write', async () => {
    const build = () => Counter.updateOp({ id: 'q' }, { add: { hits: 1 } }, { upsert: true });
    const { token } = await writeIdempotently(build(), { idempotencyKey: 'msg-2' });
    await new Promise((r) => setTimeout(r, 5));
    const resent = await writeIdempotently(build(), { idempotencyKey: 'msg-2' }).catch((e: unknown) => e);
    expect(resent).toBeInstanceOf(IdempotencyError);
    expect((resent as IdempotencyError).token).toBe(token);
    expect(await hits('q')).toBe(1);
  });

  it('another key is another write', async () => {
    const op = Counter.updateOp({ id: 'b' }, { add: { hits: 1 } }, { upsert: true });
    await writeIdempotently(op, { idempotencyKey: 'k1' });
    await writeIdempotently(op, { idempotencyKey: 'k2' });
    expect(await hits('b')).toBe(2);
  });

  it('one key on two items gives two tokens (the key names a write per item)', async () => {
    const x = await writeIdempotently(Counter.updateOp({ id: 'x' }, { add: { hits: 1 } }, { upsert: true }), { idempotencyKey: 'req-7' });
    const y = await writeIdempotently(Counter.updateOp({ id: 'y' }, { add: { hits: 1 } }, { upsert: true }), { idempotencyKey: 'req-7' });
    expect(x.token).not.toBe(y.token);
    expect([await hits('x'), await hits('y')]).toEqual([1, 1]);
  });

  it('a key that cannot name a write is refused before sending', async () => {
    const op = Counter.updateOp({ id: 'c' }, { add: { hits: 1 } }, { upsert: true });
    await expect(writeIdempotently(op, { idempotencyKey: '' })).rejects.toThrow(ConfigurationError);
    expect(await hits('c')).toBeUndefined();
  });

  it('the types require the key', () => {
    const op = Counter.updateOp({ id: 'd' }, { add: { hits: 1 } }, { upsert: true });
    // @ts-expect-error idempotencyKey is required
    const missing = () => writeIdempotently(op);
    // @ts-expect-error idempotencyKey is required
    const empty = () => writeIdempotently(op, {});
    expect(typeof missing).toBe('function');
    expect(typeof empty).toBe('function');
  });
});
