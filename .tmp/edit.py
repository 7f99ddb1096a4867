p='test/hostile/no-escape.property.test.ts'
s=open(p).read()
def sub(a,b):
    global s
    assert a in s, a
    s=s.replace(a,b)
sub("import { TablewrightError, batchGet, batchWrite, condition, transactGet, transactWrite, type Table } from '../../src/index.js';",
"""import {
  ConditionFailedError,
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
import { countingTransport } from '../helpers/counting-transport.js';""")
sub("""/**
 * No error escapes the TablewrightError hierarchy, whatever the caller
 * passes: every public entry point is called with hostile values in every
 * position, against DynamoDB Local. A call may succeed or throw; when it
 * throws, the error must be a TablewrightError and the stored item must be
 * untouched.
 */

const client = localClient();""","""/**
 * No error escapes the TablewrightError hierarchy, whatever the caller
 * passes: every public entry point (Entity methods, free functions, op
 * builders, transactions and batches, the condition and update builders,
 * options objects) is called with hostile values in every position, against
 * DynamoDB Local. A call may succeed or throw; when it throws, the error must
 * be a TablewrightError, raised before any request unless it is the outcome
 * of a condition DynamoDB evaluated, and the stored item must be untouched.
 */

const client = localClient();
const transport = countingTransport(client);""")
sub("""/** Whole keys given as something else than an object (null, a string). */
export const keyObjectCalls: Record<string, Call> = {
  getKeyObject: (E, v) => E.get(v),
};""","""/** Whole keys given as something else than an object (null, a string, a proxy), in every position that takes a key. */
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
};""")
sub("""export const pathCalls: Record<string, Call> = {
  queryFilterRaw: (E, v) => E.query('primary', { id: 'base' }, { filter: v }),
  updateArithmetic: (E, v, w) => E.update({ id: 'base' }, (u: any) => u.set('n', u.plus(v, w))),
  updateRemove: (E, v) => E.update({ id: 'base' }, { remove: [v] } as never),
  updateChanges: (E, v) => E.update({ id: 'base' }, v),
};""","""export const pathCalls: Record<string, Call> = {
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
};""")
sub("""  transactGetOps: (_E, v) => transactGet(v),
};""","""  transactGetOps: (_E, v) => transactGet(v),
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
};""")
sub("""/** Calls that may write the base item. */
const WRITES = /^(put|create|update|delete|transactWrite|batchWrite)/;""","""/** Calls that may write the base item. */
const WRITES = /^(put|create|update|delete|transactWrite|batchWrite|writeIdempotently|expiry|extendExpiry|removeExpiry|conditionOp)/;

/** Errors that are DynamoDB's verdict on a condition it evaluated: the only rejections allowed after a request. */
const isConditionOutcome = (e: unknown) => e instanceof ConditionFailedError || e instanceof TransactionCanceledError;""")
sub("""  table = await createTestTable(client);""","""  table = await createTestTable(client, { transport, ttlAttribute: 'ttl' });""")
sub("""      const v = makeV();
      const w = makeW();
      let error: unknown;""","""      const v = makeV();
      const w = makeW();
      const sentBefore = transport.sent.length;
      let error: unknown;""")
sub("""        expect.fail(`${name}(v=${describeValue(v)}, w=${describeValue(w)}, f=${JSON.stringify(f)}) threw ${e?.constructor?.name}: ${e?.message}`);
      }""","""        expect.fail(`${name}(v=${describeValue(v)}, w=${describeValue(w)}, f=${JSON.stringify(f)}) threw ${e?.constructor?.name}: ${e?.message}`);
      }
      if (error !== undefined && !isConditionOutcome(error) && transport.sent.length !== sentBefore) {
        const e = error as Error;
        if (process.env.HOSTILE_COLLECT) return void console.log('SENT', name, e?.constructor?.name, String(e?.message).slice(0, 100));
        expect.fail(`${name}(v=${describeValue(v)}, w=${describeValue(w)}) was refused only after a request: ${e?.constructor?.name}: ${e?.message}`);
      }""")
open(p,'w').write(s)
