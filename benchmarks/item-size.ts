/**
 * Cost of the item size calculator per item: a small item and a ~300 KB
 * item, in both input forms (plain JS and marshalled). Self-contained; the
 * main benchmark harness can import {@link benchItemSize}.
 *
 * Run: npx tsx benchmarks/item-size.ts
 */
import { pathToFileURL } from 'node:url';
import { marshall } from '@aws-sdk/util-dynamodb';
import { itemSize, itemSizeBreakdown, marshalledItemSize } from '../src/index.js';

const small = {
  pk: 'ORG#acme',
  sk: 'USER#u-123',
  _et: 'User',
  email: 'ann@acme.io',
  name: 'Zoë Ann',
  age: 37,
  score: -19.99,
  active: true,
  tags: new Set(['admin', 'beta']),
  profile: { city: 'Oslo', zip: 150, since: '2020-01-02T03:04:05.006Z' },
  roles: ['owner', 'billing'],
};

function bigItem(): Record<string, unknown> {
  const paragraphs = Array.from({ length: 3500 }, (_, i) => `Paragraph ${i}: “größere” items cost more ✓`);
  return {
    pk: 'DOC#1',
    sk: 'DOC',
    _et: 'Doc',
    body: paragraphs.join('\n'), // ~135 KB of mixed-width UTF-8
    blob: new Uint8Array(60_000),
    rows: Array.from({ length: 1500 }, (_, i) => ({ i, price: i * 1.25, label: `row-${i}`, ok: i % 2 === 0 })),
    ids: new Set(Array.from({ length: 2000 }, (_, i) => i * 7919)),
  };
}

/** Runs `fn` repeatedly for about `ms` of wall time; returns CPU µs per call (user + system). */
function measure(fn: () => void, ms = 300): number {
  // Warm-up until the JIT has settled (time-based, so big and small items both get enough calls).
  const warm = performance.now();
  while (performance.now() - warm < ms / 2) fn();
  let ops = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 10; i++) fn();
    ops += 10;
  }
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / ops;
}

/** Benchmarks the calculator; returns CPU microseconds per item for each case. */
export async function benchItemSize(): Promise<Array<{ name: string; usPerOp: number }>> {
  const big = bigItem();
  const bigBytes = itemSize(big);
  const smallMarshalled = marshall(small);
  const bigMarshalled = marshall(big);
  let sink = 0;
  const results = [
    { name: `itemSize small (${itemSize(small)} B)`, usPerOp: measure(() => (sink += itemSize(small))) },
    { name: `marshalledItemSize small`, usPerOp: measure(() => (sink += marshalledItemSize(smallMarshalled))) },
    { name: `itemSizeBreakdown small`, usPerOp: measure(() => (sink += itemSizeBreakdown(small).size)) },
    { name: `itemSize ~300 KB (${bigBytes.toLocaleString('en-US')} B)`, usPerOp: measure(() => (sink += itemSize(big))) },
    { name: `marshalledItemSize ~300 KB`, usPerOp: measure(() => (sink += marshalledItemSize(bigMarshalled))) },
    { name: `marshall ~300 KB (SDK, for scale)`, usPerOp: measure(() => (sink += Object.keys(marshall(big)).length)) },
  ];
  if (sink === 42) console.log(''); // keep the results observable
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await benchItemSize();
  for (const { name, usPerOp } of results) console.log(`${name.padEnd(42)} ${usPerOp.toFixed(2).padStart(10)} µs/item`);
}
