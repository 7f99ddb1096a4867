import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { directTransport, sdkTransport, Table, TransactionCanceledError, transactWrite, WriteUnconfirmedError, type Transport } from '../../src/index.js';
import { faultSuite, reportRun, size, stopAt, TIMEOUT } from './fault-suite.js';

// 30 % faults on transactions: conflicts (cancelled, nothing applied), lost responses (applied), throttling.
const suite = faultSuite({ seed: 6, rates: { 'transaction-conflict': 0.12, 'reset-after': 0.12, throttling: 0.06 } });

const TRANSFERS = size(24, 400);

const cases: Array<[string, boolean, (c: ReturnType<typeof suite.client>) => Transport]> = [
  ['sdk', true, sdkTransport],
  ['sdk', false, sdkTransport],
  ['direct', true, directTransport],
  ['direct', false, directTransport],
];

describe(`fault suite: ${TRANSFERS} transfers per case, with and without tokens, on both transports`, () => {
  it.each(cases)('%s transport, token %s: every applied transfer applied once; balances match the ledger', async (path, withToken, transport) => {
    suite.proxy.resetStats();
    const client = suite.client();
    const table = new Table({ name: suite.tableName, client, transport: transport(client), partitionKey: 'pk', sortKey: 'sk' });
    const prefix = `${path}-${withToken ? 'token' : 'none'}`;
    const Account = table.entity('Account', {
      schema: z.object({ id: z.string(), balance: z.number().int().optional() }),
      keys: { primary: { pk: ['ACCOUNT', 'id'], sk: ['ACCOUNT'] } },
    });
    const Ledger = table.entity('Ledger', {
      schema: z.object({ id: z.string(), from: z.string(), to: z.string() }),
      keys: { primary: { pk: ['LEDGER', 'id'], sk: ['LEDGER'] } },
    });
    const accounts = 4;
    const started = Date.now();
    let cancelled = 0;
    let next = 0;
    // Without a token nothing is resent once the SDK's own attempts are spent: a transfer whose last
    // response was lost is unconfirmed (applied or not, never twice), and the ledger says which.
    const unconfirmed = new Set<string>();
    const deadline = stopAt();
    const done = new Set<string>();
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < TRANSFERS && Date.now() < deadline) {
          const i = next++;
          const id = `${prefix}-${i}`;
          const from = `${prefix}-a${i % accounts}`;
          const to = `${prefix}-a${(i + 1) % accounts}`;
          const ops = [
            Account.updateOp({ id: from }, { add: { balance: -1 } }, { upsert: true }),
            Account.updateOp({ id: to }, { add: { balance: 1 } }, { upsert: true }),
            Ledger.putOp({ id, from, to }, { create: true }),
          ];
          try {
            await transactWrite(ops, withToken ? { token: id, retry: { maxAttempts: 10 } } : {});
            done.add(id);
          } catch (error) {
            // Without a token a conflict is the caller's to retry; a cancellation applied nothing.
            if (!withToken && error instanceof WriteUnconfirmedError) unconfirmed.add(id);
            else if (withToken || !(error instanceof TransactionCanceledError && error.retryable)) throw error;
            else cancelled++;
          }
        }
      }),
    );
    const items = (await suite.scan()).filter((item) => item.pk!.S!.includes(prefix));
    const ledger = items.filter((item) => item.pk!.S!.startsWith('LEDGER#'));
    const balances = new Map(items.filter((item) => item.pk!.S!.startsWith('ACCOUNT#')).map((item) => [item.id!.S!, Number(item.balance!.N)]));
    const expected = new Map<string, number>();
    for (const entry of ledger) {
      expected.set(entry.from!.S!, (expected.get(entry.from!.S!) ?? 0) - 1);
      expected.set(entry.to!.S!, (expected.get(entry.to!.S!) ?? 0) + 1);
    }
    const recorded = new Set(ledger.map((e) => e.id!.S!));
    const lost = [...done].filter((id) => !recorded.has(id)).length;
    // A transfer applied twice moves two units but writes one ledger entry: the balances would drift from the ledger.
    const drift = [...new Set([...expected.keys(), ...balances.keys()])].reduce((n, a) => n + Math.abs((balances.get(a) ?? 0) - (expected.get(a) ?? 0)), 0);
    // Every confirmed transfer is recorded; the only others recorded are unconfirmed ones.
    expect([...done].filter((id) => !recorded.has(id))).toEqual([]);
    expect([...recorded].filter((id) => !done.has(id) && !unconfirmed.has(id))).toEqual([]);
    expect(drift).toBe(0);
    if (withToken) expect(done.size).toBe(TRANSFERS);
    else expect(done.size + cancelled + unconfirmed.size).toBe(TRANSFERS);
    const stats = suite.proxy.stats();
    reportRun(`transactions ${prefix}`, stats, { transfers: TRANSFERS, applied: done.size, cancelled, lost, balanceDrift: drift, elapsedMs: Date.now() - started }, {
      maxRequests: TRANSFERS * 40,
      minShare: 0.2,
    });
  }, TIMEOUT);
});
