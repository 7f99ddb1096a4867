import { isDeepStrictEqual } from 'node:util';

/** Prints a check and exits non-zero at the end if any failed. Examples use it to prove what they show. */
let failures = 0;

export function check(label: string, actual: unknown, expected: unknown): void {
  const ok = isDeepStrictEqual(actual, expected);
  if (!ok) failures++;
  console.log(`${ok ? '✓' : '✗'} ${label}${ok ? '' : `\n    expected ${show(expected)}\n    actual   ${show(actual)}`}`);
}

/** Prints a step heading. */
export function step(title: string): void {
  console.log(`\n▸ ${title}`);
}

function show(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v instanceof Set ? [...v] : typeof v === 'bigint' ? `${v}n` : v));
}

process.on('exit', (code) => {
  if (failures > 0 && code === 0) {
    console.error(`${failures} check(s) failed`);
    process.exitCode = 1;
    process.exit(1);
  }
});
