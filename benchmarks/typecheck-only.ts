/**
 * Runs only the type-check measure (the realistic 60-entity fixture for
 * tablewright and ElectroDB) and prints its rows:
 * `npx tsx benchmarks/typecheck-only.ts [--quick]`.
 */
import { typecheck } from './extras/typecheck.js';

const quick = process.argv.includes('--quick');
const rows = await typecheck({ quick, items: {}, key: { orgId: 'o', userId: 'u' }, log: (m) => console.error(m) });
for (const row of rows) console.log(`${row.name}: ${row.value.toFixed(0)} ${row.unit} (${row.ratio?.toFixed(2)}× electrodb) — ${row.note}`);
