import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConditionFailedError, TransactionCanceledError, transactWrite } from '../../src/index.js';
import { createTestTable, localClient } from '../helpers/local.js';

const client = localClient();
const table = await createTestTable(client);

const Counter = table.entity('Counter', {
  schema: z.object({ id: z.string(), hits: z.number().optional() }),
  keys: { primary: { pk: ['C', 'id'], sk: ['C'] } },
});

describe('an update of a missing item says how to create it', () => {
  it('inside a transaction: the cancellation reason and the error message name upsert', async () => {
    await Counter.put({ id: 'there', hits: 1 });
    const error = await transactWrite([
      Counter.updateOp({ id: 'there' }, { add: { hits: 1 } }),
      Counter.updateOp({ id: 'missing' }, { add: { hits: 1 } }),
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCanceledError);
    const reasons = (error as TransactionCanceledError).reasons;
    expect(reasons[1]!.code).toBe('ConditionalCheckFailed');
    expect(reasons[1]!.message).toMatch(/no such item.*pass upsert: true to create it/);
    expect(reasons[0]!.message).toBeUndefined();
    expect((error as Error).message).toMatch(/#1 Counter \{"id":"missing"\} ConditionalCheckFailed \(no such item.*upsert: true/);
    // The rule stays: nothing was written.
    expect(await Counter.get({ id: 'there' })).toEqual({ id: 'there', hits: 1 });
  });

  it('a failed condition on an item that exists gets no such hint', async () => {
    await Counter.put({ id: 'low', hits: 1 });
    const error = await transactWrite([Counter.updateOp({ id: 'low' }, { add: { hits: 1 } }, { condition: (c) => c.gt('hits', 5) })]).catch(
      (e: unknown) => e,
    );
    expect((error as TransactionCanceledError).reasons[0]!.message ?? '').not.toMatch(/upsert/);
  });

  it('with upsert: true the same transaction creates the item', async () => {
    await transactWrite([Counter.updateOp({ id: 'fresh' }, { add: { hits: 1 } }, { upsert: true })]);
    expect(await Counter.get({ id: 'fresh' })).toEqual({ id: 'fresh', hits: 1 });
  });

  it('a single-item update: ConditionFailedError says the same', async () => {
    const error = await Counter.update({ id: 'nothing' }, { add: { hits: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConditionFailedError);
    expect((error as Error).message).toMatch(/no such item to update.*pass upsert: true to create it/);
  });
});
