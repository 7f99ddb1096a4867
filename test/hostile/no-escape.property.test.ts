import { GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ConditionFailedError,
  DynamoDBError,
  TablewrightError,
  TransactionCanceledError,
  batchGet,
  batchWrite,
  condition,
  conditionOp,
  count,
  deleteItem,
  deleteOp,
  extendExpiry,
  getItem,
  getOp,
  putItem,
  putOp,
  query,
  removeExpiry,
  scan,
  transactGet,
  transactWrite,
  updateItem,
  updateOp,
  writeIdempotently,
  type Table,
} from '../../src/index.js';
import { countingTransport } from '../helpers/counting-transport.js';
import { createTestTable, localClient } from '../helpers/local.js';
import { describeValue, hostileName, hostileValues, type HostileClass } from './hostile-values.js';

/**
 * No error escapes the TablewrightError hierarchy, whatever the caller
 * passes: every public entry point (Entity methods, free functions, op
 * builders, transactions and batches, the condition and update builders,
 * options objects) is called with hostile values in every position, against
 * DynamoDB Local. A call may succeed or throw; when it throws, the error must
 * be a TablewrightError, raised before any request unless it is the outcome
 * of a condition DynamoDB evaluated, and the stored item must be untouched.
 */

const client = localClient();
const transport = countingTransport(client);
let table: Table<'gsi1'>;

const schema = z.object({
  id: z.string(),
  n: z.number().optional(),
  big: z.bigint().optional(),
  s: z.string().optional(),
  when: z.date().optional(),
  tags: z.set(z.string()).optional(),
  meta: z.record(z.string(), z.string()).optional(),
  any: z.any().optional(),
  list: z.array(z.number()).optional(),
  status: z.enum(['open', 'done']).optional(),
  nested: z.object({ city: z.string().optional(), zip: z.number().optional() }).optional(),
});

function thing(t: Table<'gsi1'>) {
  return t.entity('Thing', {
    schema,
    keys: { primary: { pk: ['T', 'id'], sk: ['T'] }, gsi1: { pk: ['ST', 'status'], sk: ['N', 'n'] } },
  });
}
type Thing = ReturnType<typeof thing>;

const fields = ['n', 'big', 's', 'when', 'tags', 'meta', 'any', 'list', 'status', 'nested', 'meta.k', 'nested.city', 'list[0]'];
const field = fc.oneof(fc.constantFrom(...fields), hostileName);

const BASE = { id: 'base', n: 1, s: 'x', tags: new Set(['a']), meta: { k: 'v' }, list: [1], status: 'open' as const, nested: { city: 'c' } };
const baseKey = { pk: { S: 'T#base' }, sk: { S: 'T' } };
let baseline: Record<string, AttributeValue>;

const c = condition as any;

type Call = (E: Thing, v: any, w: any, f: any) => unknown;

/** Item values (put, create, update values, putOp/updateOp, size): zod, the write guard and the marshaller. Every class. */
const itemCalls: Record<string, Call> = {
  putField: (E, v, _w, f) => E.put({ ...BASE, [f]: v } as never),
  putWhole: (E, v) => E.put(v),
  create: (E, v, _w, f) => E.create({ ...BASE, [f]: v } as never),
  updateSet: (E, v, _w, f) => E.update({ id: 'base' }, { set: { [f]: v } } as never),
  updateAdd: (E, v, _w, f) => E.update({ id: 'base' }, { add: { [f]: v } } as never),
  updateDelete: (E, v, _w, f) => E.update({ id: 'base' }, { delete: { [f]: v } } as never),
  updateAppend: (E, v, _w, f) => E.update({ id: 'base' }, { append: { [f]: [v] } } as never),
  updateIncrement: (E, v, _w, f) => E.update({ id: 'base' }, { increment: { [f]: v } } as never),
  updateIfNotExists: (E, v, _w, f) => E.update({ id: 'base' }, { ifNotExists: { [f]: v } } as never),
  transactWritePut: (E, v, _w, f) => transactWrite([E.putOp({ ...BASE, [f]: v } as never)]),
  transactWriteUpdate: (E, v, _w, f) => transactWrite([E.updateOp({ id: 'base' }, { set: { [f]: v } } as never)]),
  batchWritePut: (E, v, _w, f) => batchWrite([E.putOp({ ...BASE, [f]: v } as never)]),
  size: (E, v, _w, f) => E.size({ ...BASE, [f]: v } as never),
};

/** Key values (get, delete, query, getOp/deleteOp). */
const keyCalls: Record<string, Call> = {
  getKey: (E, v) => E.get({ id: v }),
  deleteKey: (E, v) => E.delete({ id: v }),
  query: (E, v) => E.query('primary', { id: v }),
  queryIndex: (E, v) => E.query('gsi1', { status: v } as never),
  transactWriteDelete: (E, v) => transactWrite([E.deleteOp({ id: v })]),
  batchGetKey: (E, v) => batchGet([E.getOp({ id: v })]),
  transactGetKey: (E, v) => transactGet([E.getOp({ id: v })]),
};

/** Condition, filter and sort operands, attribute paths and the update builders. */
const expressionCalls: Record<string, Call> = {
  putCondition: (E, v, w, f) => E.put(BASE, { condition: () => c.eq(f, v), returnValues: w }),
  updateBuilder: (E, v, w, f) => E.update({ id: 'base' }, (u: any) => [u.set(f, v), u.set('s', u.valueOr('s', w))]),
  updateCondition: (E, v, _w, f) => E.update({ id: 'base' }, { set: { s: 'y' } }, { condition: () => c.ne(f, v) }),
  deleteCondition: (E, v, _w, f) => E.delete({ id: 'base' }, { condition: () => c.eq(f, v) }),
  querySort: (E, v, w) => E.query('gsi1', { status: 'open' }, { sort: (k: any) => k.between({ n: v }, { n: w }) } as never),
  querySortBegins: (E, v) => E.query('gsi1', { status: 'open' }, { sort: (k: any) => k.beginsWith({ n: v }) } as never),
  queryFilter: (E, v, w, f) => E.query('primary', { id: 'base' }, { filter: () => c.or(c.between(f, v, w), c.in(f, [v, w])) }),
  queryFilterFns: (E, v, _w, f) => E.query('primary', { id: 'base' }, { filter: () => c.and(c.beginsWith(f, v), c.contains(f, v)) }),
  queryFilterSize: (E, v, _w, f) => E.query('primary', { id: 'base' }, { filter: () => c.gt(c.size(f), v) }),
  queryFilterType: (E, v, _w, f) => E.query('primary', { id: 'base' }, { filter: () => c.type(f, v) }),
  queryFilterNot: (E, v, _w, f) => E.query('primary', { id: 'base' }, { filter: () => c.not(c.eq(f, v)) }),
  count: (E, v, _w, f) => E.count('primary', { id: 'base' }, { filter: () => c.le(f, v) }),
  transactWriteCondition: (E, v, _w, f) => transactWrite([E.conditionOp({ id: 'base' }, () => c.eq(f, v))]),
  conditionBuilders: (_E, v, w, f) => [c.eq(f, v), c.between(f, v, w), c.in(f, [v, w]), c.and(c.eq(f, v), c.ne(f, w))],
};

/** Whole keys given as something else than an object (null, a string, a proxy), in every position that takes a key. */
export const keyObjectCalls: Record<string, Call> = {
  getKeyObject: (E, v) => E.get(v),
  getItemKey: (E, v) => getItem(E, v),
  deleteKeyObject: (E, v) => E.delete(v),
  deleteItemKey: (E, v) => deleteItem(E, v),
  updateKeyObject: (E, v) => E.update(v, { set: { s: 'y' } }),
  updateItemKey: (E, v) => updateItem(E, v, { set: { s: 'y' } }),
  extendExpiryKey: (E, v) => E.extendExpiry(v, { after: '1h' }),
  removeExpiryKey: (E, v) => removeExpiry(E, v),
  queryKeyObject: (E, v) => E.query('primary', v),
  queryFnKey: (E, v) => query(E, 'gsi1', v),
  countKey: (E, v) => count(E, 'primary', v),
  getOpKey: (E, v) => transactGet([getOp(E, v)]),
  batchGetOpKey: (E, v) => batchGet([E.getOp(v)]),
  deleteOpKey: (E, v) => transactWrite([deleteOp(E, v)]),
  batchDeleteOpKey: (E, v) => batchWrite([E.deleteOp(v)]),
  updateOpKey: (E, v) => transactWrite([updateOp(E, v, { set: { s: 'y' } })]),
  conditionOpKey: (E, v) => transactWrite([conditionOp(E, v, (c) => c.exists('s'))]),
  putOpWhole: (E, v) => transactWrite([putOp(E, v)]),
  putItemWhole: (E, v) => putItem(E, v),
};

/** Attribute paths, update operands, conditions and whole update inputs given as something else (null, a bigint, a function). */
export const pathCalls: Record<string, Call> = {
  queryFilterRaw: (E, v) => E.query('primary', { id: 'base' }, { filter: v }),
  putConditionRaw: (E, v) => E.put(BASE, { condition: v }),
  conditionOpRaw: (E, v) => transactWrite([E.conditionOp({ id: 'base' }, v)]),
  conditionPath: (_E, v, w) => [c.eq(v, w), c.exists(v), c.beginsWith(v, 'a'), c.size(v), c.attr(v)],
  updateArithmetic: (E, v, w) => E.update({ id: 'base' }, (u: any) => u.set('n', u.plus(v, w))),
  updateBuilderPath: (E, v, w) => E.update({ id: 'base' }, (u: any) => [u.set(v, w)]),
  updateBuilderRemove: (E, v) => E.update({ id: 'base' }, (u: any) => u.remove(v)),
  updateBuilderResult: (E, v) => E.update({ id: 'base' }, () => v),
  updateRemove: (E, v) => E.update({ id: 'base' }, { remove: [v] } as never),
  updateRemoveWhole: (E, v) => E.update({ id: 'base' }, { remove: v } as never),
  updateSetWhole: (E, v, _w, f) => E.update({ id: 'base' }, { [f === '' ? 'set' : 'add']: v } as never),
  updateChanges: (E, v) => E.update({ id: 'base' }, v),
  updateItemChanges: (E, v) => updateItem(E, { id: 'base' }, v),
  updateOpChanges: (E, v) => transactWrite([E.updateOp({ id: 'base' }, v)]),
  expiresAt: (E, v) => E.extendExpiry({ id: 'base' }, v),
};

/** Options objects, projection lists and operation lists given as something else (null, a symbol, a proxy). */
export const optionCalls: Record<string, Call> = {
  getAttributes: (E, v, w) => E.get({ id: 'base' }, { attributes: [v, w] as never }),
  putOptions: (E, v) => E.put(BASE, v),
  getOptions: (E, v) => E.get({ id: 'base' }, v),
  updateOptions: (E, v) => E.update({ id: 'base' }, { set: { s: 'x' } }, v),
  queryOptions: (E, v) => E.query('primary', { id: 'base' }, v),
  queryIndexName: (E, v) => E.query(v, { id: 'base' }),
  scan: (E, v) => E.scan(v),
  transactWriteOps: (_E, v) => transactWrite(v),
  transactWriteOptions: (E, v) => transactWrite([E.putOp(BASE)], v),
  batchWriteOps: (_E, v) => batchWrite(v),
  batchWriteOptions: (E, v) => batchWrite([E.putOp(BASE)], v),
  batchGetOps: (_E, v) => batchGet(v),
  batchGetOptions: (E, v) => batchGet([E.getOp({ id: 'base' })], v),
  transactGetOps: (_E, v) => transactGet(v),
  transactGetOptions: (E, v) => transactGet([E.getOp({ id: 'base' })], v),
  transactWriteOpsList: (E, v) => transactWrite([E.putOp(BASE), v]),
  batchWriteOpsList: (E, v) => batchWrite([E.putOp(BASE), v]),
  batchGetOpsList: (E, v) => batchGet([E.getOp({ id: 'base' }), v]),
  writeIdempotentlyOp: (_E, v) => writeIdempotently(v, { idempotencyKey: 'k' }),
  writeIdempotentlyOptions: (E, v) => writeIdempotently(E.putOp(BASE), v),
  getItemOptions: (E, v) => getItem(E, { id: 'base' }, v),
  putItemOptions: (E, v) => putItem(E, BASE, v),
  deleteOptions: (E, v) => E.delete({ id: 'nope' }, v),
  deleteItemOptions: (E, v) => deleteItem(E, { id: 'nope' }, v),
  updateItemOptions: (E, v) => updateItem(E, { id: 'base' }, { set: { s: 'x' } }, v),
  queryFnOptions: (E, v) => query(E, 'primary', { id: 'base' }, v),
  queryPagesOptions: async (E, v) => {
    for await (const _ of E.queryPages('primary', { id: 'base' }, v)) break;
  },
  countOptions: (E, v) => count(E, 'primary', { id: 'base' }, v),
  scanFn: (E, v) => scan(E, v),
  scanPagesOptions: async (E, v) => {
    for await (const _ of E.scanPages(v)) break;
  },
  putOpOptions: (E, v) => transactWrite([E.putOp(BASE, v)]),
  deleteOpOptions: (E, v) => transactWrite([E.deleteOp({ id: 'nope' }, v)]),
  updateOpOptions: (E, v) => transactWrite([E.updateOp({ id: 'base' }, { set: { s: 'x' } }, v)]),
  expiryOptions: (E, v) => extendExpiry(E, { id: 'base' }, { after: '1h' }, v),
  sortInput: (E, v) => E.query('gsi1', { status: 'open' }, { sort: v } as never),
  sortBuilder: (E, v, w) => E.query('gsi1', { status: 'open' }, { sort: (k: any) => k.between(v, w) } as never),
};

/** Calls that may write the base item. */
const WRITES = /^(put|create|update|delete|transactWrite|batchWrite|writeIdempotently|expiry|extendExpiry|removeExpiry|conditionOp)/;

/** Errors that are DynamoDB's verdict on a condition it evaluated: the only rejections allowed after a request. */
const isConditionOutcome = (e: unknown) =>
  e instanceof ConditionFailedError ||
  e instanceof TransactionCanceledError ||
  // An ADD whose sum with the stored number needs more than 38 digits (1 + 1e38): valid input, refused for the stored value.
  (e instanceof DynamoDBError && /precision up to 38 digits/.test(e.message));

async function readBase(): Promise<Record<string, AttributeValue> | undefined> {
  return (await client.send(new GetItemCommand({ TableName: table.name, Key: baseKey, ConsistentRead: true }))).Item;
}

async function restoreBase(): Promise<void> {
  await client.send(new PutItemCommand({ TableName: table.name, Item: baseline }));
}

beforeAll(async () => {
  table = await createTestTable(client, { transport, ttlAttribute: 'ttl' });
  await thing(table).put(BASE);
  baseline = (await readBase())!;
});

async function checkCalls(calls: Record<string, Call>, classes: readonly HostileClass[], numRuns: number): Promise<void> {
  const E = thing(table);
  const value = hostileValues(classes);
  // fast-check's time limit abandons a run in flight (it races the run against a timer): the next
  // run, or the next test, waits for it, so a write still under way cannot change the base item
  // under a later check.
  let inFlight: Promise<void> = Promise.resolve();
  const serially = async (name: string, makeV: () => unknown, makeW: () => unknown, f: string): Promise<void> => {
    await inFlight.catch(() => undefined);
    inFlight = checkRun(E, calls[name]!, name, makeV(), makeW(), f);
    return inFlight;
  };
  let passed = false;
  try {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...Object.keys(calls)), value, value, field, serially), {
      numRuns: Number(process.env.HOSTILE_RUNS ?? numRuns),
      interruptAfterTimeLimit: Number(process.env.HOSTILE_TIME_MS ?? 6_000),
    });
    passed = true;
  } finally {
    // A run abandoned at the time limit still counts: its failure fails the test.
    await (passed ? inFlight : inFlight.catch(() => undefined));
  }
}

/** One call with hostile values: refused with a TablewrightError before any request, or harmless. */
async function checkRun(E: Thing, call: Call, name: string, v: unknown, w: unknown, f: string): Promise<void> {
  const sentBefore = transport.sent.length;
  let error: unknown;
  try {
    const result = call(E, v, w, f);
    if (result && typeof (result as Promise<unknown>).then === 'function') await result;
  } catch (e) {
    error = e;
  }
  if (error !== undefined && !(error instanceof TablewrightError)) {
    const e = error as Error;
    if (process.env.HOSTILE_COLLECT) return void console.log('ESCAPE', name, e?.constructor?.name, String(e?.message).slice(0, 80));
    expect.fail(`${name}(v=${describeValue(v)}, w=${describeValue(w)}, f=${JSON.stringify(f)}) threw ${e?.constructor?.name}: ${e?.message}`);
  }
  if (error !== undefined && !isConditionOutcome(error) && transport.sent.length !== sentBefore) {
    const e = error as Error;
    if (process.env.HOSTILE_COLLECT) return void console.log('SENT', name, e?.constructor?.name, String(e?.message).slice(0, 100));
    expect.fail(`${name}(v=${describeValue(v)}, w=${describeValue(w)}) was refused only after a request: ${e?.constructor?.name}: ${e?.message}`);
  }
  if (!WRITES.test(name)) return;
  if (error !== undefined) expect(await readBase()).toEqual(baseline); // a refused write changes nothing
  else await restoreBase();
}

describe('no error escapes the TablewrightError hierarchy (property, against Local)', () => {
  it('item values of every hostile class in put, create, update, putOp, updateOp, size', async () => {
    await checkCalls(itemCalls, ['primitive', 'object', 'trap', 'generated'], 150);
  });

  // Left out: traps (throwing proxies and getters as key values); the keys helper validates key values before use.
  it('key values in get, delete, query, getOp and deleteOp', async () => {
    await checkCalls(keyCalls, ['primitive', 'object', 'generated'], 80);
  });

  // Left out: traps and objects (cycles, getters, invalid dates, typed arrays as operands; bigints in paths);
  // the conds helper validates operands like written values (ExpressionContext.value can hand them to marshallValue).
  it('condition, filter and sort operands, paths and update builders', async () => {
    await checkCalls(expressionCalls, ['primitive'], 80);
  });

  it('whole keys that are not objects, in every key position', async () => {
    await checkCalls(keyObjectCalls, ['primitive', 'object', 'trap', 'generated'], 120);
  });

  it('attribute paths, update operands and whole update inputs of the wrong type', async () => {
    await checkCalls(pathCalls, ['primitive', 'object', 'trap', 'generated'], 120);
  });

  it('options objects, projections and operation lists of the wrong type', async () => {
    await checkCalls(optionCalls, ['primitive', 'object', 'trap', 'generated'], 150);
  });

  it('key values and condition operands of every class, traps included', async () => {
    await checkCalls({ ...keyCalls, ...expressionCalls }, ['object', 'trap', 'generated'], 120);
  });
});
