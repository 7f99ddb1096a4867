import { z } from 'zod';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Table, condition as c0, transactWrite, batchWrite } from '../src/index.js';
const c = c0 as any;
const t = new Table({ name: 'xyz', client: new DynamoDBClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 }), partitionKey: 'pk', sortKey: 'sk', indexes: { gsi1: { partitionKey: 'g', sortKey: 'gs' } } });
const E = t.entity('E', { schema: z.object({ id: z.string(), n: z.number().optional(), s: z.string().optional(), status: z.string().optional() }), keys: { primary: { pk: ['E', 'id'], sk: ['E'] }, gsi1: { pk: ['ST', 'status'], sk: ['N', 'n'] } } }) as any;
const fail = () => { throw new TypeError('proxy trap exploded'); };
const proxy = () => new Proxy({}, { ownKeys: fail, get: fail, has: fail, getOwnPropertyDescriptor: fail, getPrototypeOf: fail });
const cyc = () => { const o: any = { a: 1 }; o.self = o; return o; };
const getter = () => Object.defineProperty({ id: 'x' }, 'boom', { enumerable: true, get() { throw new RangeError('getter exploded'); } });
const cases: Record<string, () => unknown> = {
  getNull: () => E.get(null), getProxy: () => E.get(proxy()),
  removeCyc: () => E.update({ id: 'a' }, { remove: [cyc()] }), removeProxy: () => E.update({ id: 'a' }, { remove: [proxy()] }), removeGetter: () => E.update({ id: 'a' }, { remove: [getter()] }),
  changesProxy: () => E.update({ id: 'a' }, proxy()),
  txOps: () => transactWrite([undefined] as any), batchOps: () => batchWrite([undefined] as any),
  condProxy: () => c.eq('n', proxy()), queryIndexProxy: () => E.query('gsi1', { status: proxy() }), queryProxy: () => E.query('primary', { id: proxy() }),
  filterGetter: () => E.query('primary', { id: 'a' }, { filter: () => c.between('n', getter(), 1) }),
  filterSize: () => E.query('primary', { id: 'a' }, { filter: () => c.gt(c.size('n'), getter()) }),
  fns: () => E.query('primary', { id: 'a' }, { filter: () => c.beginsWith('s', getter()) }),
  putCond: () => E.put({ id: 'a' }, { condition: () => c.eq('n', proxy()) }),
};
for (const [name, f] of Object.entries(cases)) {
  try { const r = f(); if (r && typeof (r as any).then === 'function') await r; console.log(name, 'ok'); }
  catch (e: any) { if (e?.constructor?.name?.endsWith('Error') && 'name' in e && e instanceof Error && (e as any).constructor.name !== 'TypeError' && e.constructor.name !== 'RangeError') { console.log(name, 'typed', e.constructor.name); } else console.log(name, 'ESC', e?.constructor?.name, String(e?.stack).split('\n').slice(0, 6).join(' | ')); }
}
