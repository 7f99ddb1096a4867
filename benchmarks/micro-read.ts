/**
 * Micro-benchmark of the modeling layer alone (no SDK request): what a get
 * does with the response Item after the SDK returns it.
 *   npx tsx benchmarks/micro-read.ts [iterations]
 */
import { Table } from '../src/index.js';
import { fromStoredItem, primaryKey } from '../src/model/item-codec.js';
import { readStoredItem } from '../src/model/item-reader.js';
import { unmarshallItem } from '../src/marshalling/marshall.js';
import { ITEM, itemSchema } from './lib/fixture.js';
import { makeClient, utilDynamodb } from './lib/sdk.js';

const table = new Table({ name: 'bench', client: makeClient({ kind: 'stub', body: '{}' }), partitionKey: 'pk', sortKey: 'sk' });
const User = table.entity('BenchUser', { schema: itemSchema, keys: { primary: { pk: ['TW', 'orgId'], sk: ['USER', 'userId'] } } });
const model = User.model;
const stored = utilDynamodb.marshall(User.toStored(ITEM));
const json = JSON.stringify(stored);
const n = Number(process.argv[2] ?? 100000);
// Fresh parsed copies (as the SDK hands each response over), built before timing.
const pool = Array.from({ length: 1024 }, () => JSON.parse(json));
let at = 0;
const next = () => pool[at++ & 1023];
let sink: unknown;

const cases: Record<string, () => unknown> = {
  'unmarshall only (util-dynamodb)': () => utilDynamodb.unmarshall(next()),
  'unmarshall + zod (raw-client-zod work)': () => {
    const { pk: _a, sk: _b, ...rest } = utilDynamodb.unmarshall(next());
    return itemSchema.parse(rest);
  },
  'key + unmarshallItem + fromStoredItem (before)': () => {
    primaryKey(model, { orgId: 'acme', userId: 'u-0001' });
    return fromStoredItem(model, unmarshallItem(next()));
  },
  'key + readStoredItem (fused)': () => {
    primaryKey(model, { orgId: 'acme', userId: 'u-0001' });
    return readStoredItem(model, next());
  },
};
for (let round = 0; round < 3; round++) {
  for (const [name, fn] of Object.entries(cases)) {
    for (let i = 0; i < 2000; i++) sink = fn();
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) sink = fn();
    const c = process.cpuUsage(c0);
    if (round === 2) console.log(`${(((c.user + c.system) / n)).toFixed(2).padStart(7)} µs  ${name}`);
  }
}
void sink;
