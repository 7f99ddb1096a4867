/**
 * Smoke benchmark of the direct transport: main-thread CPU per GetItem
 * against `client.send(GetItemCommand)`, both talking to a canned HTTP/1.1
 * keep-alive server in a child process (so its CPU is not counted).
 *
 *   npx tsx benchmarks/direct-smoke.ts [--ops 3000] [--rounds 5]
 *
 * Prints CPU µs per op for each row and the ratio to `raw-client`
 * (target for tablewright-direct: ≤ 0.45).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import { directTransport, Table } from '../src/index.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const OPS = arg('ops', 3000);
const ROUNDS = arg('rounds', 5);

const ITEM = {
  pk: { S: 'USER#u1' },
  sk: { S: 'PROFILE' },
  _et: { S: 'User' },
  userId: { S: 'u1' },
  name: { S: 'Ada Lovelace' },
  email: { S: 'ada@example.com' },
  age: { N: '36' },
  score: { N: '98.5' },
  active: { BOOL: true },
  createdAt: { S: '2024-05-01T12:00:00.000Z' },
  updatedAt: { S: '2024-05-02T12:00:00.000Z' },
  country: { S: 'GB' },
  plan: { S: 'pro' },
  address: { M: { street: { S: '1 Main St' }, city: { S: 'London' }, zip: { S: 'N1' } } },
  orders: { L: [1, 2, 3, 4, 5].map((i) => ({ M: { id: { S: `o${i}` }, total: { N: String(i * 10) }, paid: { BOOL: i % 2 === 0 } } })) },
  tags: { SS: ['a', 'b', 'c'] },
};
const RESPONSE = JSON.stringify({ Item: ITEM });

const SERVER = `
const http = require('node:http');
const body = ${JSON.stringify(RESPONSE)};
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'REQ', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
const endpoint = `http://127.0.0.1:${chunk.toString().trim()}`;

const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' } });
const input = { TableName: 'bench', Key: { pk: { S: 'USER#u1' }, sk: { S: 'PROFILE' } } };
const direct = directTransport(client);

const schema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  age: z.number(),
  score: z.number(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  country: z.string(),
  plan: z.string(),
  address: z.object({ street: z.string(), city: z.string(), zip: z.string() }),
  orders: z.array(z.object({ id: z.string(), total: z.number(), paid: z.boolean() })),
  tags: z.set(z.string()),
});
const keys = { primary: { pk: ['USER', 'userId'], sk: ['PROFILE'] } } as const;
const sdkTable = new Table({ name: 'bench', client, partitionKey: 'pk', sortKey: 'sk' });
const directTable = new Table({ name: 'bench', client, partitionKey: 'pk', sortKey: 'sk', transport: direct });
const SdkUser = sdkTable.entity('User', { schema, keys });
const DirectUser = directTable.entity('User', { schema, keys });

const rows: Record<string, () => Promise<unknown>> = {
  'raw-client': async () => unmarshall((await client.send(new GetItemCommand(input))).Item!),
  'direct-transport': async () => unmarshall((await direct.send('GetItem', input)).Item!),
  tablewright: () => SdkUser.get({ userId: 'u1' }),
  'tablewright-direct': () => DirectUser.get({ userId: 'u1' }),
};

// Each row checks once that it read the right item.
for (const [name, run] of Object.entries(rows)) {
  const item = (await run()) as { email?: string };
  if (item?.email !== 'ada@example.com') throw new Error(`${name}: wrong item ${JSON.stringify(item)}`);
}

async function measure(run: () => Promise<unknown>, ops: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < ops; i++) await run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / ops;
}

for (const run of Object.values(rows)) await measure(run, Math.min(OPS, 1000)); // warm-up
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(rows).map((k) => [k, []]));
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, run] of Object.entries(rows)) samples[name]!.push(await measure(run, OPS));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const raw = median(samples['raw-client']!);
console.log(`CPU per GetItem (median of ${ROUNDS} rounds × ${OPS} ops, canned keep-alive server in a child process)`);
for (const [name, xs] of Object.entries(samples)) {
  const m = median(xs);
  console.log(`${name.padEnd(20)} ${m.toFixed(1).padStart(7)} µs/op   ratio to raw-client ${(m / raw).toFixed(2)}`);
}
client.destroy();
child.kill();
