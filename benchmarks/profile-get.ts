/**
 * Profiles one row's get in stub or canned mode, without peers or Local:
 *   node --cpu-prof --cpu-prof-dir=benchmarks/results --import tsx benchmarks/profile-get.ts [row] [ops] [stub|canned]
 * rows: raw-client | raw-client-zod | tablewright | tablewright-direct. Prints CPU µs/op.
 */
import { checkItem, ITEM } from './lib/fixture.js';
import { startCanned } from './lib/canned.js';
import { clientDynamodb, makeClient, utilDynamodb, type Target } from './lib/sdk.js';
import { rawClient, rawClientZod } from './contenders/raw.js';
import { tablewright, tablewrightRow } from './contenders/tablewright.js';
import { directTransport, Table } from '../src/index.js';
import { itemSchema } from './lib/fixture.js';

const [rowName = 'tablewright', opsText = '20000', mode = 'stub'] = process.argv.slice(2);
const tablewrightDirect = tablewrightRow('tablewright-direct', (client) => directTransport(client));
const row = { 'raw-client': rawClient, 'raw-client-zod': rawClientZod, tablewright, 'tablewright-direct': tablewrightDirect }[rowName];
if (!row) throw new Error(`unknown row ${rowName}`);

// The stored item as each fixture would hold it, built without Local.
const storedFor = (fixture: string) => {
  if (fixture === 'raw') return { ...utilDynamodb.marshall(ITEM), pk: { S: 'RAW#acme' }, sk: { S: 'USER#u-0001' } };
  const table = new Table({ name: 'bench', client: makeClient({ kind: 'stub', body: '{}' }), partitionKey: 'pk', sortKey: 'sk' });
  const User = table.entity('BenchUser', { schema: itemSchema, keys: { primary: { pk: ['TW', 'orgId'], sk: ['USER', 'userId'] } } });
  return utilDynamodb.marshall(User.toStored(ITEM));
};
const body = JSON.stringify({ Item: storedFor(row.fixture) });
const canned = mode === 'canned' ? await startCanned({ [row.fixture]: body }) : undefined;
const target: Target = canned ? { kind: 'http', endpoint: canned.endpoint(row.fixture) } : { kind: 'stub', body };
const op = await row.make({ mode: mode as 'stub', target, endpoint: canned?.endpoint(row.fixture) });
checkItem(rowName, await op(), row.setsAsArrays);
const ops = Number(opsText);
for (let i = 0; i < 2000; i++) await op();
const c0 = process.cpuUsage();
for (let i = 0; i < ops; i++) await op();
const c = process.cpuUsage(c0);
console.log(`${rowName} ${mode}: ${((c.user + c.system) / ops).toFixed(1)} µs CPU/op`);
canned?.stop();
void clientDynamodb;
