import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/index.js';
import { lazyTransport } from '../../src/transport/lazy-transport.js';
import type { Transport } from '../../src/transport/transport.js';

/** A transport answering every send with its operation name and a call count (no I/O: the loading is under test). */
const echo = (): Transport & { calls: number } => {
  const t = {
    calls: 0,
    send: async (operation: string) => ({ operation, call: ++t.calls }) as never,
  };
  return t;
};

describe('lazyTransport', () => {
  it('loads once, on the first send, for any number of concurrent sends', async () => {
    let loads = 0;
    const inner = echo();
    const transport = lazyTransport('the echo', async () => (loads++, inner));
    expect(loads).toBe(0);
    const answers = await Promise.all([transport.send('GetItem', {} as never), transport.send('PutItem', {} as never), transport.send('Query', {} as never)]);
    expect(loads).toBe(1);
    expect(answers.map((a) => (a as unknown as { operation: string }).operation)).toEqual(['GetItem', 'PutItem', 'Query']);
    await transport.send('DeleteItem', {} as never);
    expect(loads).toBe(1);
    expect(inner.calls).toBe(4);
  });

  it('a failed load is a ConfigurationError naming what could not load, and the next send tries again', async () => {
    let loads = 0;
    const broken = new Error('chunk missing');
    const transport = lazyTransport('the echo', async () => {
      if (++loads === 1) throw broken;
      return echo();
    });
    const failure = await transport.send('GetItem', {} as never).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigurationError);
    expect((failure as Error).message).toBe('could not load the echo: chunk missing');
    expect((failure as Error).cause).toBe(broken);
    await expect(transport.send('GetItem', {} as never)).resolves.toMatchObject({ operation: 'GetItem' });
    expect(loads).toBe(2);
  });
});
